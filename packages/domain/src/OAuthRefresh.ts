/**
 * Refreshing a session that came from the hosted UI. Amplify (≥ 6.14) refreshes every session,
 * hosted-UI ones included, with `GetTokensFromRefreshToken` at the user-pool API
 * (protocol.md §3.9), and so does this library by default: it is the one path that knows device
 * keys, client metadata and refresh-token rotation the same way for every session. An app that
 * wants the OAuth way (`grant_type=refresh_token` at `/oauth2/token`, e.g. because its app client
 * only allows the hosted UI) sets the `OAuthClient`'s `refreshVia` to `"TokenEndpoint"`; then a
 * session marked `oauthMetadata.oauthSignIn` is refreshed there.
 *
 * The token endpoint's `invalid_grant` (revoked, expired or unknown refresh token) is reported as
 * `NotAuthorizedException`, so it ends the session exactly as Cognito's API refusal would; its
 * other errors keep the session.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import { CognitoServiceError } from "./AuthError.js"
import * as AuthConfig from "./AuthConfig.js"
import * as OAuth from "./OAuth.js"
import { OAuthClient } from "./services/OAuthClient.js"
import { TokenStore } from "./services/TokenStore.js"
import type * as Tokens from "./Tokens.js"
import type { AuthenticationResult } from "./wire/Shapes.js"

const operation = "oauth2/token"

/**
 * New tokens from `/oauth2/token` when this client refreshes hosted-UI sessions there and
 * `tokens` is one; `None` when the API's `GetTokensFromRefreshToken` applies.
 * @since 0.1.0
 */
export const throughTokenEndpoint = Effect.fn("OAuthRefresh.throughTokenEndpoint")(function* (tokens: Tokens.TokenSet) {
  const client = yield* Effect.serviceOption(OAuthClient)
  const config = yield* AuthConfig.AuthConfig
  const oauth = Either.getRight(AuthConfig.requireOAuth(config))
  const clientId = config.userPool?.userPoolClientId
  if (Option.isNone(client) || client.value.refreshVia !== "TokenEndpoint" || Option.isNone(oauth)) return Option.none<AuthenticationResult>()
  if (tokens.refreshToken === undefined || clientId === undefined) return Option.none<AuthenticationResult>()
  const metadata = yield* (yield* TokenStore).getOAuthMetadata(tokens.username)
  if (!Option.exists(metadata, (m) => m.oauthSignIn)) return Option.none<AuthenticationResult>()
  const request = OAuth.tokenRequest(oauth.value.domain, clientId, { grantType: "refresh_token", refreshToken: tokens.refreshToken })
  const response = yield* client.value.token(request).pipe(
    Effect.catchTag("OAuthTokenError", (error) =>
      Effect.fail(new CognitoServiceError({
        exception: error.error === "invalid_grant" ? "NotAuthorizedException" : error.error,
        message: error.message,
        operation,
        metadata: { httpStatusCode: error.httpStatusCode }
      })))
  )
  return Option.some(OAuth.authenticationResult(response))
})
