/**
 * `Amplify.configure`: the facade's only global. It starts the instance the top-level functions
 * (`signIn`, …) run on and forwards its events to the global `Hub`. `createAuth` needs none of this.
 *
 * @since 0.1.0
 */
import { AmplifyError } from "./AuthError.js"
import type { Binding } from "./AuthClient.js"
import { type AuthOptions, type AuthRuntime, makeRuntime } from "./createAuth.js"
import { amplifySymbol, Hub } from "./Hub.js"
import { defaultStorage, type KeyValueStorageInterface } from "./storage.js"

interface GlobalState {
  runtime?: AuthRuntime
  config?: unknown
  /** what the last `configure` built the instance with, for `setGlobalAuthConfig` */
  options?: AuthOptions
  storage: KeyValueStorageInterface
  clientMetadataProvider?: () => Promise<Record<string, string>>
  unlisten?: () => void
}

const state: GlobalState = { storage: defaultStorage }

/** Amplify's `LibraryOptions` (the parts that apply to auth). @since 0.1.0 */
export interface LibraryOptions {
  readonly Auth?: { readonly headers?: () => Promise<Record<string, string>> }
  readonly ssr?: boolean
}

/** The instance the global functions use; Amplify's error when `configure` was never called. @since 0.1.0 */
export const currentRuntime = (): AuthRuntime => {
  if (state.runtime === undefined) {
    throw new AmplifyError({
      name: "AuthUserPoolException",
      message: "Auth UserPool not configured.",
      recoverySuggestion: "Make sure to call Amplify.configure in your app with userPoolId and userPoolClientId."
    })
  }
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

/** Swaps the global token storage (`cognitoUserPoolsTokenProvider.setKeyValueStorage`). @since 0.1.0 */
export const setGlobalStorage = (storage: KeyValueStorageInterface): void => {
  state.storage = storage
  if (state.runtime !== undefined) state.runtime.storage.current = storage
}

/** Sets what refreshes of the global instance send as `ClientMetadata` (`setClientMetadataProvider`). @since 0.1.0 */
export const setGlobalClientMetadataProvider = (provider: () => Promise<Record<string, string>>): void => {
  state.clientMetadataProvider = provider
  if (state.runtime !== undefined) state.runtime.clientMetadata.provider = provider
}

/** Starts the global instance for `config`, replacing the previous one. */
const install = (config: unknown, options: AuthOptions): void => {
  const runtime = makeRuntime(config, { ...options, storage: state.storage })
  if (state.clientMetadataProvider !== undefined) runtime.clientMetadata.provider = state.clientMetadataProvider
  state.unlisten?.()
  void state.runtime?.dispose()
  state.runtime = runtime
  state.options = options
  state.unlisten = runtime.listen(
    (capsule) => Hub.dispatch("auth", capsule.payload, capsule.source, amplifySymbol, capsule.crossTab === true),
    { crossTab: true }
  )
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

/** @since 0.1.0 */
export const Amplify = {
  configure(config: unknown, libraryOptions?: LibraryOptions, extra?: Omit<AuthOptions, "storage">): void {
    const headers = libraryOptions?.Auth?.headers
    install(config, { ...extra, ...(headers === undefined ? {} : { headers }) })
    state.config = config
    Hub.dispatch("core", { event: "configure", data: config }, "Core", amplifySymbol)
  },
  getConfig(): unknown {
    return state.config ?? {}
  }
}
