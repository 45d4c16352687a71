/**
 * `Amplify.configure`: the facade's only global. It creates the instance the top-level functions
 * (`signIn`, …) use and forwards its events to the global `Hub`. `createAuth` needs none of this.
 *
 * @since 0.1.0
 */
import { AmplifyError } from "./AuthError.js"
import { makeClient, type AuthClient } from "./AuthClient.js"
import { type AuthOptions, makeRuntime } from "./createAuth.js"
import { Hub } from "./Hub.js"
import { defaultStorage, type KeyValueStorageInterface } from "./storage.js"

interface GlobalState {
  client?: AuthClient
  config?: unknown
  storage: KeyValueStorageInterface
  unlisten?: () => void
}

const state: GlobalState = { storage: defaultStorage }

/** Amplify's `LibraryOptions` (the parts that apply to auth). @since 0.1.0 */
export interface LibraryOptions {
  readonly Auth?: { readonly headers?: () => Promise<Record<string, string>> }
  readonly ssr?: boolean
}

/** The instance the global functions use; Amplify's error when `configure` was never called. @since 0.1.0 */
export const currentClient = (): AuthClient => {
  if (state.client === undefined) {
    throw new AmplifyError({
      name: "AuthUserPoolException",
      message: "Auth UserPool not configured.",
      recoverySuggestion: "Make sure to call Amplify.configure in your app with userPoolId and userPoolClientId."
    })
  }
  return state.client
}

/** Whether `configure` was called. @since 0.1.0 */
export const isConfigured = (): boolean => state.client !== undefined

/** Swaps the global token storage (`cognitoUserPoolsTokenProvider.setKeyValueStorage`). @since 0.1.0 */
export const setGlobalStorage = (storage: KeyValueStorageInterface): void => {
  state.storage = storage
  state.client?.setKeyValueStorage(storage)
}

/** @since 0.1.0 */
export const Amplify = {
  configure(config: unknown, libraryOptions?: LibraryOptions, extra?: Omit<AuthOptions, "storage">): void {
    const headers = libraryOptions?.Auth?.headers
    const client = makeClient(makeRuntime(config, { ...extra, storage: state.storage, ...(headers === undefined ? {} : { headers }) }))
    state.unlisten?.()
    void state.client?.dispose()
    state.client = client
    state.config = config
    state.unlisten = client.listen((capsule) => Hub.dispatch("auth", capsule.payload, capsule.source, capsule.crossTab === true), {
      crossTab: true
    })
    Hub.dispatch("core", { event: "configure", data: config }, "Core")
  },
  getConfig(): unknown {
    return state.config ?? {}
  }
}
