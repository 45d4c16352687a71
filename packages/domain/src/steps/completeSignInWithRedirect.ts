/**
 * `completeSignInWithRedirect`: on the page the hosted UI sent the browser back to, finishes the
 * sign-in `signInWithRedirect` started — Amplify's `completeOAuthFlow`, as an explicit step
 * instead of a side effect of importing a module.
 *
 * When a redirect is in flight: an `error` in the URL (or no code) fails with
 * `OAuthSignInException`; the `state` must be the stored one (`oauthSignInError`); the code is
 * exchanged at `/oauth2/token` with the stored PKCE verifier (the implicit flow reads the tokens
 * from the fragment). Then the tokens are stored as an OAuth session (user name from the access
 * token's `username`, `oauthMetadata.oauthSignIn`), the flight is cleared, the code is removed
 * from the address bar, and `customOAuthState` (when a custom state came back),
 * `signInWithRedirect` and `signedIn` are published, in that order. Any failure clears the
 * flight and publishes `signInWithRedirect_failure` before failing.
 *
 * `SignInFlow.complete` is not reused because Amplify publishes `signedIn` last, after the two
 * redirect events.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as AuthConfig from "../AuthConfig.js"
import * as CurrentUser from "../CurrentUser.js"
import * as OAuth from "../OAuth.js"
import { OAuthSignInException, OAuthStateMismatchException } from "../OAuthError.js"
import * as OAuthStore from "../OAuthStore.js"
import { tokenSetFrom } from "../SignInFlow.js"
import { AuthEvents, toEventError } from "../services/AuthEvents.js"
import { OAuthClient } from "../services/OAuthClient.js"
import { Redirect } from "../services/Redirect.js"
import { TokenStore } from "../services/TokenStore.js"
import * as Tokens from "../Tokens.js"

/** @since 0.1.0 */
export interface CompleteSignInWithRedirectOutput {
  /** `true` when this call completed a redirect sign-in; `false` when none was in flight */
  readonly isSignedIn: boolean
  /** the custom state given to `signInWithRedirect`, when there was one */
  readonly customState?: string
}

/** Amplify's `validateState`: the state that came back must be the one stored. @since 0.1.0 */
export const validateState = Effect.fn("validateState")(function* (clientId: string, state: string | null | undefined) {
  const saved = yield* OAuthStore.loadState(clientId)
  if (state !== null && state !== undefined && Option.contains(saved, state)) return state
  return yield* state === null
    ? new OAuthStateMismatchException({ message: "`signInWithRedirect` has been canceled." })
    : new OAuthStateMismatchException()
})

/**
 * Whether this page is the hosted UI's answer to a redirect in flight (its URL carries `code` or
 * `error`): what the automatic listener checks before completing.
 * @since 0.1.0
 */
export const isReturning = Effect.gen(function* () {
  const config = yield* AuthConfig.AuthConfig
  const clientId = config.userPool?.userPoolClientId
  if (clientId === undefined || config.userPool?.loginWith?.oauth === undefined) return false
  if (!(yield* OAuthStore.inFlight(clientId))) return false
  return OAuth.carriesResponse(yield* (yield* Redirect).currentUrl)
}).pipe(Effect.withSpan("completeSignInWithRedirect.isReturning"))

/** The code for tokens at `/oauth2/token`, with the stored PKCE verifier. */
const exchange = (clientId: string, oauth: AuthConfig.OAuthConfig, code: Redacted.Redacted<string>, redirectUri: string) =>
  Effect.gen(function* () {
    const codeVerifier = yield* OAuthStore.loadCodeVerifier(clientId)
    const request = OAuth.tokenRequest(oauth.domain, clientId, {
      grantType: "authorization_code",
      code,
      redirectUri,
      ...(Option.isSome(codeVerifier) ? { codeVerifier: codeVerifier.value } : {})
    })
    const response = yield* (yield* OAuthClient).token(request).pipe(
      Effect.catchTag("OAuthTokenError", (error) => Effect.fail(new OAuthSignInException({ message: error.message })))
    )
    return OAuth.authenticationResult(response)
  })

const completion = (clientId: string, oauth: AuthConfig.OAuthConfig, currentUrl: string) =>
  Effect.gen(function* () {
    const redirect = yield* Redirect
    const redirectUri = yield* OAuth.redirectUrl(oauth.redirectSignIn, OAuth.locationOf(currentUrl))
    const callback = OAuth.parseCallback(currentUrl, oauth.responseType)
    if (callback._tag === "Failed") return yield* new OAuthSignInException({ message: callback.message })
    const state = yield* validateState(clientId, callback.state)
    const result = callback._tag === "Tokens" ? callback.result : yield* exchange(clientId, oauth, callback.code, redirectUri)
    const access = Tokens.decode(result.AccessToken === undefined ? "" : Redacted.value(result.AccessToken))
    if (Either.isLeft(access)) return yield* new OAuthSignInException({ message: "No access token returned from OAuth flow." })
    const username = Tokens.stringClaim(access.right, "username") ?? "username"
    const tokens = yield* tokenSetFrom(result, username, undefined)
    const store = yield* TokenStore
    yield* store.store(tokens)
    yield* store.setOAuthMetadata(username, { oauthSignIn: true })
    yield* OAuthStore.clearInFlight(clientId)
    yield* OAuthStore.markSignedIn(clientId)
    yield* redirect.replaceUrl(redirectUri)
    const customState = OAuth.customStateOf(state)
    const events = yield* AuthEvents
    if (Option.isSome(customState)) yield* events.publish({ event: "customOAuthState", data: customState.value })
    yield* events.publish({ event: "signInWithRedirect" })
    yield* events.publish({ event: "signedIn", data: CurrentUser.fromTokens(tokens) })
    const output: CompleteSignInWithRedirectOutput = Option.isSome(customState)
      ? { isSignedIn: true, customState: customState.value }
      : { isSignedIn: true }
    return output
  })

/** @since 0.1.0 */
export const completeSignInWithRedirect = Effect.fn("completeSignInWithRedirect")(function* () {
  const pool = yield* AuthConfig.userPool
  const oauth = yield* AuthConfig.oauth
  const clientId = pool.userPoolClientId
  if (!(yield* OAuthStore.inFlight(clientId))) return { isSignedIn: false } as CompleteSignInWithRedirectOutput
  const currentUrl = yield* (yield* Redirect).currentUrl
  return yield* completion(clientId, oauth, currentUrl).pipe(
    Effect.tapError((error) =>
      Effect.gen(function* () {
        yield* Effect.ignore(OAuthStore.clearInFlight(clientId))
        yield* (yield* AuthEvents).publish({
          event: "signInWithRedirect_failure",
          data: { error: toEventError(error) }
        })
      })
    )
  )
})
