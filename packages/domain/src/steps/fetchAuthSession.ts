/**
 * `fetchAuthSession`: the session as Amplify shapes it — tokens (refreshed when needed, or when
 * `forceRefresh`), `userSub`, and identity-pool credentials where configured. A signed-out user
 * gets an empty session, never an error; a refresh that failed for a transient reason is an error
 * (the session is kept and comes back when the server does).
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { AuthConfig } from "../AuthConfig.js"
import { TokenProvider } from "../TokenProvider.js"
import * as Tokens from "../Tokens.js"

/** @since 0.1.0 */
export interface FetchAuthSessionOptions {
  readonly forceRefresh?: boolean
}

/** @since 0.1.0 */
export interface AuthSession {
  readonly tokens?: {
    readonly accessToken: Tokens.Jwt
    readonly idToken?: Tokens.Jwt
    readonly signInDetails?: Tokens.SignInDetails
  }
  readonly userSub?: string
}

/** @since 0.1.0 */
const signedOut: AuthSession = {}

/** @since 0.1.0 */
export const fetchAuthSession = Effect.fn("fetchAuthSession")(function* (options?: FetchAuthSessionOptions) {
  const config = yield* AuthConfig
  if (config.userPool === undefined) return signedOut
  const tokens = yield* (yield* TokenProvider).getTokens(options)
  if (Option.isNone(tokens)) return signedOut
  const { accessToken, idToken, signInDetails } = tokens.value
  const sub = Tokens.stringClaim(accessToken, "sub")
  const session: AuthSession = {
    tokens: {
      accessToken,
      ...(idToken === undefined ? {} : { idToken }),
      ...(signInDetails === undefined ? {} : { signInDetails })
    },
    ...(sub === undefined ? {} : { userSub: sub })
  }
  return session
})
