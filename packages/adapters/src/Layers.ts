/**
 * Everything the domain steps need, as one Layer: the configuration, the Cognito transport,
 * storage, the token and pending-sign-in stores, the event bus, the token provider, SRP
 * exponentiation and secure randomness. An Effect app provides `Layers.browser(config)` (or
 * `NodeLayers.node(config)` on Node) once, at its edge; any part can be swapped through the options.
 *
 * @since 0.1.0
 */
import * as AuthConfig from "@cognito-effect/domain/AuthConfig"
import type { AuthConfigError } from "@cognito-effect/domain/AuthError"
import { AutoSignInState } from "@cognito-effect/domain/services/AutoSignInState"
import type { AuthEvents } from "@cognito-effect/domain/services/AuthEvents"
import type { CognitoClient } from "@cognito-effect/domain/services/CognitoClient"
import { type KeyValueStorage, SignInStorage } from "@cognito-effect/domain/services/KeyValueStorage"
import { ModExp } from "@cognito-effect/domain/services/ModExp"
import { RefreshLock } from "@cognito-effect/domain/services/RefreshLock"
import { SecureRandom } from "@cognito-effect/domain/services/SecureRandom"
import { TokenProvider } from "@cognito-effect/domain/TokenProvider"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import { AuthEventBus } from "./AuthEventBus.js"
import * as CognitoFetchClient from "./CognitoFetchClient.js"
import * as SignInStateStoreLive from "./SignInStateStore.js"
import * as Storage from "./Storage.js"
import * as TokenStoreLive from "./TokenStore.js"

/** The parts of the auth Layer that can be replaced. @since 0.1.0 */
export interface Options {
  /** tokens and device keys (default: memory) */
  readonly storage?: Layer.Layer<KeyValueStorage>
  /** the pending sign-in (default: memory) */
  readonly signInStorage?: Layer.Layer<SignInStorage>
  /** the Cognito client (default: `fetch` to the configured endpoint) */
  readonly transport?: Layer.Layer<CognitoClient, never, AuthConfig.AuthConfig>
  /** SRP exponentiation (default: BigInt, which runs anywhere) */
  readonly modExp?: Layer.Layer<ModExp>
  /** the lock around token refresh (default: Web Locks in browsers, else in-process) */
  readonly refreshLock?: Layer.Layer<RefreshLock>
  /** the event bus (default: in-process listeners) */
  readonly events?: Layer.Layer<AuthEventBus | AuthEvents>
}

/** Builds the auth Layer for a resolved configuration. @since 0.1.0 */
export const make = (config: AuthConfig.ResolvedAuthConfig, options: Options = {}) => {
  const base = Layer.mergeAll(
    Layer.succeed(AuthConfig.AuthConfig, config),
    options.storage ?? Storage.layerMemory(),
    options.signInStorage ?? Storage.layerMemory(SignInStorage),
    options.events ?? AuthEventBus.layer,
    options.modExp ?? ModExp.layerBigInt,
    SecureRandom.layer,
    AutoSignInState.layer,
    options.refreshLock ?? RefreshLock.layer
  )
  const withClient = Layer.provideMerge(options.transport ?? CognitoFetchClient.layer(), base)
  const withStores = Layer.provideMerge(Layer.mergeAll(TokenStoreLive.layer, SignInStateStoreLive.layer), withClient)
  return Layer.provideMerge(TokenProvider.layer, withStores)
}

/** Every service the steps can ask for. @since 0.1.0 */
export type AuthServices = Layer.Layer.Success<ReturnType<typeof make>>

/**
 * Parses an Amplify configuration (or `amplify_outputs.json`) into the auth Layer; a bad
 * configuration is the Layer's typed error.
 * @since 0.1.0
 */
export const fromConfig = (
  config: unknown,
  options: Options = {}
): Layer.Layer<AuthServices, AuthConfigError> =>
  Either.match(AuthConfig.parse(config), {
    onLeft: (error) => Layer.fail(error),
    onRight: (resolved) => make(resolved, options)
  })

/**
 * For browsers: tokens in localStorage, the pending sign-in in sessionStorage (memory where
 * absent), events shared with the other tabs of the origin.
 * @since 0.1.0
 */
export const browser = (config: unknown, options: Options = {}) =>
  fromConfig(config, {
    storage: Storage.layerLocalStorage(),
    signInStorage: Storage.layerSessionStorage(SignInStorage),
    events: AuthEventBus.layerBroadcast("cognito-effect:auth"),
    ...options
  })
