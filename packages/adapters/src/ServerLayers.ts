/**
 * The auth services for a server, split where a server needs the split: what every request
 * shares (`shared`: the configuration, the Cognito clients, SRP exponentiation, randomness — no
 * user state), built once; and one user's session (`session`: storage, token and pending-sign-in
 * stores, token and credentials providers, refresh lock, events), built per request.
 *
 * Together they are exactly the services `Layers.make` wires. The session is assembled from the
 * constructors directly rather than as a Layer graph: building the `Layers.make` graph costs a
 * server about four times as much per request, and a request pays it every time.
 *
 * @since 0.1.0
 */
import * as AuthConfig from "@cognito-effect/domain/AuthConfig"
import * as ClientSecret from "@cognito-effect/domain/ClientSecret"
import { CredentialsProvider, make as makeCredentialsProvider } from "@cognito-effect/domain/Credentials"
import * as PoolIdCheck from "@cognito-effect/domain/PoolIdCheck"
import { Authenticator } from "@cognito-effect/domain/services/Authenticator"
import { AutoSignInState } from "@cognito-effect/domain/services/AutoSignInState"
import { CognitoClient } from "@cognito-effect/domain/services/CognitoClient"
import { IdentityClient } from "@cognito-effect/domain/services/IdentityClient"
import { IdentityIdStore } from "@cognito-effect/domain/services/IdentityIdStore"
import { KeyValueStorage, type KeyValueStorageService, SignInStorage } from "@cognito-effect/domain/services/KeyValueStorage"
import { ModExp } from "@cognito-effect/domain/services/ModExp"
import { OAuthClient } from "@cognito-effect/domain/services/OAuthClient"
import { Redirect } from "@cognito-effect/domain/services/Redirect"
import { RefreshLock } from "@cognito-effect/domain/services/RefreshLock"
import { SecureRandom } from "@cognito-effect/domain/services/SecureRandom"
import { SignInStateStore } from "@cognito-effect/domain/services/SignInStateStore"
import { TokenStore } from "@cognito-effect/domain/services/TokenStore"
import * as UserContextData from "@cognito-effect/domain/services/UserContextData"
import { make as makeTokenProvider, TokenProvider } from "@cognito-effect/domain/TokenProvider"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import type * as Redacted from "effect/Redacted"
import * as Scope from "effect/Scope"
import { AuthEventBus } from "./AuthEventBus.js"
import * as BrowserAuthenticator from "./BrowserAuthenticator.js"
import * as CognitoFetchClient from "./CognitoFetchClient.js"
import type { AuthServices } from "./Layers.js"
import * as OAuthFetchClient from "./OAuthFetchClient.js"
import { fromHandler, MemoryRedirect } from "./Redirect.js"
import * as SignInStateStoreLive from "./SignInStateStore.js"
import * as TokenStoreLive from "./TokenStore.js"

/** What every request shares. @since 0.1.0 @category models */
export type Shared = AuthConfig.AuthConfig | CognitoClient | IdentityClient | ModExp | SecureRandom | Authenticator | OAuthClient

/** @since 0.1.0 @category models */
export interface SharedOptions {
  /** the app client's secret, added to every call that needs it */
  readonly clientSecret?: Redacted.Redacted<string>
  /** the `fetch` of the Cognito clients */
  readonly fetch?: typeof globalThis.fetch
  /** extra headers on every user-pool request */
  readonly headers?: () => Promise<Record<string, string>>
  /** SRP exponentiation (default: BigInt; on Node pass `NodeModExp.layer`) */
  readonly modExp?: Layer.Layer<ModExp>
}

/**
 * The shared services for a configuration; build once.
 * @since 0.1.0
 * @category constructors
 */
export const shared = (config: AuthConfig.ResolvedAuthConfig, options: SharedOptions = {}): Layer.Layer<Shared> => {
  const fetchOption = options.fetch === undefined ? {} : { fetch: options.fetch }
  const cognito = CognitoFetchClient.layer({ ...fetchOption, ...(options.headers === undefined ? {} : { headers: options.headers }) })
  const clients = Layer.merge(
    PoolIdCheck.userPool(options.clientSecret === undefined ? cognito : ClientSecret.layer(options.clientSecret)(cognito)),
    PoolIdCheck.identityPool(CognitoFetchClient.layerIdentity(fetchOption))
  )
  const configLayer = Layer.succeed(AuthConfig.AuthConfig, config)
  return Layer.mergeAll(
    Layer.provideMerge(clients, configLayer),
    options.modExp ?? ModExp.layerBigInt,
    SecureRandom.layer,
    BrowserAuthenticator.layer,
    OAuthFetchClient.layer(fetchOption)
  )
}

/**
 * A refresh lock for one session: its own fibers wait for each other, other sessions do not
 * (the default lock of `Layers.make` is process-wide per app client, and leases in the storage —
 * which here would become a cookie).
 * @since 0.1.0
 * @category constructors
 */
export const sessionLock: Effect.Effect<Context.Tag.Service<RefreshLock>> = Effect.map(Effect.makeSemaphore(1), (semaphore) => ({
  withLock: (_name, effect) => semaphore.withPermits(1)(effect)
}))

/** A Map behind the storage port (the platform's memory store is a Layer, too dear per request). */
const memoryStorage = (): KeyValueStorageService => {
  const items = new Map<string, string>()
  return {
    getItem: (key) => Effect.sync(() => Option.fromNullable(items.get(key))),
    setItem: (key, value) => Effect.sync(() => void items.set(key, value)),
    removeItem: (key) => Effect.sync(() => void items.delete(key)),
    clear: Effect.sync(() => items.clear())
  }
}

/**
 * One user's session over `storage`, on top of the shared services. The pending sign-in lives in
 * memory (a challenge cannot continue in a later request); the address bar is in memory.
 * @since 0.1.0
 * @category constructors
 */
export const session = (
  storage: KeyValueStorageService
): Effect.Effect<Context.Context<AuthServices>, never, Shared | Scope.Scope> =>
  Effect.gen(function* () {
    const scope = yield* Effect.scope
    const signInStorage = memoryStorage()
    const base = Context.merge(
      Context.omit(Scope.Scope)(yield* Effect.context<Shared | Scope.Scope>()),
      Context.merge(
        yield* Layer.buildWithScope(AuthEventBus.layer, scope),
        yield* Layer.buildWithScope(AutoSignInState.layer, scope)
      )
    ).pipe(
      Context.add(KeyValueStorage, storage),
      Context.add(SignInStorage, signInStorage),
      Context.add(RefreshLock, yield* sessionLock),
      Context.add(Redirect, fromHandler(new MemoryRedirect())),
      // No page, so no advanced-security script.
      Context.add(UserContextData.UserContextData, UserContextData.none),
      Context.add(SignInStateStore, yield* SignInStateStoreLive.makeWith(signInStorage)),
      Context.add(TokenStore, yield* Effect.provideService(TokenStoreLive.make, KeyValueStorage, storage))
    )
    const withIdentity = Context.merge(base, yield* Effect.provide(Layer.buildWithScope(IdentityIdStore.layer, scope), base))
    const providers = Context.make(TokenProvider, yield* Effect.provide(makeTokenProvider, withIdentity)).pipe(
      Context.add(CredentialsProvider, yield* Effect.provide(makeCredentialsProvider, withIdentity))
    )
    return Context.merge(withIdentity, providers)
  })
