/**
 * `fetchAuthSession`: the session as Amplify shapes it — tokens (refreshed when needed, or when
 * `forceRefresh`), `userSub`, and identity-pool credentials where configured. A signed-out user
 * gets an empty session (or guest credentials, with `allowGuestAccess`), never an error; a
 * refresh that failed for a transient reason is an error (the session is kept and comes back when
 * the server does).
 *
 * Credentials come from the `CredentialsProvider` when one is provided (Amplify's
 * `credentialsProvider` is optional too). As in Amplify, a credentials failure fails the call:
 * the app asked for credentials and has none. It never touches the tokens, and the other
 * authenticated APIs never ask the identity pool, so an identity-pool outage signs nobody out.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { AuthConfig } from "../AuthConfig.js"
import { type AwsCredentials, CredentialsProvider } from "../Credentials.js"
import { TokenProvider } from "../TokenProvider.js"
import * as Tokens from "../Tokens.js"

/** @since 0.1.0 */
export interface FetchAuthSessionOptions {
  readonly forceRefresh?: boolean
  /** Sent with a token refresh (Amplify ≥ 6.16). */
  readonly clientMetadata?: Readonly<Record<string, string>>
}

/** @since 0.1.0 */
export interface AuthSession {
  readonly tokens?: {
    readonly accessToken: Tokens.Jwt
    readonly idToken?: Tokens.Jwt
    readonly signInDetails?: Tokens.SignInDetails
  }
  readonly credentials?: AwsCredentials
  readonly identityId?: string
  readonly userSub?: string
}

/** @since 0.1.0 */
export const fetchAuthSession = Effect.fn("fetchAuthSession")(function* (options?: FetchAuthSessionOptions) {
  const config = yield* AuthConfig
  const tokens = config.userPool === undefined ? Option.none() : yield* (yield* TokenProvider).getTokens(options)
  const provider = yield* Effect.serviceOption(CredentialsProvider)
  const forceRefresh = options?.forceRefresh === true
  const credentials = Option.isNone(provider)
    ? Option.none()
    : yield* provider.value.getCredentialsAndIdentityId(
      Option.isSome(tokens) ? { authenticated: true, tokens: tokens.value, forceRefresh } : { authenticated: false, forceRefresh }
    )
  const sub = Option.isSome(tokens) ? Tokens.stringClaim(tokens.value.accessToken, "sub") : undefined
  const session: AuthSession = {
    ...(Option.isSome(tokens)
      ? {
        tokens: {
          accessToken: tokens.value.accessToken,
          ...(tokens.value.idToken === undefined ? {} : { idToken: tokens.value.idToken }),
          ...(tokens.value.signInDetails === undefined ? {} : { signInDetails: tokens.value.signInDetails })
        }
      }
      : {}),
    ...(Option.isSome(credentials) ? { credentials: credentials.value.credentials, identityId: credentials.value.identityId } : {}),
    ...(sub === undefined ? {} : { userSub: sub })
  }
  return session
})
