import { assert, describe, it } from "@effect/vitest"
import { assertSome } from "@effect/vitest/utils"
import * as KeyValueStore from "@effect/platform/KeyValueStore"
import * as PlatformError from "@effect/platform/Error"
import * as Storage from "@cognito-effect/adapters/Storage"
import type { StorageError } from "@cognito-effect/domain/AuthError"
import { KeyValueStorage, SignInStorage } from "@cognito-effect/domain/services/KeyValueStorage"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import { Window } from "happy-dom"

const key = "CognitoIdentityServiceProvider.client.alice.accessToken"

const roundTrip = Effect.gen(function*() {
  const storage = yield* KeyValueStorage
  assert.isTrue(Option.isNone(yield* storage.getItem(key)))
  yield* storage.setItem(key, "a.b.c")
  assertSome(yield* storage.getItem(key), "a.b.c")
  yield* storage.setItem("other", "")
  assertSome(yield* storage.getItem("other"), "")
  yield* storage.removeItem(key)
  assert.isTrue(Option.isNone(yield* storage.getItem(key)))
  yield* storage.clear
  assert.isTrue(Option.isNone(yield* storage.getItem("other")))
})

/** A Web Storage object whose every call throws, like Safari's private mode or a sandboxed frame. */
const blockedStorage = (): Storage => {
  const deny = () => {
    throw new DOMException("The operation is insecure.", "SecurityError")
  }
  return { length: 0, key: deny, getItem: deny, setItem: deny, removeItem: deny, clear: deny }
}

/** A Map-backed Web Storage that refuses values longer than `quota` characters. */
const quotaStorage = (quota: number): Storage => {
  const map = new Map<string, string>()
  return {
    get length() {
      return map.size
    },
    key: (index) => Array.from(map.keys())[index] ?? null,
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => {
      if (v.length > quota) throw new DOMException("quota", "QuotaExceededError")
      map.set(k, v)
    },
    removeItem: (k) => {
      map.delete(k)
    },
    clear: () => map.clear()
  }
}

/** Runs `f` with `globalThis[name]` replaced by a getter, restoring it afterwards. */
const withGlobal = <A, E, R>(name: "localStorage" | "sessionStorage", get: () => unknown, f: Effect.Effect<A, E, R>) =>
  Effect.acquireUseRelease(
    Effect.sync(() => {
      const previous = Object.getOwnPropertyDescriptor(globalThis, name)
      Object.defineProperty(globalThis, name, { configurable: true, get })
      return previous
    }),
    () => f,
    (previous) =>
      Effect.sync(() => {
        if (previous === undefined) delete (globalThis as Record<string, unknown>)[name]
        else Object.defineProperty(globalThis, name, previous)
      })
  )

describe("Storage", () => {
  describe("layerMemory", () => {
    it.effect("round-trips, reads a missing key as None, clears", () =>
      roundTrip.pipe(Effect.provide(Storage.layerMemory())))

    it.effect("gives every Layer build its own map, also when both ports are built together", () =>
      Effect.gen(function*() {
        const tokens = yield* KeyValueStorage
        const signIn = yield* SignInStorage
        yield* tokens.setItem("k", "tokens")
        assert.isTrue(Option.isNone(yield* signIn.getItem("k")))
        const fresh = yield* Effect.provide(KeyValueStorage, Storage.layerMemory())
        assert.isTrue(Option.isNone(yield* fresh.getItem("k")))
      }).pipe(Effect.provide(Layer.merge(Storage.layerMemory(), Storage.layerMemory(SignInStorage)))))
  })

  describe("layerSharedMemory", () => {
    it.effect("is one map for the whole process", () =>
      Effect.gen(function*() {
        const first = yield* Effect.provide(KeyValueStorage, Storage.layerSharedMemory())
        const second = yield* Effect.provide(SignInStorage, Storage.layerSharedMemory(SignInStorage))
        yield* first.setItem("shared-key", "v")
        assertSome(yield* second.getItem("shared-key"), "v")
        yield* second.removeItem("shared-key")
        assert.isTrue(Option.isNone(yield* first.getItem("shared-key")))
      }))
  })

  describe("layerWebStorage", () => {
    it.effect("reads and writes the given Web Storage", () =>
      Effect.gen(function*() {
        const window = new Window({ url: "https://app.example.com/" })
        const webStorage = window.localStorage as unknown as Storage
        webStorage.setItem(key, "written-by-amplify")
        const storage = yield* Effect.provide(KeyValueStorage, Storage.layerWebStorage(() => webStorage)())
        assertSome(yield* storage.getItem(key), "written-by-amplify")
        yield* storage.setItem("ours", "1")
        assert.strictEqual(webStorage.getItem("ours"), "1")
        assert.isNull(webStorage.getItem("aws.amplify.test-ls"), "the probe key is cleaned up")
        webStorage.clear()
        yield* Effect.provide(roundTrip, Storage.layerWebStorage(() => webStorage)())
        assert.strictEqual(webStorage.length, 0)
        yield* Effect.promise(() => window.happyDOM.close())
      }))

    it.effect("falls back to memory when there is no storage or it throws", () =>
      Effect.gen(function*() {
        yield* Effect.provide(roundTrip, Storage.layerWebStorage(() => undefined)())
        yield* Effect.provide(roundTrip, Storage.layerWebStorage(() => null)())
        yield* Effect.provide(roundTrip, Storage.layerWebStorage(blockedStorage)())
        yield* Effect.provide(
          roundTrip,
          Storage.layerWebStorage(() => {
            throw new DOMException("denied", "SecurityError")
          })()
        )
      }))

    it.effect("turns a failing write into a StorageError naming the operation and key", () =>
      Effect.gen(function*() {
        const webStorage = quotaStorage(16)
        const storage = yield* Effect.provide(KeyValueStorage, Storage.layerWebStorage(() => webStorage)())
        yield* storage.setItem("small", "fits")
        const error = yield* Effect.flip(storage.setItem(key, "x".repeat(64)))
        assert.strictEqual(error._tag, "StorageError")
        assert.strictEqual(error.operation, "setItem")
        assert.strictEqual(error.key, key)
        assert.strictEqual(webStorage.getItem("small"), "fits")
      }))
  })

  describe("layerLocalStorage / layerSessionStorage", () => {
    it.effect("use globalThis.localStorage when it works", () => {
      const window = new Window()
      const webStorage = window.localStorage as unknown as Storage
      return withGlobal(
        "localStorage",
        () => webStorage,
        Effect.gen(function*() {
          const storage = yield* Effect.provide(KeyValueStorage, Storage.layerLocalStorage())
          yield* storage.setItem("k", "v")
          assert.strictEqual(webStorage.getItem("k"), "v")
        })
      )
    })

    it.effect("fall back to memory when the global is absent", () =>
      withGlobal("sessionStorage", () => undefined, roundTrip.pipe(Effect.provide(Storage.layerSessionStorage()))))

    it.effect("fall back to memory when reading the global throws", () =>
      withGlobal(
        "localStorage",
        () => {
          throw new DOMException("denied", "SecurityError")
        },
        roundTrip.pipe(Effect.provide(Storage.layerLocalStorage()))
      ))

    it.effect("build the SignInStorage port when given its tag", () =>
      withGlobal(
        "sessionStorage",
        () => undefined,
        Effect.gen(function*() {
          const storage = yield* SignInStorage
          yield* storage.setItem("CognitoSignInState.username", "alice")
          assertSome(yield* storage.getItem("CognitoSignInState.username"), "alice")
        }).pipe(Effect.provide(Storage.layerSessionStorage(SignInStorage)))
      ))
  })

  describe("layerFromPromiseStorage", () => {
    it.effect("wraps an Amplify-style storage", () => {
      const map = new Map<string, string>()
      const custom: Storage.KeyValueStorageInterface = {
        setItem: async (k, v) => {
          map.set(k, v)
        },
        getItem: async (k) => map.get(k) ?? null,
        removeItem: async (k) => {
          map.delete(k)
        },
        clear: async () => map.clear()
      }
      return Effect.gen(function*() {
        yield* roundTrip
        const storage = yield* KeyValueStorage
        yield* storage.setItem("k", "v")
        assert.strictEqual(map.get("k"), "v")
      }).pipe(Effect.provide(Storage.layerFromPromiseStorage(custom)()))
    })

    it.effect("turns rejections and synchronous throws into StorageError", () => {
      const boom = new Error("disk full")
      const custom: Storage.KeyValueStorageInterface = {
        setItem: () => Promise.reject(boom),
        getItem: () => {
          throw boom
        },
        removeItem: () => Promise.reject(boom),
        clear: () => Promise.reject(boom)
      }
      return Effect.gen(function*() {
        const storage = yield* KeyValueStorage
        const errors: Array<StorageError> = [
          yield* Effect.flip(storage.setItem("k", "secret-value")),
          yield* Effect.flip(storage.getItem("k")),
          yield* Effect.flip(storage.removeItem("k")),
          yield* Effect.flip(storage.clear)
        ]
        assert.deepStrictEqual(errors.map((e) => e.operation), ["setItem", "getItem", "removeItem", "clear"])
        assert.deepStrictEqual(errors.map((e) => e.key), ["k", "k", "k", undefined])
        assert.isTrue(errors.every((e) => e.cause === boom))
        assert.notInclude(errors[0]!.message, "secret-value")
      }).pipe(Effect.provide(Storage.layerFromPromiseStorage(custom)()))
    })

    it.effect("reads a non-string value as absent", () => {
      const custom = {
        setItem: async () => {},
        getItem: async () => undefined as unknown as string | null,
        removeItem: async () => {},
        clear: async () => {}
      }
      return Effect.gen(function*() {
        const storage = yield* KeyValueStorage
        assert.isTrue(Option.isNone(yield* storage.getItem("k")))
      }).pipe(Effect.provide(Storage.layerFromPromiseStorage(custom)()))
    })
  })

  describe("layerKeyValueStore", () => {
    it.effect("adapts the platform store the app provides", () =>
      roundTrip.pipe(Effect.provide(Storage.layerKeyValueStore()), Effect.provide(KeyValueStore.layerMemory)))

    it.effect("maps platform errors to StorageError by method", () => {
      const failing = KeyValueStore.makeStringOnly({
        get: (k) =>
          Effect.fail(new PlatformError.SystemError({ reason: "PermissionDenied", module: "KeyValueStore", method: "get", pathOrDescriptor: k })),
        set: () => Effect.fail(new PlatformError.BadArgument({ module: "KeyValueStore", method: "set" })),
        remove: () => Effect.void,
        clear: Effect.void,
        size: Effect.succeed(0)
      })
      return Effect.gen(function*() {
        const storage = yield* KeyValueStorage
        const read = yield* Effect.flip(storage.getItem("k"))
        assert.strictEqual(read.operation, "getItem")
        assert.strictEqual(read.key, "k")
        assert.include(read.message, "PermissionDenied")
        const write = yield* Effect.flip(storage.setItem("k", "v"))
        assert.strictEqual(write.operation, "setItem")
      }).pipe(Effect.provide(Storage.layerKeyValueStore()), Effect.provide(Layer.succeed(KeyValueStore.KeyValueStore, failing)))
    })
  })
})
