/**
 * The session an authenticated API runs with (Amplify's `fetchAuthSession` + `assertAuthTokens`):
 * the tokens from the `TokenProvider`, refreshed when due. No session is
 * `UserUnAuthenticatedException`; a refresh that fails without ending the session surfaces as its
 * own typed error.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import type * as Redacted from "effect/Redacted"
import { UserUnAuthenticatedException } from "./AuthError.js"
import { type RefreshError, TokenProvider } from "./TokenProvider.js"
import type * as Tokens from "./Tokens.js"

/** Why an authenticated API could not get a session. @since 0.1.0 */
export type SessionError = UserUnAuthenticatedException | RefreshError

/**
 * The signed-in session, or `UserUnAuthenticatedException`.
 * @since 0.1.0
 */
export const tokens: Effect.Effect<Tokens.TokenSet, SessionError, TokenProvider> = Effect.flatMap(
  TokenProvider,
  (provider) => provider.getTokens()
).pipe(
  Effect.flatMap(
    Option.match({
      onNone: () => Effect.fail(new UserUnAuthenticatedException()),
      onSome: Effect.succeed
    })
  )
)

/**
 * The raw access token of the signed-in session (the `AccessToken` member of a request), or
 * `UserUnAuthenticatedException`.
 * @since 0.1.0
 */
export const accessToken: Effect.Effect<Redacted.Redacted<string>, SessionError, TokenProvider> = Effect.map(
  tokens,
  (session) => session.accessToken.raw
)
