/**
 * Everything the domain steps need, as one Layer: the configuration, the Cognito and Cognito
 * Identity transports, storage, the token, pending-sign-in and identity-id stores, the event bus,
 * the token and credentials providers, the refresh lock, SRP exponentiation, secure randomness,
 * and for the hosted UI the address bar (`Redirect`) and its token endpoint. An Effect app provides `Layers.browser(config)` (or
 * `NodeLayers.node(config)` on Node) once, at its edge; any part can be swapped through the options.
 *
 * @since 0.1.0
 */
import * as AuthConfig from "@cognito-effect/domain/AuthConfig"
import type { AuthConfigError } from "@cognito-effect/domain/AuthError"
import { AutoSignInState } from "@cognito-effect/domain/services/AutoSignInState"
import type { Authenticator } from "@cognito-effect/domain/services/Authenticator"
import type { AuthEvents } from "@cognito-effect/domain/services/AuthEvents"
import type { CognitoClient } from "@cognito-effect/domain/services/CognitoClient"
import { CredentialsProvider } from "@cognito-effect/domain/Credentials"
import type { IdentityClient } from "@cognito-effect/domain/services/IdentityClient"
import { IdentityIdStore } from "@cognito-effect/domain/services/IdentityIdStore"
import * as PoolIdCheck from "@cognito-effect/domain/PoolIdCheck"
import { type KeyValueStorage, SignInStorage } from "@cognito-effect/domain/services/KeyValueStorage"
import { ModExp } from "@cognito-effect/domain/services/ModExp"
import type { OAuthClient } from "@cognito-effect/domain/services/OAuthClient"
import type { Redirect } from "@cognito-effect/domain/services/Redirect"
import type { RefreshLock } from "@cognito-effect/domain/services/RefreshLock"
import { SecureRandom } from "@cognito-effect/domain/services/SecureRandom"
import * as StorageLease from "@cognito-effect/domain/StorageLease"
import { type ClientMetadataProvider, TokenProvider } from "@cognito-effect/domain/TokenProvider"
import type { UserContextData } from "@cognito-effect/domain/services/UserContextData"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as AdvancedSecurityData from "./AdvancedSecurityData.js"
import { AuthEventBus } from "./AuthEventBus.js"
import * as BrowserAuthenticator from "./BrowserAuthenticator.js"
import * as CognitoFetchClient from "./CognitoFetchClient.js"
import * as OAuthFetchClient from "./OAuthFetchClient.js"
import * as RedirectLive from "./Redirect.js"
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
  /** the Cognito Identity client (default: `fetch` to the configured identity-pool endpoint) */
  readonly identityTransport?: Layer.Layer<IdentityClient, never, AuthConfig.AuthConfig>
  /** SRP exponentiation (default: BigInt, which runs anywhere) */
  readonly modExp?: Layer.Layer<ModExp>
  /** the lock around token refresh (default: Web Locks in browsers, else in-process plus a storage lease) */
  readonly refreshLock?: Layer.Layer<RefreshLock, never, KeyValueStorage>
  /** where refreshes get `ClientMetadata` from (default: none) */
  readonly clientMetadataProvider?: Layer.Layer<ClientMetadataProvider>
  /** the event bus (default: in-process listeners) */
  readonly events?: Layer.Layer<AuthEventBus | AuthEvents>
  /** passkeys (default: `navigator.credentials`, which reports `PasskeyNotSupported` outside a browser) */
  readonly authenticator?: Layer.Layer<Authenticator>
  /** the address bar, for the hosted UI (default: the browser's, in memory elsewhere) */
  readonly redirect?: Layer.Layer<Redirect>
  /** the hosted UI's token endpoint (default: `fetch`) */
  readonly oauthClient?: Layer.Layer<OAuthClient>
  /** advanced-security `UserContextData` (default: the page's `AmazonCognitoAdvancedSecurityData`, if loaded) */
  readonly userContextData?: Layer.Layer<UserContextData>
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
    options.authenticator ?? BrowserAuthenticator.layer,
    options.clientMetadataProvider ?? Layer.empty,
    options.redirect ?? RedirectLive.layer,
    options.oauthClient ?? OAuthFetchClient.layer(),
    options.userContextData ?? AdvancedSecurityData.layer
  )
  const withClient = Layer.provideMerge(
    Layer.mergeAll(
      // Whatever the transports, no request is built from a pool id that names no region.
      PoolIdCheck.userPool(options.transport ?? CognitoFetchClient.layer()),
      PoolIdCheck.identityPool(options.identityTransport ?? CognitoFetchClient.layerIdentity()),
      options.refreshLock ?? StorageLease.layerDefault()
    ),
    base
  )
  const withStores = Layer.provideMerge(
    Layer.mergeAll(TokenStoreLive.layer, SignInStateStoreLive.layer, IdentityIdStore.layer),
    withClient
  )
  return Layer.provideMerge(Layer.mergeAll(TokenProvider.layer, CredentialsProvider.layer), withStores)
}

/** Every service the steps can ask for. @since 0.1.0 */
export type AuthServices = Layer.Layer.Success<ReturnType<typeof make>>

/**
 * Parses an Amplify configuration (`amplify_outputs.json`, `aws-exports`) into the auth Layer; a
 * configuration that is not an object or has a member of the wrong type is the Layer's typed error.
 * @since 0.1.0
 */
export const fromConfig = (
  config: unknown,
  options: Options = {}
): Layer.Layer<AuthServices, AuthConfigError> =>
  Either.match(AuthConfig.parse(config), {
    onLeft: (error) => Layer.fail(error),
    onRight: (resolved) => (resolved.invalid === undefined ? make(resolved, options) : Layer.fail(resolved.invalid))
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
