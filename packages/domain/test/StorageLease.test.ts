import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import { StorageError } from "@cognito-effect/domain/AuthError"
import { KeyValueStorage, type KeyValueStorageService } from "@cognito-effect/domain/services/KeyValueStorage"
import { RefreshLock } from "@cognito-effect/domain/services/RefreshLock"
import * as StorageLease from "@cognito-effect/domain/StorageLease"

/** A storage shared by "tabs"; every access yields, as a real storage's would. */
const sharedStorage = (items: Map<string, string>): KeyValueStorageService => ({
  getItem: (k) => Effect.zipRight(Effect.yieldNow(), Effect.sync(() => Option.fromNullable(items.get(k)))),
  setItem: (k, v) => Effect.zipRight(Effect.yieldNow(), Effect.sync(() => void items.set(k, v))),
  removeItem: (k) => Effect.zipRight(Effect.yieldNow(), Effect.sync(() => void items.delete(k))),
  clear: Effect.sync(() => items.clear())
})

const fast = { poll: "5 millis", settle: "10 millis" } as const

describe("StorageLease", () => {
  it.live("instances sharing a storage never hold the lock at once", () =>
    Effect.gen(function* () {
      const items = new Map<string, string>()
      const locks = yield* Effect.all(Array.from({ length: 4 }, () => StorageLease.make(sharedStorage(items), fast)))
      let inside = 0
      let overlaps = 0
      let entered = 0
      const work = Effect.gen(function* () {
        inside++
        entered++
        if (inside > 1) overlaps++
        yield* Effect.sleep("15 millis")
        inside--
      })
      yield* Effect.all(
        locks.flatMap((lock) => [lock.withLock("refresh:c", work), lock.withLock("refresh:c", work)]),
        { concurrency: "unbounded" }
      )
      assert.strictEqual(entered, 8)
      assert.strictEqual(overlaps, 0)
      assert.isFalse(items.has("refresh:c.lease"), "the lease is gone once released")
    }))

  it.live("a lease left by an instance that died is taken once it expires", () =>
    Effect.gen(function* () {
      const items = new Map([["refresh:c.lease", JSON.stringify({ owner: "closed-tab", expiresAt: Date.now() + 150 })]])
      const lock = yield* StorageLease.make(sharedStorage(items), fast)
      const started = Date.now()
      yield* lock.withLock("refresh:c", Effect.void)
      assert.isAtLeast(Date.now() - started, 120)
    }))

  it.live("a long holder renews its lease, so nobody takes it meanwhile", () =>
    Effect.gen(function* () {
      const items = new Map<string, string>()
      const options = { ...fast, lease: "90 millis" } as const
      const [first, second] = yield* Effect.all([StorageLease.make(sharedStorage(items), options), StorageLease.make(sharedStorage(items), options)])
      const order: Array<string> = []
      yield* Effect.all(
        [
          first!.withLock("refresh:c", Effect.sleep("300 millis").pipe(Effect.zipRight(Effect.sync(() => order.push("first done"))))),
          Effect.sleep("20 millis").pipe(Effect.zipRight(second!.withLock("refresh:c", Effect.sync(() => order.push("second in")))))
        ],
        { concurrency: "unbounded" }
      )
      assert.deepStrictEqual(order, ["first done", "second in"])
    }))

  it.live("layerDefault takes Web Locks where the platform has them, the lease elsewhere", () =>
    Effect.gen(function* () {
      const items = new Map<string, string>()
      const storageLayer = Layer.succeed(KeyValueStorage, sharedStorage(items))
      const underLock = (observe: () => void) =>
        Effect.flatMap(RefreshLock, (lock) => lock.withLock("refresh:c", Effect.sync(observe))).pipe(
          Effect.provide(StorageLease.layerDefault(fast).pipe(Layer.provide(storageLayer)))
        )
      // No Web Locks (Node 20): the lease is written while the work runs.
      let leaseSeen = false
      yield* underLock(() => (leaseSeen = items.has("refresh:c.lease")))
      assert.isTrue(leaseSeen)

      const requested: Array<string> = []
      const original = Object.getOwnPropertyDescriptor(globalThis, "navigator")
      Object.defineProperty(globalThis, "navigator", {
        configurable: true,
        value: { locks: { request: (name: string, callback: () => Promise<unknown>) => (requested.push(name), callback()) } }
      })
      try {
        leaseSeen = false
        yield* underLock(() => (leaseSeen = items.has("refresh:c.lease")))
      } finally {
        if (original === undefined) delete (globalThis as { navigator?: unknown }).navigator
        else Object.defineProperty(globalThis, "navigator", original)
      }
      assert.deepStrictEqual(requested, ["refresh:c"])
      assert.isFalse(leaseSeen)
    }))

  it.live("a storage that fails does not block the work", () =>
    Effect.gen(function* () {
      const failing: KeyValueStorageService = {
        getItem: () => Effect.fail(new StorageError({ operation: "getItem", message: "denied" })),
        setItem: () => Effect.fail(new StorageError({ operation: "setItem", message: "denied" })),
        removeItem: () => Effect.fail(new StorageError({ operation: "removeItem", message: "denied" })),
        clear: Effect.void
      }
      const lock = yield* StorageLease.make(failing, fast)
      assert.strictEqual(yield* lock.withLock("refresh:c", Effect.succeed(42)), 42)
    }))
})
