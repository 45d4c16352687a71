/**
 * The `OAuthClient` port over the global `fetch`: one form-encoded `POST` to the hosted UI's
 * `/oauth2/token`, decoded by `OAuth.decodeTokenResponse`. No retries: an authorization code is
 * single-use, so a second attempt after a lost answer could only be refused. A per-request
 * timeout (30 s by default) aborts the `fetch`.
 *
 * @since 0.1.0
 */
import { TransportError } from "@cognito-effect/domain/AuthError"
import * as OAuth from "@cognito-effect/domain/OAuth"
import { OAuthClient, type OAuthClientService, type RefreshVia } from "@cognito-effect/domain/services/OAuthClient"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"

/** @since 0.1.0 */
export interface Options {
  /** The `fetch` to use (default: `globalThis.fetch`, looked up at each request). */
  readonly fetch?: typeof globalThis.fetch
  /** per request (default 30 seconds) */
  readonly timeout?: Duration.DurationInput
  /** how hosted-UI sessions are refreshed (default `GetTokensFromRefreshToken`, as Amplify) */
  readonly refreshVia?: RefreshVia
}

const operation = "oauth2/token"

/** @since 0.1.0 */
export const make = (options: Options = {}): OAuthClientService => {
  const timeout = Duration.decode(options.timeout ?? Duration.seconds(30))
  return {
    refreshVia: options.refreshVia ?? "GetTokensFromRefreshToken",
    token: (request) =>
      Effect.tryPromise({
        try: async (signal) => {
          const response = await (options.fetch ?? globalThis.fetch)(request.url, {
            method: "POST",
            headers: { "content-type": "application/x-www-form-urlencoded" },
            body: Redacted.value(request.body),
            cache: "no-store",
            signal
          })
          return { status: response.status, body: await response.text() }
        },
        catch: (cause) =>
          new TransportError({ reason: "Network", operation, message: `The token endpoint ${new URL(request.url).origin} could not be reached.`, cause })
      }).pipe(
        Effect.timeoutFail({
          duration: timeout,
          onTimeout: () =>
            new TransportError({ reason: "Timeout", operation, message: `The token endpoint did not answer within ${Duration.format(timeout)}.` })
        }),
        Effect.flatMap(({ status, body }) => OAuth.decodeTokenResponse(status, body)),
        Effect.withSpan("OAuthFetchClient.token")
      )
  }
}

/** @since 0.1.0 @category layers */
export const layer = (options: Options = {}): Layer.Layer<OAuthClient> => Layer.sync(OAuthClient, () => make(options))
