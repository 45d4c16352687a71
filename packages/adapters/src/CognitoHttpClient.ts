/**
 * The Cognito ports over `@effect/platform`'s `HttpClient`: what Effect apps provide, with their
 * own client (Node, fetch, a test client), spans and middleware. Headers, decoding, retries and
 * the per-attempt timeout come from `AwsJson.exchange`, exactly as in `CognitoFetchClient`;
 * interruption (a timeout included) aborts the request through the client.
 *
 * Trace propagation headers (`traceparent`, `b3`) are switched off for these requests: Cognito's
 * CORS rules would reject them in a browser. Spans are still recorded.
 *
 * @since 0.1.0
 */
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import { AuthConfig } from "@cognito-effect/domain/AuthConfig"
import { TransportError } from "@cognito-effect/domain/AuthError"
import * as AwsJson from "@cognito-effect/domain/AwsJson"
import type { RetryOptions } from "@cognito-effect/domain/RetryPolicy"
import { CognitoClient, type AwsJsonClient } from "@cognito-effect/domain/services/CognitoClient"
import { IdentityClient } from "@cognito-effect/domain/services/IdentityClient"
import { ClockSkew, observe } from "./ClockSkew.js"

/** @since 0.1.0 */
export interface Options {
  /** Overrides the endpoint from `AuthConfig`; used verbatim as the POST URL. */
  readonly endpoint?: string
  /** Attempts, backoff and per-attempt timeout (defaults: Amplify's policy, 30 s). */
  readonly retry?: RetryOptions
  /** `x-amz-user-agent` (default `AwsJson.defaultUserAgent`). */
  readonly userAgent?: string
  /** Amplify's `Auth.headers`: extra headers per call, user-pool calls only. */
  readonly headers?: Effect.Effect<Readonly<Record<string, string>>>
}

/**
 * A client that POSTs every operation to `endpoint` with the `HttpClient` in context. Records
 * `Date` headers into `ClockSkew` when that service is provided.
 * @since 0.1.0
 */
export const make = (endpoint: string, options: Options = {}): Effect.Effect<AwsJsonClient, never, HttpClient.HttpClient> =>
  Effect.gen(function* () {
    const client = HttpClient.withTracerPropagation(yield* HttpClient.HttpClient, false)
    const skew = yield* Effect.serviceOption(ClockSkew)
    const send: AwsJson.Send = (request) =>
      client.execute(
        HttpClientRequest.post(endpoint, { headers: request.headers }).pipe(
          HttpClientRequest.bodyText(request.body, AwsJson.contentType)
        )
      ).pipe(
        Effect.flatMap((response) =>
          Effect.map(response.text, (body) => ({ status: response.status, headers: response.headers, body }))
        ),
        // Keep only the underlying cause: the platform error carries the request, body (secrets) included.
        Effect.mapError((error) =>
          new TransportError({
            reason: "Network",
            operation: request.operation,
            message: `${request.operation} could not reach ${endpoint}`,
            cause: error.cause
          })
        ),
        Effect.tap((response) => Option.isSome(skew) ? observe(skew.value, response.headers["date"]) : Effect.void)
      )
    return AwsJson.makeClient(send, {
      ...(options.retry !== undefined ? { retry: options.retry } : {}),
      ...(options.userAgent !== undefined ? { userAgent: options.userAgent } : {}),
      ...(options.headers !== undefined ? { headers: options.headers } : {})
    })
  })

/**
 * `CognitoClient` for the configured user pool (`AuthConfig.userPool.endpoint`, or
 * `options.endpoint`). Without either, the Layer still builds (an identity-pool-only app needs no
 * user pool) and a call dies: steps check the configuration first.
 * @since 0.1.0
 */
export const layer = (options: Options = {}): Layer.Layer<CognitoClient, never, HttpClient.HttpClient | AuthConfig> =>
  Layer.effect(
    CognitoClient,
    Effect.flatMap(AuthConfig, (config) => {
      const endpoint = options.endpoint ?? config.userPool?.endpoint
      return endpoint === undefined ? Effect.succeed(AwsJson.unconfiguredClient("user pool")) : make(endpoint, options)
    })
  )

/**
 * `IdentityClient` for the configured identity pool. Custom headers are never sent there (as in
 * Amplify), so the option does not exist.
 * @since 0.1.0
 */
export const layerIdentity = (
  options: Omit<Options, "headers"> = {}
): Layer.Layer<IdentityClient, never, HttpClient.HttpClient | AuthConfig> =>
  Layer.effect(
    IdentityClient,
    Effect.flatMap(AuthConfig, (config) => {
      const endpoint = options.endpoint ?? config.identityPool?.endpoint
      return endpoint === undefined
        ? Effect.succeed(AwsJson.unconfiguredClient("identity pool"))
        : make(endpoint, options)
    })
  )
