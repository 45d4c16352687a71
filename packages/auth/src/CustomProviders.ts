/**
 * Amplify's `LibraryOptions.Auth.tokenProvider` and `credentialsProvider`: an app's own providers
 * in place of the Cognito ones, for what reads the session (`fetchAuthSession`, and the calls that
 * need a signed-in user). Sign-in still stores its tokens where the instance keeps them; the
 * app's token provider decides what the session is.
 *
 * A provider that rejects passes its error on: as it is when it is an `AmplifyError`, else as
 * Amplify's `Unknown` with the app's error as `underlyingError`.
 *
 * @since 0.1.0
 */
import { CredentialsProvider } from "@cognito-effect/domain/Credentials"
import { TokenProvider } from "@cognito-effect/domain/TokenProvider"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import type { CredentialsAndIdentityIdProvider, TokenProvider as AppTokenProvider } from "./cognito.js"
import { fromAuthTokens, fromAWSCredentials, toAuthTokens } from "./TokenShapes.js"

/**
 * Marks this library's own `cognitoUserPoolsTokenProvider` and `cognitoCredentialsProvider`:
 * passing them as "custom" providers (as some Amplify apps do) means the built-in ones, not a
 * provider that would call itself.
 * @since 0.1.0
 */
export const builtIn: unique symbol = Symbol.for("@cognito-effect/auth/builtInProvider")

/**
 * Whether `provider` is an app's own provider with the method `method`; this library's own, and
 * anything an untyped caller passes that is not such an object, are not.
 * @since 0.1.0
 */
export const isAppProvider = <P extends object>(provider: P | undefined, method: "getTokens" | "getCredentialsAndIdentityId"): provider is P =>
  typeof provider === "object" && provider !== null && !(builtIn in provider) &&
  typeof (provider as Record<string, unknown>)[method] === "function"

// A rejection (or a throw) becomes a defect carrying the app's error unchanged, so it is not
// mistaken for one of ours.
const fromPromise = <A>(run: () => Promise<A>): Effect.Effect<A> => Effect.promise(run)

/**
 * The session from the app's token provider.
 * @since 0.1.0
 */
export const tokenProviderLayer = (provider: AppTokenProvider): Layer.Layer<TokenProvider> =>
  Layer.succeed(TokenProvider, {
    getTokens: (options) =>
      Effect.flatMap(
        fromPromise(() =>
          provider.getTokens({
            ...(options?.forceRefresh === undefined ? {} : { forceRefresh: options.forceRefresh }),
            ...(options?.clientMetadata === undefined ? {} : { clientMetadata: options.clientMetadata })
          })
        ),
        (tokens) => (tokens === null ? Effect.succeedNone : Effect.map(fromAuthTokens(tokens), Option.some))
      )
  })

/**
 * Identity-pool credentials from the app's credentials provider, given the configuration as the
 * app wrote it (`authConfig`, Amplify's `Auth` section).
 * @since 0.1.0
 */
export const credentialsProviderLayer = (provider: CredentialsAndIdentityIdProvider, authConfig: unknown): Layer.Layer<CredentialsProvider> =>
  Layer.succeed(CredentialsProvider, {
    getCredentialsAndIdentityId: (options) =>
      Effect.flatMap(
        fromPromise(() =>
          provider.getCredentialsAndIdentityId(
            options.authenticated
              ? { authenticated: true, tokens: toAuthTokens(options.tokens), authConfig, forceRefresh: options.forceRefresh === true }
              : { authenticated: false, authConfig, forceRefresh: options.forceRefresh === true }
          )
        ),
        (answer) => (answer === undefined ? Effect.succeedNone : Effect.map(Effect.orDie(fromAWSCredentials(answer)), Option.some))
      ),
    clearCredentials: Effect.void,
    clearCredentialsAndIdentityId: fromPromise(() => provider.clearCredentialsAndIdentityId())
  })
