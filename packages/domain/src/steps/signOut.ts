/**
 * `signOut`: revokes the session on the server when it can (`RevokeToken` for a local sign-out of a
 * revocable session, `GlobalSignOut` for `{ global: true }`), and always clears it locally and
 * publishes `signedOut` — a server that cannot be reached never keeps a user signed in here.
 * A session from the hosted UI then leaves for its logout endpoint (`OAuthSignOut`).
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as AuthConfig from "../AuthConfig.js"
import * as OAuthSignOut from "../OAuthSignOut.js"
import { CredentialsProvider } from "../Credentials.js"
import { AuthEvents } from "../services/AuthEvents.js"
import { AutoSignInState } from "../services/AutoSignInState.js"
import { CognitoClient } from "../services/CognitoClient.js"
import { SignInStateStore } from "../services/SignInStateStore.js"
import { TokenStore } from "../services/TokenStore.js"
import * as Tokens from "../Tokens.js"
import * as GlobalSignOut from "../wire/GlobalSignOut.js"
import * as RevokeToken from "../wire/RevokeToken.js"

/** @since 0.1.0 */
export interface SignOutInput {
  readonly global?: boolean
  /** for a hosted-UI session: where its logout sends the browser back to (one of `redirectSignOut`) */
  readonly oauth?: OAuthSignOut.SignOutOAuthOptions
}

/** @since 0.1.0 */
export const signOut = Effect.fn("signOut")(function* (input?: SignOutInput) {
  const pool = yield* AuthConfig.userPool
  const oauth = yield* OAuthSignOut.prepare(input?.oauth)
  const store = yield* TokenStore
  const client = yield* CognitoClient
  const tokens = yield* Effect.orElseSucceed(store.load, () => Option.none<Tokens.TokenSet>())
  if (Option.isSome(tokens)) {
    const { accessToken, refreshToken } = tokens.value
    // Amplify swallows these errors: the local sign-out must happen whatever the server says.
    if (input?.global === true) {
      yield* Effect.ignore(client.call(GlobalSignOut.operation, { AccessToken: accessToken.raw }))
    } else if (refreshToken !== undefined && Tokens.stringClaim(accessToken, "origin_jti") !== undefined) {
      yield* Effect.ignore(client.call(RevokeToken.operation, { ClientId: pool.userPoolClientId, Token: refreshToken }))
    }
  }
  yield* store.clear
  // Identity-pool credentials and identity id belong to the session (where a provider is given).
  const credentials = yield* Effect.serviceOption(CredentialsProvider)
  if (Option.isSome(credentials)) yield* credentials.value.clearCredentialsAndIdentityId
  yield* (yield* SignInStateStore).clear
  yield* (yield* AutoSignInState).reset
  yield* (yield* AuthEvents).publish({ event: "signedOut" })
  yield* OAuthSignOut.finish(oauth)
})
