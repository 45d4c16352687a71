/**
 * The Cognito ports over the global `fetch`: what the browser facade uses, because it adds almost
 * nothing to a bundle (no `@effect/platform`). Requests go out as Amplify sends them
 * (`cache: "no-store"`, `credentials: "same-origin"`); headers, decoding, retries and the
 * per-attempt timeout come from `AwsJson.exchange`. Interrupting a call aborts its `fetch`.
 *
 * @since 0.1.0
 */
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
  /** Amplify's `Auth.headers`: extra headers per call, user-pool calls only. A rejection is a defect. */
  readonly headers?: () => Promise<Record<string, string>>
  /** The `fetch` to use (default: `globalThis.fetch`, looked up at each request). */
  readonly fetch?: typeof globalThis.fetch
}

/**
 * A client that POSTs every operation to `endpoint`. Records `Date` headers into `ClockSkew`
 * when that service is provided.
 * @since 0.1.0
 */
export const make = (endpoint: string, options: Options = {}): Effect.Effect<AwsJsonClient> =>
  Effect.map(Effect.serviceOption(ClockSkew), (skew) => {
    const send: AwsJson.Send = (request) =>
      Effect.tryPromise({
        try: async (signal) => {
          const response = await (options.fetch ?? globalThis.fetch)(endpoint, {
            method: "POST",
            headers: request.headers,
            body: request.body,
            cache: "no-store",
            credentials: "same-origin",
            signal
          })
          const headers: Record<string, string> = {}
          response.headers.forEach((value, name) => {
            headers[name] = value
          })
          return { status: response.status, headers, body: await response.text() }
        },
        catch: (cause) =>
          new TransportError({
            reason: "Network",
            operation: request.operation,
            message: `${request.operation} could not reach ${endpoint}`,
            cause
          })
      }).pipe(
        Effect.tap((response) => Option.isSome(skew) ? observe(skew.value, response.headers["date"]) : Effect.void)
      )
    const headers = options.headers
    return AwsJson.makeClient(send, {
      ...(options.retry !== undefined ? { retry: options.retry } : {}),
      ...(options.userAgent !== undefined ? { userAgent: options.userAgent } : {}),
      ...(headers !== undefined ? { headers: Effect.promise(() => headers()) } : {})
    })
  })

/**
 * `CognitoClient` for the configured user pool (`AuthConfig.userPool.endpoint`, or
 * `options.endpoint`). Without either, the Layer still builds (an identity-pool-only app needs no
 * user pool) and a call dies: steps check the configuration first.
 * @since 0.1.0
 */
export const layer = (options: Options = {}): Layer.Layer<CognitoClient, never, AuthConfig> =>
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
export const layerIdentity = (options: Omit<Options, "headers"> = {}): Layer.Layer<IdentityClient, never, AuthConfig> =>
  Layer.effect(
    IdentityClient,
    Effect.flatMap(AuthConfig, (config) => {
      const endpoint = options.endpoint ?? config.identityPool?.endpoint
      return endpoint === undefined
        ? Effect.succeed(AwsJson.unconfiguredClient("identity pool"))
        : make(endpoint, options)
    })
  )
