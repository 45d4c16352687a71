/**
 * `Amplify.configure`: the facade's only global. It starts the instance the top-level functions
 * (`signIn`, …) run on and forwards its events to the global `Hub`. `createAuth` needs none of this.
 *
 * As Amplify's, `configure` takes any configuration it can read (`ResourcesConfig`,
 * `amplify_outputs.json`, `aws-exports`) and leaves it to each call to report what is missing;
 * `getConfig()` and the Hub's `core` `configure` event carry the `ResourcesConfig` it read, frozen.
 *
 * @since 0.1.0
 */
import * as AuthConfig from "@cognito-effect/domain/AuthConfig"
import * as Either from "effect/Either"
import { NoAmplifyContextError, toAmplifyError } from "./AuthError.js"
import type { Binding } from "./AuthClient.js"
import { type AuthOptions, type AuthRuntime, makeRuntime } from "./createAuth.js"
import { amplifySymbol, Hub } from "./Hub.js"
import { CookieStorage, defaultStorage, type KeyValueStorageInterface } from "./storage.js"

interface GlobalState {
  runtime?: AuthRuntime
  /** the `ResourcesConfig` the last `configure` read, for `getConfig` */
  config?: object
  /** what the last `configure` built the instance with, for `setGlobalAuthConfig` */
  options?: AuthOptions
  /** the token storage (`setKeyValueStorage`); `configure` replaces it, as Amplify's does */
  storage: KeyValueStorageInterface
  /** the `ssr` flag of the last `configure` given library options: one given none keeps it */
  ssr: boolean
  clientMetadataProvider?: () => Promise<Record<string, string>>
  unlisten?: (() => void) | undefined
  /** whether other tabs' events reach the Hub (`teardownNotify` turns it off) */
  crossTab: boolean
}

const state: GlobalState = { storage: defaultStorage, ssr: false, crossTab: true }

/**
 * Amplify's `ResourcesConfig` as `getConfig` answers it: the auth part typed, other categories
 * as given.
 * @since 0.1.0
 */
export interface ResourcesConfig {
  readonly Auth?: { readonly Cognito?: AuthConfig.CognitoInput }
  readonly [category: string]: unknown
}

/** Amplify's `LibraryOptions` (the parts that apply to auth). @since 0.1.0 */
export interface LibraryOptions {
  readonly Auth?: {
    readonly headers?: () => Promise<Record<string, string>>
    /** The app's own session source, in place of the Cognito token provider. */
    readonly tokenProvider?: AuthOptions["tokenProvider"]
    /** The app's own identity-pool credentials, in place of the Cognito credentials provider. */
    readonly credentialsProvider?: AuthOptions["credentialsProvider"]
  }
  readonly ssr?: boolean
}

/**
 * The instance the global functions use; Amplify's `NoAmplifyContextError` when `configure` was
 * never called.
 * @since 0.1.0
 */
export const currentRuntime = (): AuthRuntime => {
  if (state.runtime === undefined) throw new NoAmplifyContextError()
  return state.runtime
}

/** Whether `configure` was called. @since 0.1.0 */
export const isConfigured = (): boolean => state.runtime !== undefined

/**
 * A documented function running on the configured instance. Each global function binds only its
 * own step, so an app's bundle carries only the functions it imports.
 * @since 0.1.0
 */
export const onCurrent =
  <Args extends ReadonlyArray<unknown>, A>(binding: Binding<(...args: Args) => Promise<A>>) =>
  (...args: Args): Promise<A> => {
    try {
      return binding(currentRuntime())(...args)
    } catch (error) {
      return Promise.reject(error)
    }
  }

/**
 * Swaps the global token storage (`cognitoUserPoolsTokenProvider.setKeyValueStorage`), until the
 * next `configure` that picks one.
 * @since 0.1.0
 */
export const setGlobalStorage = (storage: KeyValueStorageInterface): void => {
  state.storage = storage
  if (state.runtime !== undefined) state.runtime.storage.current = storage
}

/**
 * The app's `Auth.headers` from the last `configure`: Amplify adds them to every user-pool
 * request, the standalone `refreshAuthTokens` included.
 * @since 0.1.0
 */
export const globalHeaders = (): (() => Promise<Record<string, string>>) | undefined =>
  typeof state.options?.headers === "function" ? state.options.headers : undefined

/** Where the global instance keeps tokens: what `configure` or `setGlobalStorage` chose last. @since 0.1.0 */
export const globalStorage = (): KeyValueStorageInterface => state.storage

/** Sets what refreshes of the global instance send as `ClientMetadata` (`setClientMetadataProvider`). @since 0.1.0 */
export const setGlobalClientMetadataProvider = (provider: () => Promise<Record<string, string>>): void => {
  state.clientMetadataProvider = provider
  if (state.runtime !== undefined) state.runtime.clientMetadata.provider = provider
}

/** Starts the global instance for `config`, replacing the previous one. */
const install = (config: unknown, options: AuthOptions): void => {
  const runtime = makeRuntime(config, { ...options, storage: state.storage })
  if (state.clientMetadataProvider !== undefined) runtime.clientMetadata.provider = state.clientMetadataProvider
  // The old instance's listener goes before the instance does.
  state.unlisten?.()
  state.unlisten = undefined
  void state.runtime?.dispose()
  state.runtime = runtime
  state.options = options
  relayToHub(runtime)
}

/** Relays the instance's events to the Hub, other tabs' too unless `teardownNotify` said not to. */
const relayToHub = (runtime: AuthRuntime): void => {
  state.unlisten?.()
  state.unlisten = runtime.listen(
    (capsule) => Hub.dispatch("auth", capsule.payload, capsule.source, amplifySymbol, capsule.crossTab === true),
    { crossTab: state.crossTab }
  )
}

/**
 * Whether other tabs' auth events reach the Hub (`cognitoUserPoolsTokenProvider.teardownNotify`,
 * `authTokenStore.setupNotify`).
 * @since 0.1.0
 */
export const setGlobalCrossTabEvents = (enabled: boolean): void => {
  state.crossTab = enabled
  if (state.runtime !== undefined) relayToHub(state.runtime)
}

/**
 * Restarts the global instance with `auth` (`{ Cognito: {...} }`) as its configuration, keeping
 * the storage and options of the last `configure` (`cognitoUserPoolsTokenProvider.setAuthConfig`).
 * No `configure` event, as in Amplify.
 * @since 0.1.0
 */
export const setGlobalAuthConfig = (auth: unknown): void => {
  install({ Auth: auth }, state.options ?? {})
  state.config = { ...(typeof state.config === "object" && state.config !== null ? state.config : {}), Auth: auth }
}

/**
 * Freezes `value` and what it holds, as Amplify freezes the configuration it keeps. Views over
 * binary data cannot be frozen and are left as they are; what is frozen already is not revisited.
 */
const deepFreeze = <A>(value: A): A => {
  if ((typeof value !== "object" || value === null) && typeof value !== "function") return value
  if (Object.isFrozen(value) || ArrayBuffer.isView(value)) return value
  Object.freeze(value)
  for (const key of Reflect.ownKeys(value)) {
    const property = Object.getOwnPropertyDescriptor(value, key)
    if (property !== undefined && "value" in property) deepFreeze(property.value)
  }
  return value
}

/** @since 0.1.0 */
export const Amplify = {
  /**
   * Reads `config` and replaces the global instance with one for it. Throws only where Amplify
   * throws (something that is not an object, aws-exports without `aws_project_region`), and then
   * the previous instance keeps running.
   */
  configure(config: unknown, libraryOptions?: LibraryOptions, extra?: Omit<AuthOptions, "storage">): void {
    const resources = Either.getOrThrowWith(AuthConfig.resourcesConfig(config), toAmplifyError)
    // Amplify's rule for the token storage: every `configure` of an `Auth` section without the
    // app's own `Auth` options puts the built-in token provider on a new storage — cookies a
    // server can read (SameSite=Lax) with `ssr`, else the browser's storage — replacing one set
    // with `setKeyValueStorage` before. `ssr` comes from these options, or the last ones when
    // none are given.
    if (libraryOptions !== undefined && libraryOptions !== null) state.ssr = Boolean(libraryOptions.ssr)
    if ((resources as { readonly Auth?: unknown }).Auth && !libraryOptions?.Auth) {
      state.storage = state.ssr ? new CookieStorage({ sameSite: "lax" }) : defaultStorage
    }
    const { headers, tokenProvider, credentialsProvider } = libraryOptions?.Auth ?? {}
    install(resources, {
      ...extra,
      ...(headers === undefined ? {} : { headers }),
      ...(tokenProvider === undefined ? {} : { tokenProvider }),
      ...(credentialsProvider === undefined ? {} : { credentialsProvider })
    })
    state.config = deepFreeze(resources)
    Hub.dispatch("core", { event: "configure", data: state.config }, "Configure", amplifySymbol)
  },
  /** The `ResourcesConfig` of the last `configure`; before one, `{}` and Amplify's warning. */
  getConfig(): ResourcesConfig {
    if (state.runtime === undefined) {
      console.warn("Amplify has not been configured. Please call Amplify.configure() before using this service.")
      return {}
    }
    // What `configure` read: a `ResourcesConfig`, or a generated document of the wrong shape as given.
    return (state.config ?? {}) as ResourcesConfig
  }
}
