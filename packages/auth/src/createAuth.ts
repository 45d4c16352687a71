/**
 * `createAuth(config)`: one independent auth client — its own configuration, storage, event
 * listeners and refresh state — with the documented Amplify functions as Promise methods. The
 * global functions (`signIn`, …) are the methods of the instance `Amplify.configure` creates.
 *
 * Every method takes an optional trailing `{ signal }`: aborting interrupts the step, which
 * aborts its requests.
 *
 * @since 0.1.0
 */
import * as AuthEventBusModule from "@cognito-effect/adapters/AuthEventBus"
import * as CognitoFetchClient from "@cognito-effect/adapters/CognitoFetchClient"
import * as Layers from "@cognito-effect/adapters/Layers"
import * as OAuthFetchClient from "@cognito-effect/adapters/OAuthFetchClient"
import * as RedirectLive from "@cognito-effect/adapters/Redirect"
import type { RefreshVia } from "@cognito-effect/domain/services/OAuthClient"
import * as Storage from "@cognito-effect/adapters/Storage"
import * as AuthConfig from "@cognito-effect/domain/AuthConfig"
import type { AuthEvent } from "@cognito-effect/domain/services/AuthEvents"
import { SignInStorage } from "@cognito-effect/domain/services/KeyValueStorage"
import { ClientMetadataProvider } from "@cognito-effect/domain/TokenProvider"
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import * as ManagedRuntime from "effect/ManagedRuntime"
import * as Option from "effect/Option"
import { modExpLayer } from "#platform"
import { AmplifyError, AuthError, toAmplifyError } from "./AuthError.js"
import type { AuthSession } from "./AuthClient.js"
import type { HubCapsule } from "./Hub.js"
import type { CredentialsAndIdentityIdProvider, TokenProvider as AppTokenProvider } from "./cognito.js"
import * as CustomProviders from "./CustomProviders.js"
import { SessionCache } from "./SessionCache.js"
import { defaultStorage, type KeyValueStorageInterface, sessionStorage } from "./storage.js"

const { AuthEventBus } = AuthEventBusModule

/** @since 0.1.0 */
export interface AuthOptions {
  /** Where tokens and device keys live (default: localStorage; memory where there is none). */
  readonly storage?: KeyValueStorageInterface
  /** Where the pending sign-in lives (default: sessionStorage; memory where there is none). */
  readonly signInStorage?: KeyValueStorageInterface
  /** Replaces the HTTP transport, e.g. with the emulator's in-process Layer in tests. */
  readonly transport?: Layers.Options["transport"]
  /**
   * The passkey authenticator (default: the browser's `navigator.credentials`); the adapters'
   * `SoftwareAuthenticator` gives Node tests and scripts real passkeys.
   */
  readonly authenticator?: Layers.Options["authenticator"]
  /** Replaces the Cognito Identity (identity pool) transport. */
  readonly identityTransport?: Layers.Options["identityTransport"]
  /** Replaces the lock around token refresh (default: Web Locks, else in-process plus a storage lease). */
  readonly refreshLock?: Layers.Options["refreshLock"]
  /** The `fetch` the default transport uses. */
  readonly fetch?: typeof globalThis.fetch
  /** How the hosted UI leaves and re-reads the page (default: the browser's `location`; memory without one). */
  readonly redirect?: RedirectLive.RedirectHandler
  /**
   * How sessions from the hosted UI are refreshed: `GetTokensFromRefreshToken` (default, what
   * Amplify ≥ 6.14 does) or `TokenEndpoint` (`grant_type=refresh_token` at `/oauth2/token`).
   */
  readonly oauthRefresh?: RefreshVia
  /** Extra headers on every user-pool request (Amplify's `Auth.headers`). */
  readonly headers?: () => Promise<Record<string, string>>
  /** Deliver events to other tabs of the same origin (BroadcastChannel). Default `true` in browsers. */
  readonly crossTabEvents?: boolean
  /**
   * The app's own token provider (Amplify's `LibraryOptions.Auth.tokenProvider`): what
   * `fetchAuthSession` and the signed-in calls take the session from. `fetchAuthSession` answers
   * are then never kept, since the provider's session can change at any time.
   */
  readonly tokenProvider?: AppTokenProvider
  /** The app's own identity-pool credentials provider (Amplify's `LibraryOptions.Auth.credentialsProvider`). */
  readonly credentialsProvider?: CredentialsAndIdentityIdProvider
}

/** @since 0.1.0 */
export interface CallOptions {
  readonly signal?: AbortSignal
}

/**
 * The storage an instance reads through; `setKeyValueStorage` swaps what is behind it. Its
 * `version` moves whenever the storage behind it reports a change or is swapped (`undefined` for
 * storages that report nothing), which is what `fetchAuthSession`'s kept answer checks.
 * @since 0.1.0
 */
export class SwitchableStorage implements KeyValueStorageInterface {
  #current: KeyValueStorageInterface
  #switches = 0
  constructor(current: KeyValueStorageInterface) {
    this.#current = current
  }
  get current(): KeyValueStorageInterface {
    return this.#current
  }
  set current(storage: KeyValueStorageInterface) {
    this.#current = storage
    this.#switches++
  }
  /** The swaps and the changes of the storage behind; `undefined` when that storage cannot tell. */
  version(): string | undefined {
    // `?.`: an untyped caller may have swapped in `null` (every call then fails with StorageError).
    const version = (this.#current as { readonly version?: unknown } | null | undefined)?.version
    return typeof version === "number" ? `${this.#switches}:${version}` : undefined
  }
  setItem(key: string, value: string) {
    return this.current.setItem(key, value)
  }
  getItem(key: string) {
    return this.current.getItem(key)
  }
  getItemSync(key: string) {
    return this.current.getItemSync?.(key)
  }
  removeItem(key: string) {
    return this.current.removeItem(key)
  }
  clear() {
    return this.current.clear()
  }
}

/** The call's `signal` when it is a real `AbortSignal`; anything else is ignored, as an absent one is. */
const signalOf = (options: unknown): AbortSignal | undefined => {
  const signal = typeof options === "object" && options !== null ? (options as CallOptions).signal : undefined
  return typeof AbortSignal !== "undefined" && signal instanceof AbortSignal ? signal : undefined
}

const abortError = (signal: AbortSignal | undefined): unknown =>
  signal?.reason ?? new DOMException("The operation was aborted.", "AbortError")

/** Where an instance's refreshes get `ClientMetadata` (`setClientMetadataProvider`). @since 0.1.0 */
export interface ClientMetadataHolder {
  provider?: () => Promise<Record<string, string>>
}

/** Builds the Layer of one instance. @since 0.1.0 */
export const makeLayer = (
  config: AuthConfig.ResolvedAuthConfig,
  storage: KeyValueStorageInterface,
  options: AuthOptions,
  clientMetadata: ClientMetadataHolder = {},
  authConfig?: unknown
) => {
  const services = cognitoLayer(config, storage, options, clientMetadata)
  // The app's providers take the place of the Cognito ones (a merged Layer's later services win).
  return Layer.mergeAll(
    services,
    CustomProviders.isAppProvider(options.tokenProvider, "getTokens")
      ? CustomProviders.tokenProviderLayer(options.tokenProvider)
      : Layer.empty,
    CustomProviders.isAppProvider(options.credentialsProvider, "getCredentialsAndIdentityId")
      ? CustomProviders.credentialsProviderLayer(options.credentialsProvider, authConfig)
      : Layer.empty
  )
}

const cognitoLayer = (
  config: AuthConfig.ResolvedAuthConfig,
  storage: KeyValueStorageInterface,
  options: AuthOptions,
  clientMetadata: ClientMetadataHolder
) => {
  const crossTab = options.crossTabEvents ?? typeof globalThis.window !== "undefined"
  const channel = `cognito-effect:${config.userPool?.userPoolClientId ?? "auth"}`
  return Layers.make(config, {
    storage: Storage.layerFromPromiseStorage(storage)(),
    signInStorage: Storage.layerFromPromiseStorage(options.signInStorage ?? sessionStorage)(SignInStorage),
    events: crossTab ? AuthEventBus.layerBroadcast(channel) : AuthEventBus.layer,
    modExp: modExpLayer,
    ...(options.refreshLock === undefined ? {} : { refreshLock: options.refreshLock }),
    ...(options.authenticator === undefined ? {} : { authenticator: options.authenticator }),
    // A provider that rejects sends no metadata rather than failing the refresh.
    clientMetadataProvider: Layer.succeed(
      ClientMetadataProvider,
      Effect.suspend(() => {
        const provider = clientMetadata.provider
        return provider === undefined
          ? Effect.succeed(undefined)
          : Effect.orElseSucceed(Effect.tryPromise(() => provider()), () => undefined)
      })
    ),
    ...(options.redirect === undefined ? {} : { redirect: RedirectLive.layerHandler(options.redirect) }),
    oauthClient: OAuthFetchClient.layer({
      ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
      ...(options.oauthRefresh === undefined ? {} : { refreshVia: options.oauthRefresh })
    }),
    identityTransport:
      options.identityTransport ??
      CognitoFetchClient.layerIdentity(options.fetch === undefined ? {} : { fetch: options.fetch }),
    transport:
      options.transport ??
      CognitoFetchClient.layer({
        ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
        // Untyped callers: anything but a function is no headers function at all.
        ...(typeof options.headers === "function" ? { headers: options.headers } : {})
      })
  })
}

/** Everything an instance's steps may need. @since 0.1.0 */
export type AuthServices = Layers.AuthServices

/** The running pieces of one instance. @since 0.1.0 */
export interface AuthRuntime {
  readonly config: AuthConfig.ResolvedAuthConfig
  readonly storage: SwitchableStorage
  /** `setClientMetadataProvider` sets what refreshes send as `ClientMetadata`. */
  readonly clientMetadata: ClientMetadataHolder
  /** The last `fetchAuthSession` answer, while it holds (see `SessionCache`); unused while a `hold` runs. */
  readonly sessionCache: SessionCache<AuthSession>
  /** Whether a step started with `hold` is still running. */
  readonly holding: () => boolean
  /** Runs a step as a Promise with Amplify's errors (after any step started with `hold`). */
  readonly run: <A, E>(effect: Effect.Effect<A, E, AuthServices>, options?: CallOptions) => Promise<A>
  /**
   * Runs a step that every later call waits for (completing a redirect sign-in, so that
   * `fetchAuthSession` on the callback page sees its session, as in Amplify).
   */
  readonly hold: <A, E>(effect: Effect.Effect<A, E, AuthServices>, options?: CallOptions) => Promise<A>
  /** Hub-style listener on this instance's `auth` events. */
  readonly listen: (callback: (capsule: HubCapsule) => void, options?: { readonly crossTab?: boolean }) => () => void
  readonly dispose: () => Promise<void>
}

/** Turns a domain event into Amplify's Hub capsule. @since 0.1.0 */
export const toCapsule = (event: AuthEvent, crossTab: boolean): HubCapsule => ({
  channel: "auth",
  payload: "data" in event ? { event: event.event, data: dataOf(event) } : { event: event.event },
  source: "Auth",
  ...(crossTab ? { crossTab } : {})
})

/** An event's data for listeners: the failures carry an `AuthError`, as Amplify's do. */
const dataOf = (event: Extract<AuthEvent, { readonly data: unknown }>): unknown =>
  (event.event === "tokenRefresh_failure" || event.event === "signInWithRedirect_failure") && event.data.error !== undefined
    ? { error: new AuthError(event.data.error) }
    : event.data

/**
 * Parses `config` (Amplify's `ResourcesConfig`, `amplify_outputs.json` or `aws-exports`) and
 * starts an instance. Only what Amplify's `configure` refuses throws (something that is not an
 * object, aws-exports without `aws_project_region`); anything else is accepted, and each call
 * reports what it lacks, in Amplify's order (`AuthUserPoolException`, `InvalidUserPoolId`, …).
 * @since 0.1.0
 */
export const makeRuntime = (config: unknown, options: AuthOptions = {}): AuthRuntime => {
  const resolved = Either.getOrElse(AuthConfig.parse(config), (error) => {
    throw toAmplifyError(error)
  })
  const storage = new SwitchableStorage(options.storage ?? defaultStorage)
  const clientMetadata: ClientMetadataHolder = {}
  const authConfig = options.credentialsProvider === undefined
    ? undefined
    : Either.match(AuthConfig.resourcesConfig(config), { onLeft: () => undefined, onRight: (resources) => (resources as { readonly Auth?: unknown }).Auth })
  const runtime = ManagedRuntime.make(makeLayer(resolved, storage, options, clientMetadata, authConfig))

  const execute = <A, E>(effect: Effect.Effect<A, E, AuthServices>, callOptions?: CallOptions): Promise<A> => {
    const signal = signalOf(callOptions)
    if (signal?.aborted === true) return Promise.reject(abortError(signal))
    return runtime.runPromiseExit(effect, signal === undefined ? undefined : { signal }).then((exit) => {
      if (Exit.isSuccess(exit)) return exit.value
      const failure = Cause.failureOption(exit.cause)
      if (Option.isSome(failure)) throw toAmplifyError(failure.value)
      if (Cause.isInterruptedOnly(exit.cause)) throw abortError(signal)
      throw toAmplifyError(Cause.squash(exit.cause))
    })
  }

  let held: Promise<void> | undefined
  const run: AuthRuntime["run"] = (effect, callOptions) => {
    const pending = held
    return pending === undefined ? execute(effect, callOptions) : pending.then(() => execute(effect, callOptions))
  }
  const hold: AuthRuntime["hold"] = (effect, callOptions) => {
    const result = run(effect, callOptions)
    const settled = result.then(() => undefined, () => undefined)
    held = settled
    void settled.then(() => {
      if (held === settled) held = undefined
    })
    return result
  }

  const listen: AuthRuntime["listen"] = (callback, listenOptions) => {
    // As Amplify's Hub: a listener that is not a function is refused at once, not at the first event.
    if (typeof callback !== "function") {
      throw new AmplifyError({ name: "NoHubcallbackProvidedException", message: "No callback supplied to Hub" })
    }
    const unsubscribe = runtime.runSync(
      Effect.flatMap(AuthEventBus, (bus) =>
        bus.subscribe((event, delivery) => callback(toCapsule(event, delivery.crossTab)), {
          crossTab: listenOptions?.crossTab === true
        })
      )
    )
    return () => runtime.runSync(unsubscribe)
  }

  const appTokens = CustomProviders.isAppProvider(options.tokenProvider, "getTokens")
  const sessionCache = new SessionCache<AuthSession>({ version: () => (appTokens ? undefined : storage.version()) })
  const holding = () => held !== undefined
  return { config: resolved, storage, clientMetadata, sessionCache, holding, run, hold, listen, dispose: () => runtime.dispose() }
}
