/**
 * `signInWithRedirect`: sends the browser to the hosted UI (`/oauth2/authorize`) — Cognito's own
 * sign-in page, or straight to a social or custom identity provider — with a fresh `state` (plus
 * the custom state, if any) and, for the code flow, a PKCE S256 challenge. The state and verifier
 * are stored first (Amplify's keys), so the page the hosted UI returns to can complete the
 * sign-in (`completeSignInWithRedirect`).
 *
 * Checks run in Amplify's order: user pool → OAuth configuration (`OAuthNotConfigureException`)
 * → already signed in (skipped when `options.prompt` is set) → a usable redirect URL for this
 * page (`InvalidRedirectException` / `InvalidOriginException`). Nothing is stored when a check fails.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import * as AuthConfig from "../AuthConfig.js"
import * as OAuth from "../OAuth.js"
import { OAuthSignInException } from "../OAuthError.js"
import * as OAuthStore from "../OAuthStore.js"
import { Redirect } from "../services/Redirect.js"
import { assertSignedOut } from "./signIn.js"

/** @since 0.1.0 */
export interface SignInWithRedirectOptions {
  /** iOS React Native only in Amplify; kept in the `oauthSignIn` mark, otherwise unused here */
  readonly preferPrivateSession?: boolean
  readonly loginHint?: string
  readonly lang?: "de" | "en" | "es" | "fr" | "id" | "it" | "ja" | "ko" | "pt-BR" | "zh-CN" | "zh-TW" | (string & {})
  readonly nonce?: string
  readonly prompt?: OAuth.Prompt
}

/** @since 0.1.0 */
export interface SignInWithRedirectInput {
  /** `Google`, `Facebook`, `Amazon`, `Apple`, `{ custom }` or `{ idpIdentifier }`; Cognito's own page when absent */
  readonly provider?: OAuth.Provider
  /** handed back by the `customOAuthState` event after the redirect */
  readonly customState?: string
  readonly options?: SignInWithRedirectOptions
}

/** @since 0.1.0 */
export const signInWithRedirect = Effect.fn("signInWithRedirect")(function* (input?: SignInWithRedirectInput) {
  const pool = yield* AuthConfig.userPool
  const oauth = yield* AuthConfig.oauth
  const options = input?.options
  if (!options?.prompt) yield* assertSignedOut
  const redirect = yield* Redirect
  const page = OAuth.locationOf(yield* redirect.currentUrl)
  const redirectUri = yield* OAuth.redirectUrl(oauth.redirectSignIn, page)
  const state = OAuth.makeState(yield* OAuth.randomString(OAuth.stateLength), input?.customState)
  const codeVerifier = Redacted.make(yield* OAuth.randomString(OAuth.verifierLength))
  yield* OAuthStore.begin(pool.userPoolClientId, { state, codeVerifier })
  const url = OAuth.authorizeUrl({
    domain: oauth.domain,
    clientId: pool.userPoolClientId,
    redirectUri,
    responseType: oauth.responseType,
    scopes: oauth.scopes,
    state,
    codeVerifier,
    ...(input?.provider === undefined ? {} : { provider: input.provider }),
    ...(options?.loginHint ? { loginHint: options.loginHint } : {}),
    ...(options?.lang ? { lang: options.lang } : {}),
    ...(options?.nonce ? { nonce: options.nonce } : {}),
    ...(options?.prompt ? { prompt: options.prompt } : {})
  })
  yield* redirect.navigate(url).pipe(
    Effect.catchTag("NavigationError", (error) =>
      Effect.zipRight(OAuthStore.clearInFlight(pool.userPoolClientId), Effect.fail(new OAuthSignInException({ message: error.message }))))
  )
})
