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
import * as Storage from "@cognito-effect/adapters/Storage"
import * as AuthConfig from "@cognito-effect/domain/AuthConfig"
import type { AuthEvent } from "@cognito-effect/domain/services/AuthEvents"
import { SignInStorage } from "@cognito-effect/domain/services/KeyValueStorage"
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Exit from "effect/Exit"
import * as ManagedRuntime from "effect/ManagedRuntime"
import * as Option from "effect/Option"
import { modExpLayer } from "#platform"
import { toAmplifyError } from "./AuthError.js"
import type { HubCapsule } from "./Hub.js"
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
  /** The `fetch` the default transport uses. */
  readonly fetch?: typeof globalThis.fetch
  /** Extra headers on every user-pool request (Amplify's `Auth.headers`). */
  readonly headers?: () => Promise<Record<string, string>>
  /** Deliver events to other tabs of the same origin (BroadcastChannel). Default `true` in browsers. */
  readonly crossTabEvents?: boolean
}

/** @since 0.1.0 */
export interface CallOptions {
  readonly signal?: AbortSignal
}

/** The storage an instance reads through; `setKeyValueStorage` swaps what is behind it. @since 0.1.0 */
export class SwitchableStorage implements KeyValueStorageInterface {
  constructor(public current: KeyValueStorageInterface) {}
  setItem(key: string, value: string) {
    return this.current.setItem(key, value)
  }
  getItem(key: string) {
    return this.current.getItem(key)
  }
  removeItem(key: string) {
    return this.current.removeItem(key)
  }
  clear() {
    return this.current.clear()
  }
}

const abortError = (signal: AbortSignal | undefined): unknown =>
  signal?.reason ?? new DOMException("The operation was aborted.", "AbortError")

/** Builds the Layer of one instance. @since 0.1.0 */
export const makeLayer = (config: AuthConfig.ResolvedAuthConfig, storage: KeyValueStorageInterface, options: AuthOptions) => {
  const crossTab = options.crossTabEvents ?? typeof globalThis.window !== "undefined"
  const channel = `cognito-effect:${config.userPool?.userPoolClientId ?? "auth"}`
  return Layers.make(config, {
    storage: Storage.layerFromPromiseStorage(storage)(),
    signInStorage: Storage.layerFromPromiseStorage(options.signInStorage ?? sessionStorage)(SignInStorage),
    events: crossTab ? AuthEventBus.layerBroadcast(channel) : AuthEventBus.layer,
    modExp: modExpLayer,
    transport:
      options.transport ??
      CognitoFetchClient.layer({
        ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
        ...(options.headers === undefined ? {} : { headers: options.headers })
      })
  })
}

/** Everything an instance's steps may need. @since 0.1.0 */
export type AuthServices = Layers.AuthServices

/** The running pieces of one instance. @since 0.1.0 */
export interface AuthRuntime {
  readonly config: AuthConfig.ResolvedAuthConfig
  readonly storage: SwitchableStorage
  /** Runs a step as a Promise with Amplify's errors. */
  readonly run: <A, E>(effect: Effect.Effect<A, E, AuthServices>, options?: CallOptions) => Promise<A>
  /** Hub-style listener on this instance's `auth` events. */
  readonly listen: (callback: (capsule: HubCapsule) => void, options?: { readonly crossTab?: boolean }) => () => void
  readonly dispose: () => Promise<void>
}

/** Turns a domain event into Amplify's Hub capsule. @since 0.1.0 */
export const toCapsule = (event: AuthEvent, crossTab: boolean): HubCapsule => ({
  channel: "auth",
  payload: "data" in event ? { event: event.event, data: event.data } : { event: event.event },
  source: "Auth",
  ...(crossTab ? { crossTab } : {})
})

/**
 * Parses `config` (Amplify's `ResourcesConfig` or `amplify_outputs.json`) and starts an instance.
 * A bad configuration throws Amplify's error at once.
 * @since 0.1.0
 */
export const makeRuntime = (config: unknown, options: AuthOptions = {}): AuthRuntime => {
  const resolved = Either.getOrElse(AuthConfig.parse(config), (error) => {
    throw toAmplifyError(error)
  })
  const storage = new SwitchableStorage(options.storage ?? defaultStorage)
  const runtime = ManagedRuntime.make(makeLayer(resolved, storage, options))

  const run = <A, E>(effect: Effect.Effect<A, E, AuthServices>, callOptions?: CallOptions): Promise<A> => {
    const signal = callOptions?.signal
    if (signal?.aborted === true) return Promise.reject(abortError(signal))
    return runtime.runPromiseExit(effect, signal === undefined ? undefined : { signal }).then((exit) => {
      if (Exit.isSuccess(exit)) return exit.value
      const failure = Cause.failureOption(exit.cause)
      if (Option.isSome(failure)) throw toAmplifyError(failure.value)
      if (Cause.isInterruptedOnly(exit.cause)) throw abortError(signal)
      throw toAmplifyError(Cause.squash(exit.cause))
    })
  }

  const listen: AuthRuntime["listen"] = (callback, listenOptions) => {
    const unsubscribe = runtime.runSync(
      Effect.flatMap(AuthEventBus, (bus) =>
        bus.subscribe((event, delivery) => callback(toCapsule(event, delivery.crossTab)), {
          crossTab: listenOptions?.crossTab === true
        })
      )
    )
    return () => runtime.runSync(unsubscribe)
  }

  return { config: resolved, storage, run, listen, dispose: () => runtime.dispose() }
}
