/**
 * The OAuth half of `signOut`. When OAuth is configured, sign-out also forgets the redirect state
 * (Amplify's `clearOAuthData`); when the session came from the hosted UI (the `oauthSignIn` mark
 * or the session's `oauthMetadata`) the browser then goes to `/logout?client_id=…&logout_uri=…`
 * so the hosted UI forgets the user too, `logout_uri` being the `redirectSignOut` entry for this
 * page or the `oauth.redirectUrl` asked for.
 *
 * `prepare` runs before anything is revoked or cleared, so a bad `redirectUrl`
 * (`InvalidPreferredRedirectUrlException`) leaves the session as it was; `finish` runs after the
 * local sign-out. Without a `Redirect` or a `KeyValueStorage` (a server, a test) there is no
 * browser to send anywhere and both do nothing.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as AuthConfig from "./AuthConfig.js"
import * as OAuth from "./OAuth.js"
import { OAuthSignOutException } from "./OAuthError.js"
import * as OAuthStore from "./OAuthStore.js"
import { KeyValueStorage } from "./services/KeyValueStorage.js"
import { Redirect } from "./services/Redirect.js"
import { TokenStore } from "./services/TokenStore.js"

/** `signOut`'s OAuth options. @since 0.1.0 */
export interface SignOutOAuthOptions {
  /** one of `redirectSignOut`, to come back to after the hosted UI's logout */
  readonly redirectUrl?: string
}

/** What the local sign-out must do afterwards. @since 0.1.0 */
export interface Plan {
  readonly clientId: string
  /** the hosted UI's logout URL, for a session that came from it */
  readonly logoutUrl: Option.Option<string>
}

/**
 * Works out the OAuth part of a sign-out before it starts; `None` when OAuth is not configured.
 * @since 0.1.0
 */
export const prepare = Effect.fn("OAuthSignOut.prepare")(function* (options?: SignOutOAuthOptions) {
  const oauth = Either.getRight(AuthConfig.requireOAuth(yield* AuthConfig.AuthConfig))
  const storage = yield* Effect.serviceOption(KeyValueStorage)
  const redirect = yield* Effect.serviceOption(Redirect)
  const clientId = (yield* AuthConfig.AuthConfig).userPool?.userPoolClientId
  if (Option.isNone(oauth) || Option.isNone(storage) || Option.isNone(redirect) || clientId === undefined) {
    return Option.none<Plan>()
  }
  const store = yield* TokenStore
  const session = yield* Effect.orElseSucceed(store.load, () => Option.none())
  const fromMetadata = Option.isSome(session)
    ? Option.exists(yield* Effect.orElseSucceed(store.getOAuthMetadata(session.value.username), () => Option.none()), (m) => m.oauthSignIn)
    : false
  const marked = yield* Effect.orElseSucceed(Effect.provideService(OAuthStore.isOAuthSignIn(clientId), KeyValueStorage, storage.value), () => false)
  if (!fromMetadata && !marked) return Option.some<Plan>({ clientId, logoutUrl: Option.none() })
  const page = OAuth.locationOf(yield* redirect.value.currentUrl)
  const logoutUri = yield* OAuth.redirectUrl(oauth.value.redirectSignOut, page, options?.redirectUrl)
  return Option.some<Plan>({ clientId, logoutUrl: Option.some(OAuth.logoutUrl(oauth.value.domain, clientId, logoutUri)) })
})

/**
 * After the local sign-out: forgets the OAuth state and, for a hosted-UI session, leaves for the
 * logout endpoint (`OAuthSignOutException` when the browser refuses).
 * @since 0.1.0
 */
export const finish = Effect.fn("OAuthSignOut.finish")(function* (plan: Option.Option<Plan>) {
  if (Option.isNone(plan)) return
  const storage = yield* Effect.serviceOption(KeyValueStorage)
  const redirect = yield* Effect.serviceOption(Redirect)
  if (Option.isSome(storage)) {
    yield* Effect.ignore(Effect.provideService(OAuthStore.clearAll(plan.value.clientId), KeyValueStorage, storage.value))
  }
  if (Option.isSome(redirect) && Option.isSome(plan.value.logoutUrl)) {
    yield* redirect.value.navigate(plan.value.logoutUrl.value).pipe(
      Effect.mapError((error) => new OAuthSignOutException({ recoverySuggestion: error.message }))
    )
  }
})
