/**
 * `@cognito-effect/auth/cognito`, Amplify's `aws-amplify/auth/cognito`: the same Cognito functions
 * as the root, and the building blocks of the session — `cognitoUserPoolsTokenProvider`
 * (storage, configuration, client metadata, `getTokens`, and its `authTokenStore` and
 * `tokenOrchestrator`), `cognitoCredentialsProvider`, the token and identity-id stores with
 * Amplify's storage keys, `refreshAuthTokens`, and the storages.
 *
 * The providers act on the instance `Amplify.configure` started (the one the root functions use).
 * Where Amplify's objects take an `authConfig` per call, that instance's configuration applies.
 *
 * @since 0.1.0
 */
import * as CognitoFetchClient from "@cognito-effect/adapters/CognitoFetchClient"
import * as Storage from "@cognito-effect/adapters/Storage"
import * as TokenStoreLive from "@cognito-effect/adapters/TokenStore"
import * as AuthConfig from "@cognito-effect/domain/AuthConfig"
import * as PoolIdCheck from "@cognito-effect/domain/PoolIdCheck"
import { InvalidTokensException, UserUnAuthenticatedException } from "@cognito-effect/domain/AuthError"
import * as DomainCredentials from "@cognito-effect/domain/Credentials"
import * as IdentityIdStore from "@cognito-effect/domain/services/IdentityIdStore"
import { tokenSetFrom } from "@cognito-effect/domain/SignInFlow"
import { TokenProvider as DomainTokenProvider } from "@cognito-effect/domain/TokenProvider"
import * as Tokens from "@cognito-effect/domain/Tokens"
import * as GetTokensFromRefreshToken from "@cognito-effect/domain/wire/GetTokensFromRefreshToken"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as ManagedRuntime from "effect/ManagedRuntime"
import * as Either from "effect/Either"
import * as Exit from "effect/Exit"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Cause from "effect/Cause"
import {
  currentRuntime,
  globalHeaders,
  globalStorage,
  isConfigured,
  setGlobalAuthConfig,
  setGlobalClientMetadataProvider,
  setGlobalCrossTabEvents,
  setGlobalStorage
} from "./Amplify.js"
import type { JWT } from "./AuthClient.js"
import { AuthError, toAmplifyError } from "./AuthError.js"
import { amplifySymbol, Hub } from "./Hub.js"
import { getCurrentUser } from "./index.js"
import type { KeyValueStorageEvent, KeyValueStorageInterface } from "./storage.js"
import * as CustomProviders from "./CustomProviders.js"
import { type GetTokensOptions, TokenOrchestrator } from "./TokenOrchestrator.js"
import { fromAuthTokens, toAuthTokens, toAWSCredentials } from "./TokenShapes.js"

export { AUTH_KEY_PREFIX, createKeysForAuthStorage } from "@cognito-effect/adapters/TokenStore"
export { type CodeVerifier, generateCodeVerifier, generateState, getRedirectUrl, validateState } from "./OAuthHelpers.js"
export { CookieStorage, defaultStorage, type KeyValueStorageInterface, sessionStorage, sharedInMemoryStorage } from "./storage.js"
export { TokenOrchestrator }
export {
  autoSignIn,
  confirmResetPassword,
  confirmSignIn,
  confirmSignUp,
  confirmUserAttribute,
  deleteUser,
  deleteUserAttributes,
  fetchDevices,
  fetchMFAPreference,
  fetchUserAttributes,
  forgetDevice,
  getCurrentUser,
  rememberDevice,
  resendSignUpCode,
  resetPassword,
  sendUserAttributeVerificationCode,
  setUpTOTP,
  signIn,
  signInWithRedirect,
  signOut,
  signUp,
  updateMFAPreference,
  updatePassword,
  updateUserAttribute,
  updateUserAttributes,
  verifyTOTPSetup
} from "./index.js"
export type * from "./index.js"

/** @since 0.1.0 */
export type ClientMetadata = Record<string, string>

/** The tokens of a session (Amplify's `AuthTokens`). @since 0.1.0 */
export interface AuthTokens {
  readonly accessToken: JWT
  readonly idToken?: JWT
  readonly signInDetails?: Tokens.SignInDetails
}

/** Amplify core's `TokenProvider`. @since 0.1.0 */
export interface TokenProvider {
  getTokens(options?: { readonly forceRefresh?: boolean; readonly clientMetadata?: ClientMetadata }): Promise<AuthTokens | null>
}

/** @since 0.1.0 */
export interface CognitoUserPoolTokenProviderType extends TokenProvider {
  setKeyValueStorage(storage: KeyValueStorageInterface): void
  setAuthConfig(authConfig: unknown): void
  setClientMetadataProvider(provider: () => Promise<ClientMetadata>): void
}

/** Temporary AWS credentials (Amplify's `AWSCredentials`). @since 0.1.0 */
export interface AWSCredentials {
  readonly accessKeyId: string
  readonly secretAccessKey: string
  readonly sessionToken?: string
  readonly expiration?: Date
}

/** @since 0.1.0 */
export interface CredentialsAndIdentityId {
  readonly credentials: AWSCredentials
  readonly identityId?: string
}

/** @since 0.1.0 */
export type GetCredentialsOptions =
  | { readonly authenticated: true; readonly tokens: AuthTokens; readonly authConfig?: unknown; readonly forceRefresh?: boolean }
  | { readonly authenticated: false; readonly tokens?: never; readonly authConfig?: unknown; readonly forceRefresh?: boolean }

/** Amplify core's `CredentialsAndIdentityIdProvider`. @since 0.1.0 */
export interface CredentialsAndIdentityIdProvider {
  getCredentialsAndIdentityId(options: GetCredentialsOptions): Promise<CredentialsAndIdentityId | undefined>
  clearCredentialsAndIdentityId(): Promise<void>
}

/** An exit as a Promise's value, or Amplify's error. */
const settle = <A, E>(exit: Exit.Exit<A, E>): A => {
  if (Exit.isSuccess(exit)) return exit.value
  const failure = Cause.failureOption(exit.cause)
  throw toAmplifyError(Option.isSome(failure) ? failure.value : Cause.squash(exit.cause))
}

/** Runs an effect on `runtime` as a Promise with Amplify's errors. */
const runOn = <A, E, R>(runtime: ManagedRuntime.ManagedRuntime<R, never>, effect: Effect.Effect<A, E, R>): Promise<A> =>
  runtime.runPromiseExit(effect).then(settle)

/** Runs a standalone effect as a Promise with Amplify's errors. */
const runPromise = <A, E>(effect: Effect.Effect<A, E>): Promise<A> => Effect.runPromiseExit(effect).then(settle)

/** The configured instance's session, refreshed as `fetchAuthSession` refreshes it; `null` when signed out. */
const instanceTokens = (options?: GetTokensOptions): Promise<AuthTokens | null> =>
  isConfigured()
    ? currentRuntime().run(
      Effect.flatMap(DomainTokenProvider, (provider) =>
        Effect.map(
          provider.getTokens({
            ...(options?.forceRefresh === undefined ? {} : { forceRefresh: options.forceRefresh }),
            ...(options?.clientMetadata === undefined ? {} : { clientMetadata: options.clientMetadata })
          }),
          Option.match({ onNone: () => null, onSome: toAuthTokens })
        ))
    )
    : Promise.resolve(null)

/** Runs a clearing step on the configured instance; its kept `fetchAuthSession` answer goes too. */
const clearing = <E>(effect: Effect.Effect<void, E, DomainCredentials.CredentialsProvider>): Promise<void> => {
  const runtime = currentRuntime()
  runtime.sessionCache.invalidate()
  return runtime.run(effect).finally(() => runtime.sessionCache.invalidate())
}

/** Credentials for Amplify's options from the domain's provider, shaped as Amplify's. */
const credentialsFor = (options: GetCredentialsOptions) =>
  Effect.gen(function* () {
    const provider = yield* DomainCredentials.CredentialsProvider
    const forceRefresh = options.forceRefresh === true
    const result = options.authenticated
      ? yield* provider.getCredentialsAndIdentityId({ authenticated: true, tokens: yield* fromAuthTokens(options.tokens), forceRefresh })
      : yield* provider.getCredentialsAndIdentityId({ authenticated: false, forceRefresh })
    return Option.match(result, { onNone: () => undefined, onSome: toAWSCredentials })
  })

/** Amplify's identity: a guest one is stored, a primary one kept in memory. @since 0.1.0 */
export interface Identity {
  readonly id: string
  readonly type: "guest" | "primary"
}

const identityPoolOf = (authConfig: unknown) =>
  Either.flatMap(AuthConfig.parse({ Auth: authConfig }), (resolved) =>
    resolved.identityPool === undefined
      ? Either.left(toAmplifyError(new AuthError({ name: "InvalidIdentityPoolIdException", message: "Invalid identity pool id provided." })))
      : Either.right(resolved.identityPool))

/**
 * Amplify's `DefaultIdentityIdStore` over any storage: the guest identity id under
 * `com.amplify.Cognito.<identityPoolId>.identityId`, the primary one in memory.
 * @since 0.1.0
 */
export class DefaultIdentityIdStore {
  private store: IdentityIdStore.IdentityIdStoreService | undefined
  constructor(private readonly keyValueStorage: KeyValueStorageInterface) {}

  setAuthConfig(authConfig: unknown): void {
    const pool = Either.getOrThrowWith(identityPoolOf(authConfig), toAmplifyError)
    this.store = Effect.runSync(IdentityIdStore.makeWith(Storage.fromPromiseStorage(this.keyValueStorage), pool.identityPoolId))
  }

  /**
   * The configured store; Amplify's error (a rejection, not a throw) before `setAuthConfig`.
   * @internal for `CognitoAWSCredentialsAndIdentityIdProvider`
   */
  get configured(): Effect.Effect<IdentityIdStore.IdentityIdStoreService, AuthError> {
    return this.store === undefined
      ? Effect.fail(new AuthError({ name: "InvalidIdentityPoolIdException", message: "Invalid identity pool id provided." }))
      : Effect.succeed(this.store)
  }

  /** Never fails on a storage failure: reads as no identity, as in Amplify. */
  loadIdentityId(): Promise<Identity | null> {
    return runPromise(Effect.flatMap(this.configured, (store) => Effect.orElseSucceed(Effect.map(store.load, Option.getOrNull), () => null)))
  }

  storeIdentityId(identity: Identity): Promise<void> {
    return runPromise(Effect.flatMap(this.configured, (store) => store.store(identity)))
  }

  clearIdentityId(): Promise<void> {
    return runPromise(Effect.flatMap(this.configured, (store) => store.clear))
  }
}

/**
 * Amplify's `CognitoAWSCredentialsAndIdentityIdProvider`: identity-pool credentials for the
 * `authConfig` each call carries, through its own identity-id store and its own in-memory cache
 * (what `cognitoCredentialsProvider` is for the configured instance, usable without it, e.g. on a
 * server per request). `undefined` without an identity pool in `authConfig`, or for a guest when
 * `allowGuestAccess` is not set.
 * @since 0.1.0
 */
export class CognitoAWSCredentialsAndIdentityIdProvider implements CredentialsAndIdentityIdProvider {
  private current:
    | {
      readonly authConfig: unknown
      readonly key: string
      readonly runtime: ManagedRuntime.ManagedRuntime<DomainCredentials.CredentialsProvider, never>
    }
    | undefined

  constructor(private readonly identityIdStore: DefaultIdentityIdStore) {}

  /** A provider for `authConfig` with its identity store configured, replacing the previous one. */
  private start(authConfig: unknown, key: string, resolved: AuthConfig.ResolvedAuthConfig) {
    void this.current?.runtime.dispose()
    this.identityIdStore.setAuthConfig(authConfig)
    const runtime = ManagedRuntime.make(
      DomainCredentials.CredentialsProvider.layer.pipe(
        Layer.provide(Layer.effect(IdentityIdStore.IdentityIdStore, Effect.orDie(this.identityIdStore.configured))),
        Layer.provide(PoolIdCheck.identityPool(CognitoFetchClient.layerIdentity())),
        Layer.provide(Layer.succeed(AuthConfig.AuthConfig, resolved))
      )
    )
    this.current = { authConfig, key, runtime }
    return runtime
  }

  getCredentialsAndIdentityId(options: GetCredentialsOptions): Promise<CredentialsAndIdentityId | undefined> {
    const authConfig = options.authConfig
    if (authConfig === undefined) return Promise.resolve(undefined)
    // The same configuration keeps its provider and cache: the same object (Amplify's frozen
    // getConfig().Auth) is recognised without reading it again.
    const current = this.current
    if (current?.authConfig === authConfig) return runOn(current.runtime, credentialsFor(options))
    const key = JSON.stringify(authConfig)
    if (current?.key === key) {
      this.current = { ...current, authConfig }
      return runOn(current.runtime, credentialsFor(options))
    }
    const resolved = AuthConfig.parse({ Auth: authConfig })
    if (Either.isLeft(resolved)) return Promise.reject(toAmplifyError(resolved.left))
    if (resolved.right.identityPool === undefined) return Promise.resolve(undefined)
    return runOn(this.start(authConfig, key, resolved.right), credentialsFor(options))
  }

  /** Forgets the credentials and the identity id (Amplify throws when the store was never configured; so does this). */
  clearCredentialsAndIdentityId(): Promise<void> {
    return this.current === undefined
      ? this.identityIdStore.clearIdentityId()
      : runOn(this.current.runtime, Effect.flatMap(DomainCredentials.CredentialsProvider, (provider) => provider.clearCredentialsAndIdentityId))
  }

  /** Forgets the credentials held in memory. */
  clearCredentials(): Promise<void> {
    return this.current === undefined
      ? Promise.resolve()
      : runOn(this.current.runtime, Effect.flatMap(DomainCredentials.CredentialsProvider, (provider) => provider.clearCredentials))
  }
}

/** Amplify's `CognitoAuthTokens`: the stored session. @since 0.1.0 */
export interface CognitoAuthTokens extends AuthTokens {
  readonly refreshToken?: string
  readonly deviceMetadata?: { readonly deviceKey?: string; readonly deviceGroupKey?: string; readonly randomPassword: string }
  readonly clockDrift: number
  readonly username: string
}

const toCognitoAuthTokens = (tokens: Tokens.TokenSet, device: Option.Option<Tokens.DeviceMetadata>): CognitoAuthTokens => ({
  ...toAuthTokens(tokens),
  ...(tokens.refreshToken === undefined ? {} : { refreshToken: Redacted.value(tokens.refreshToken) }),
  ...(Option.isSome(device)
    ? {
      deviceMetadata: {
        deviceKey: device.value.deviceKey,
        deviceGroupKey: device.value.deviceGroupKey,
        randomPassword: Redacted.value(device.value.randomPassword)
      }
    }
    : {}),
  clockDrift: tokens.clockDrift,
  username: tokens.username
})

const fromCognitoAuthTokens = (tokens: CognitoAuthTokens) =>
  Effect.map(fromAuthTokens(tokens), (session): Tokens.TokenSet => ({
    ...session,
    username: tokens.username,
    clockDrift: tokens.clockDrift,
    ...(tokens.refreshToken === undefined ? {} : { refreshToken: Redacted.make(tokens.refreshToken) })
  }))

/** Another tab changed an auth key: Amplify's cross-tab Hub event, if the change means one. */
const notifyCrossTab = async (event: KeyValueStorageEvent): Promise<void> => {
  const key = event.key ?? ""
  if (!key.startsWith(`${TokenStoreLive.AUTH_KEY_PREFIX}.`)) return
  const dispatch = (payload: { readonly event: string; readonly data?: unknown }) => Hub.dispatch("auth", payload, "Auth", amplifySymbol, true)
  if (key.endsWith(".refreshToken")) {
    // The refresh token appearing or going is the sign-in / sign-out; a rewrite of the same one is neither.
    if (event.newValue && !event.oldValue) dispatch({ event: "signedIn", data: await getCurrentUser() })
    else if (!event.newValue && event.oldValue) dispatch({ event: "signedOut" })
  } else if (key.endsWith(".accessToken") && event.oldValue && event.newValue && event.oldValue !== event.newValue) {
    dispatch({ event: "tokenRefresh" })
  }
}

/**
 * Amplify's `DefaultTokenStore` over any storage, with Amplify's key layout and this project's
 * crash-safe write order (a reader never sees half a session as valid).
 * @since 0.1.0
 */
export class DefaultTokenStore {
  private keyValueStorage: KeyValueStorageInterface | undefined
  private clientId: string | undefined
  #stopNotify: (() => void) | undefined

  /** Moves the store to `storage`; cross-tab notifications, when on, follow it. */
  setKeyValueStorage(storage: KeyValueStorageInterface): void {
    const notifying = this.#stopNotify !== undefined
    this.teardownNotify()
    this.keyValueStorage = storage
    if (notifying) this.setupNotify()
  }

  /**
   * Amplify 6.21's cross-tab events: another tab's changes to this store's storage (through its
   * `addListener`) become Hub events marked `crossTab` — `signedIn` when a refresh token appears,
   * `signedOut` when it goes, `tokenRefresh` when an access token is replaced. Calling it twice
   * listens once; storages without `addListener` have nothing to tell.
   */
  setupNotify(): void {
    if (this.#stopNotify !== undefined) return
    // A failure (no current user to report) stays here, whatever the storage does with rejections.
    this.#stopNotify = this.keyValueStorage?.addListener?.((event) => notifyCrossTab(event).catch(() => undefined))
  }

  /** Stops what `setupNotify` started. */
  teardownNotify(): void {
    this.#stopNotify?.()
    this.#stopNotify = undefined
  }

  getKeyValueStorage(): KeyValueStorageInterface {
    if (this.keyValueStorage === undefined) {
      throw new AuthError({ name: "KeyValueStorageNotFoundException", message: "KeyValueStorage was not found in TokenStore" })
    }
    return this.keyValueStorage
  }

  setAuthConfig(authConfig: unknown): void {
    const resolved = Either.getOrThrowWith(AuthConfig.parse({ Auth: authConfig }), toAmplifyError)
    this.clientId = Either.getOrThrowWith(AuthConfig.requireUserPool(resolved), toAmplifyError).userPoolClientId
  }

  /** The app client whose keys the store reads and writes (what `setAuthConfig` set). */
  protected userPoolClientId(): string | undefined {
    return this.clientId
  }

  private store() {
    const storage = Storage.fromPromiseStorage(this.getKeyValueStorage())
    const clientId = this.userPoolClientId()
    if (clientId === undefined) {
      return Effect.fail(
        new AuthError({ name: "AuthUserPoolException", message: "Auth UserPool not configured." })
      )
    }
    return TokenStoreLive.makeWith(storage, clientId)
  }

  /** The stored session, or `null`; never throws (a broken storage reads as signed out). */
  loadTokens(): Promise<CognitoAuthTokens | null> {
    return runPromise(
      Effect.gen(this, function* () {
        const store = yield* this.store()
        const tokens = yield* store.load
        if (Option.isNone(tokens)) return null
        return toCognitoAuthTokens(tokens.value, yield* store.getDeviceMetadata(tokens.value.username))
      }).pipe(Effect.orElseSucceed(() => null))
    )
  }

  storeTokens(tokens: CognitoAuthTokens): Promise<void> {
    return runPromise(Effect.flatMap(this.store(), (store) => Effect.flatMap(fromCognitoAuthTokens(tokens), store.store)))
  }

  clearTokens(): Promise<void> {
    return runPromise(Effect.flatMap(this.store(), (store) => store.clear))
  }

  getLastAuthUser(): Promise<string> {
    return this.getKeyValueStorage()
      .getItem(TokenStoreLive.lastAuthUserKey(this.userPoolClientId() ?? ""))
      .then((user) => user ?? TokenStoreLive.defaultLastAuthUser)
  }

  async getDeviceMetadata(username?: string): Promise<CognitoAuthTokens["deviceMetadata"] | null> {
    const user = username ?? (await this.getLastAuthUser())
    return runPromise(
      Effect.flatMap(this.store(), (store) =>
        Effect.map(store.getDeviceMetadata(user), (device) =>
          Option.isNone(device)
            ? null
            : {
              deviceKey: device.value.deviceKey,
              deviceGroupKey: device.value.deviceGroupKey,
              randomPassword: Redacted.value(device.value.randomPassword)
            }))
    )
  }

  async clearDeviceMetadata(username?: string): Promise<void> {
    const user = username ?? (await this.getLastAuthUser())
    return runPromise(Effect.flatMap(this.store(), (store) => store.clearDeviceMetadata(user)))
  }

  /** Whether the last user's session came from the hosted UI (`oauthMetadata`, Amplify's key). */
  async setOAuthMetadata(metadata: OAuthMetadata): Promise<void> {
    const user = await this.getLastAuthUser()
    return runPromise(Effect.flatMap(this.store(), (store) => store.setOAuthMetadata(user, metadata)))
  }

  /** The last user's `oauthMetadata`, or `null`. */
  async getOAuthMetadata(): Promise<OAuthMetadata | null> {
    const user = await this.getLastAuthUser()
    return runPromise(Effect.flatMap(this.store(), (store) => Effect.map(store.getOAuthMetadata(user), Option.getOrNull)))
  }
}

/** Amplify's `OAuthMetadata`: whether a session was started through the hosted UI. @since 0.1.0 */
export interface OAuthMetadata {
  readonly oauthSignIn: boolean
}

/** @since 0.1.0 */
export interface RefreshAuthTokensInput {
  readonly tokens: CognitoAuthTokens
  readonly authConfig?: unknown
  readonly username: string
  readonly clientMetadata?: ClientMetadata
}

/**
 * One `GetTokensFromRefreshToken` for a stored session, without storing anything: the new
 * session (the old refresh token kept when none is returned). Uses `authConfig`, else the
 * configured instance's, and the `Auth.headers` of the last `configure`, as Amplify does.
 * @since 0.1.0
 */
export const refreshAuthTokensWithoutDedupe = ({ tokens, authConfig, username, clientMetadata }: RefreshAuthTokensInput): Promise<CognitoAuthTokens> =>
  runPromise(
    Effect.gen(function* () {
      const resolved = authConfig === undefined
        ? currentRuntime().config
        : yield* AuthConfig.parse({ Auth: authConfig })
      const pool = yield* AuthConfig.requireUserPool(resolved)
      if (tokens.refreshToken === undefined) return yield* Effect.fail(new UserUnAuthenticatedException())
      const headers = globalHeaders()
      const client = yield* CognitoFetchClient.make(yield* AuthConfig.userPoolEndpoint(pool), headers === undefined ? {} : { headers })
      const response = yield* client.call(GetTokensFromRefreshToken.operation, {
        ClientId: pool.userPoolClientId,
        RefreshToken: Redacted.make(tokens.refreshToken),
        ...(tokens.deviceMetadata?.deviceKey === undefined ? {} : { DeviceKey: tokens.deviceMetadata.deviceKey }),
        ...(clientMetadata === undefined ? {} : { ClientMetadata: clientMetadata })
      })
      const result = response.AuthenticationResult
      if (result?.AccessToken === undefined) {
        return yield* Effect.fail(new InvalidTokensException({ message: "The refresh returned no access token." }))
      }
      const fresh = yield* tokenSetFrom(
        { ...result, RefreshToken: result.RefreshToken ?? Redacted.make(tokens.refreshToken) },
        username,
        tokens.signInDetails
      )
      return {
        ...toCognitoAuthTokens(fresh, Option.none()),
        ...(tokens.deviceMetadata === undefined ? {} : { deviceMetadata: tokens.deviceMetadata })
      }
    })
  )

const inFlight = new Map<string, Promise<CognitoAuthTokens>>()

/**
 * `refreshAuthTokensWithoutDedupe`, with concurrent calls for the same refresh token sharing one request.
 * @since 0.1.0
 */
export const refreshAuthTokens = (input: RefreshAuthTokensInput): Promise<CognitoAuthTokens> => {
  const key = input.tokens.refreshToken ?? ""
  const pending = inFlight.get(key)
  if (pending !== undefined) return pending
  const started = refreshAuthTokensWithoutDedupe(input).finally(() => inFlight.delete(key))
  inFlight.set(key, started)
  return started
}

/**
 * The configured instance's token store (`cognitoUserPoolsTokenProvider.authTokenStore`): always
 * the instance's storage and app client. Setting its storage or configuration sets the provider's.
 */
class ConfiguredTokenStore extends DefaultTokenStore {
  override setKeyValueStorage(storage: KeyValueStorageInterface): void {
    setGlobalStorage(storage)
  }

  /** The instance tells other tabs itself (its own channel): this turns relaying theirs to the Hub on. */
  override setupNotify(): void {
    setGlobalCrossTabEvents(true)
  }

  /** … and off, until `setupNotify`. */
  override teardownNotify(): void {
    setGlobalCrossTabEvents(false)
  }

  override getKeyValueStorage(): KeyValueStorageInterface {
    return globalStorage()
  }

  override setAuthConfig(authConfig: unknown): void {
    setGlobalAuthConfig(authConfig)
  }

  protected override userPoolClientId(): string | undefined {
    return isConfigured() ? currentRuntime().config.userPool?.userPoolClientId : undefined
  }
}

/**
 * The configured instance's orchestrator (`cognitoUserPoolsTokenProvider.tokenOrchestrator`), over
 * its token store and `refreshAuthTokens`. Its session is the instance's (`getTokens` refreshes
 * under the instance's lock, as `fetchAuthSession` does); its configuration and client metadata
 * provider are the instance's too.
 */
class ConfiguredTokenOrchestrator extends TokenOrchestrator {
  constructor(store: DefaultTokenStore) {
    super()
    this.setAuthTokenStore(store)
    this.setTokenRefresher(refreshAuthTokens)
  }

  override getTokens(options?: GetTokensOptions): Promise<AuthTokens | null> {
    return instanceTokens(options)
  }

  override setAuthConfig(authConfig: unknown): void {
    super.setAuthConfig(authConfig)
    setGlobalAuthConfig(authConfig)
  }

  override setClientMetadataProvider(provider: () => Promise<ClientMetadata>): void {
    super.setClientMetadataProvider(provider)
    setGlobalClientMetadataProvider(provider)
  }
}

/** Amplify's (unexported) `CognitoUserPoolsTokenProvider`, of which `cognitoUserPoolsTokenProvider` is the one instance. */
class CognitoUserPoolsTokenProvider implements CognitoUserPoolTokenProviderType {
  readonly [CustomProviders.builtIn] = true as const
  readonly authTokenStore: DefaultTokenStore = new ConfiguredTokenStore()
  readonly tokenOrchestrator: TokenOrchestrator = new ConfiguredTokenOrchestrator(this.authTokenStore)

  // The methods use no `this`: they work unbound too.
  getTokens(options?: GetTokensOptions): Promise<AuthTokens | null> {
    return instanceTokens(options)
  }

  setKeyValueStorage(storage: KeyValueStorageInterface): void {
    setGlobalStorage(storage)
  }

  setAuthConfig(authConfig: unknown): void {
    setGlobalAuthConfig(authConfig)
  }

  setClientMetadataProvider(provider: () => Promise<ClientMetadata>): void {
    cognitoUserPoolsTokenProvider.tokenOrchestrator.setClientMetadataProvider(provider)
  }

  /** Stops other tabs' auth events reaching the Hub (tests, hot reload, micro-frontends), as Amplify 6.21's. */
  teardownNotify(): void {
    this.authTokenStore.teardownNotify()
  }
}

/**
 * The user-pool token provider of the configured instance. `setKeyValueStorage` switches where
 * tokens live until the next `Amplify.configure`, which picks the storage again (as Amplify's
 * does: set it after `configure`); `setAuthConfig` restarts the instance on that configuration;
 * `getTokens` refreshes as `fetchAuthSession` does and answers `null` when signed out.
 * `authTokenStore` and `tokenOrchestrator` are the instance's store and session.
 * @since 0.1.0
 */
export const cognitoUserPoolsTokenProvider = new CognitoUserPoolsTokenProvider()

/**
 * The configured instance's credentials provider: a `CognitoAWSCredentialsAndIdentityIdProvider`
 * whose calls go to the instance, whatever `authConfig` they carry.
 */
class ConfiguredCredentialsProvider extends CognitoAWSCredentialsAndIdentityIdProvider {
  readonly [CustomProviders.builtIn] = true as const

  constructor() {
    // Never used: the instance keeps its identity id in its own storage.
    super(new DefaultIdentityIdStore(globalStorage()))
  }

  override getCredentialsAndIdentityId(options: GetCredentialsOptions): Promise<CredentialsAndIdentityId | undefined> {
    return isConfigured() ? currentRuntime().run(credentialsFor(options)) : Promise.resolve(undefined)
  }

  override clearCredentialsAndIdentityId(): Promise<void> {
    return isConfigured()
      ? clearing(DomainCredentials.CredentialsProvider.pipe(Effect.flatMap((p) => p.clearCredentialsAndIdentityId)))
      : Promise.resolve()
  }

  override clearCredentials(): Promise<void> {
    return isConfigured() ? clearing(DomainCredentials.CredentialsProvider.pipe(Effect.flatMap((p) => p.clearCredentials))) : Promise.resolve()
  }
}

/**
 * The identity-pool credentials provider of the configured instance (an instance of
 * `CognitoAWSCredentialsAndIdentityIdProvider`, as Amplify's is): credentials for the given tokens
 * (or a guest's), cached as `fetchAuthSession` caches them; `undefined` without an identity pool
 * or for a guest when guests are not allowed.
 * @since 0.1.0
 */
export const cognitoCredentialsProvider: CognitoAWSCredentialsAndIdentityIdProvider & { readonly [CustomProviders.builtIn]: true } =
  new ConfiguredCredentialsProvider()
