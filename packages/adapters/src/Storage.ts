/**
 * Layers for the storage ports (`KeyValueStorage`, and the same constructors for `SignInStorage`)
 * with the semantics of Amplify's `KeyValueStorageInterface`: memory, a process-wide shared
 * memory, Web Storage (`localStorage` / `sessionStorage`, falling back to memory where it is
 * absent or unusable, as Amplify's `defaultStorage` does), any `@effect/platform` `KeyValueStore`,
 * and a user's own Promise storage. Every backend failure becomes a `StorageError`.
 *
 * Each `layer*` targets `KeyValueStorage` by default; pass `SignInStorage` to build that port
 * instead: `Storage.layerSessionStorage(SignInStorage)`.
 *
 * @since 0.1.0
 */
import * as KeyValueStore from "@effect/platform/KeyValueStore"
import type * as PlatformError from "@effect/platform/Error"
import { StorageError } from "@cognito-effect/domain/AuthError"
import { KeyValueStorage, type KeyValueStorageService } from "@cognito-effect/domain/services/KeyValueStorage"
import type * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"

/**
 * Amplify's `KeyValueStorageInterface`: what users hand to `cognitoUserPoolsTokenProvider.setKeyValueStorage`.
 * @since 0.1.0
 * @category models
 */
export interface KeyValueStorageInterface {
  setItem(key: string, value: string): Promise<void>
  getItem(key: string): Promise<string | null>
  removeItem(key: string): Promise<void>
  clear(): Promise<void>
  /**
   * Optional (not in Amplify's interface): the same read without a Promise, for storages that
   * have one (memory, Web Storage); `undefined` means "ask `getItem`".
   */
  getItemSync?(key: string): string | null | undefined
  /**
   * Optional (Amplify 6.21): calls `listener` when another tab changes this storage; answers how
   * to stop. Token stores listen to it for cross-tab auth events (`setupNotify`).
   */
  addListener?(listener: (event: KeyValueStorageEvent) => Promise<void> | void): () => void
}

/**
 * A change another tab made to a storage (Amplify's `KeyValueStorageEvent`).
 * @since 0.1.0
 * @category models
 */
export interface KeyValueStorageEvent {
  readonly key: string | null
  readonly oldValue: string | null
  readonly newValue: string | null
}

/**
 * A tag whose service is a key-value storage (`KeyValueStorage`, `SignInStorage`).
 * @since 0.1.0
 * @category models
 */
export type StorageTag<Id> = Context.Tag<Id, KeyValueStorageService>

/**
 * A storage Layer constructor: no argument builds `KeyValueStorage`, a tag builds that port.
 * @since 0.1.0
 * @category models
 */
export interface StorageLayer<E = never, R = never> {
  (): Layer.Layer<KeyValueStorage, E, R>
  <Id>(tag: StorageTag<Id>): Layer.Layer<Id, E, R>
}

const layerOf = <E, R>(make: Effect.Effect<KeyValueStorageService, E, R>): StorageLayer<E, R> =>
  // `any` here only: the overloads of `StorageLayer` carry the types.
  ((tag: StorageTag<any> = KeyValueStorage) => Layer.effect(tag, make)) as StorageLayer<E, R>

type Operation = StorageError["operation"]

const platformOperation: Record<string, Operation> = {
  get: "getItem",
  set: "setItem",
  remove: "removeItem",
  clear: "clear"
}

const fromPlatformError = (fallback: Operation, key?: string) => (error: PlatformError.PlatformError) =>
  new StorageError({
    operation: platformOperation[error.method] ?? fallback,
    ...(key === undefined ? {} : { key }),
    message: error.message,
    cause: error
  })

/**
 * Adapts an `@effect/platform` `KeyValueStore` (memory, Web Storage, a file system store …).
 * @since 0.1.0
 * @category constructors
 */
export const fromKeyValueStore = (store: KeyValueStore.KeyValueStore): KeyValueStorageService => ({
  getItem: (key) => Effect.mapError(store.get(key), fromPlatformError("getItem", key)),
  setItem: (key, value) => Effect.mapError(store.set(key, value), fromPlatformError("setItem", key)),
  removeItem: (key) => Effect.mapError(store.remove(key), fromPlatformError("removeItem", key)),
  clear: Effect.mapError(store.clear, fromPlatformError("clear"))
})

const fromPlatformLayer = (layer: Layer.Layer<KeyValueStore.KeyValueStore>): Effect.Effect<KeyValueStorageService> =>
  // `Effect.provide` builds the layer with a fresh memo map, so every run gets its own store.
  Effect.provide(Effect.map(KeyValueStore.KeyValueStore, fromKeyValueStore), layer)

/**
 * A fresh in-memory storage on every run.
 * @since 0.1.0
 * @category constructors
 */
export const makeMemory: Effect.Effect<KeyValueStorageService> = fromPlatformLayer(KeyValueStore.layerMemory)

let sharedMemory: KeyValueStorageService | undefined

/**
 * One in-memory storage for the whole process (Amplify's `sharedInMemoryStorage`).
 * @since 0.1.0
 * @category constructors
 */
export const makeSharedMemory: Effect.Effect<KeyValueStorageService> = Effect.suspend(() =>
  sharedMemory === undefined ? Effect.map(makeMemory, (store) => (sharedMemory ??= store)) : Effect.succeed(sharedMemory)
)

const probeKey = "aws.amplify.test-ls"

/** The Web Storage object if it can be reached and written; Safari private mode and sandboxed frames throw. */
const usableWebStorage = (evaluate: () => Storage | undefined | null): Storage | undefined => {
  try {
    const storage = evaluate()
    if (storage === undefined || storage === null) return undefined
    storage.setItem(probeKey, "")
    storage.removeItem(probeKey)
    return storage
  } catch {
    return undefined
  }
}

/**
 * A Web Storage object, or a fresh memory storage when `evaluate` yields nothing or the storage
 * throws on access.
 * @since 0.1.0
 * @category constructors
 */
export const makeWebStorage = (evaluate: () => Storage | undefined | null): Effect.Effect<KeyValueStorageService> =>
  Effect.suspend(() => {
    const storage = usableWebStorage(evaluate)
    return storage === undefined ? makeMemory : fromPlatformLayer(KeyValueStore.layerStorage(() => storage))
  })

/**
 * Wraps a user's Amplify-style storage; a throw or a rejection becomes a `StorageError`.
 * @since 0.1.0
 * @category constructors
 */
export const fromPromiseStorage = (storage: KeyValueStorageInterface): KeyValueStorageService => {
  const attempt = <A>(operation: Operation, key: string | undefined, run: () => Promise<A>) =>
    Effect.tryPromise({
      try: run,
      catch: (cause) =>
        new StorageError({
          operation,
          ...(key === undefined ? {} : { key }),
          message: `The storage failed in ${operation}${key === undefined ? "" : ` for key ${key}`}`,
          cause
        })
    })
  const asOption = (value: unknown): Option.Option<string> => (typeof value === "string" ? Option.some(value) : Option.none())
  const readAsync = (key: string) => Effect.map(attempt("getItem", key, () => storage.getItem(key)), asOption)
  return {
    // A synchronous read skips an async boundary per key: `fetchAuthSession` reads several.
    getItem: (key) =>
      typeof storage.getItemSync !== "function"
        ? readAsync(key)
        : Effect.suspend(() => {
          try {
            const value = storage.getItemSync!(key)
            return value === undefined ? readAsync(key) : Effect.succeed(asOption(value))
          } catch (cause) {
            return Effect.fail(
              new StorageError({ operation: "getItem", key, message: `The storage failed in getItem for key ${key}`, cause })
            )
          }
        }),
    setItem: (key, value) => Effect.asVoid(attempt("setItem", key, () => storage.setItem(key, value))),
    removeItem: (key) => Effect.asVoid(attempt("removeItem", key, () => storage.removeItem(key))),
    clear: Effect.asVoid(attempt("clear", undefined, () => storage.clear()))
  }
}

/**
 * A fresh in-memory storage per Layer build.
 * @since 0.1.0
 * @category layers
 */
export const layerMemory: StorageLayer = layerOf(makeMemory)

/**
 * The process-wide in-memory storage (Amplify's `sharedInMemoryStorage`).
 * @since 0.1.0
 * @category layers
 */
export const layerSharedMemory: StorageLayer = layerOf(makeSharedMemory)

/**
 * `globalThis.localStorage`, or memory where there is none (Node, SSR, blocked storage).
 * @since 0.1.0
 * @category layers
 */
export const layerLocalStorage: StorageLayer = layerOf(makeWebStorage(() => globalThis.localStorage))

/**
 * `globalThis.sessionStorage`, or memory where there is none.
 * @since 0.1.0
 * @category layers
 */
export const layerSessionStorage: StorageLayer = layerOf(makeWebStorage(() => globalThis.sessionStorage))

/**
 * A given Web Storage object (another window's, a test double), or memory if it is unusable.
 * @since 0.1.0
 * @category layers
 */
export const layerWebStorage = (evaluate: () => Storage | undefined | null): StorageLayer =>
  layerOf(makeWebStorage(evaluate))

/**
 * Whatever `@effect/platform` `KeyValueStore` the app provides.
 * @since 0.1.0
 * @category layers
 */
export const layerKeyValueStore: StorageLayer<never, KeyValueStore.KeyValueStore> = layerOf(
  Effect.map(KeyValueStore.KeyValueStore, fromKeyValueStore)
)

/**
 * A user's Amplify-style `KeyValueStorageInterface`.
 * @since 0.1.0
 * @category layers
 */
export const layerFromPromiseStorage = (storage: KeyValueStorageInterface): StorageLayer =>
  layerOf(Effect.sync(() => fromPromiseStorage(storage)))
