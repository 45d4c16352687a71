import { assert, describe, it } from "@effect/vitest"
import { assertNone, assertSome } from "@effect/vitest/utils"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as AuthConfig from "@cognito-effect/domain/AuthConfig"
import { StorageError } from "@cognito-effect/domain/AuthError"
import { IdentityIdStore, makeWith, storageKey } from "@cognito-effect/domain/services/IdentityIdStore"
import { KeyValueStorage, type KeyValueStorageService } from "@cognito-effect/domain/services/KeyValueStorage"

const identityPoolId = "eu-west-1:4a2e0b6a-3c1d-4f5e-8a9b-0c1d2e3f4a5b"
const key = `com.amplify.Cognito.${identityPoolId}.identityId`

const mapStorage = (items: Map<string, string>): KeyValueStorageService => ({
  getItem: (k) => Effect.sync(() => Option.fromNullable(items.get(k))),
  setItem: (k, v) => Effect.sync(() => void items.set(k, v)),
  removeItem: (k) => Effect.sync(() => void items.delete(k)),
  clear: Effect.sync(() => items.clear())
})

describe("IdentityIdStore", () => {
  it("uses Amplify's key", () => {
    assert.strictEqual(storageKey(identityPoolId), key)
  })

  it.effect("keeps a guest id in storage (an Amplify-written one is read) and a primary id in memory", () =>
    Effect.gen(function* () {
      const items = new Map([[key, "eu-west-1:guest-written-by-amplify"]])
      const store = yield* makeWith(mapStorage(items), identityPoolId)
      assertSome(yield* store.load, { id: "eu-west-1:guest-written-by-amplify", type: "guest" as const })

      yield* store.store({ id: "eu-west-1:primary", type: "primary" })
      assertSome(yield* store.load, { id: "eu-west-1:primary", type: "primary" as const })
      assert.isFalse(items.has(key), "storing a primary id removes the guest id")

      yield* store.store({ id: "eu-west-1:guest2", type: "guest" })
      assert.strictEqual(items.get(key), "eu-west-1:guest2")
      assertSome(yield* store.load, { id: "eu-west-1:guest2", type: "guest" as const })

      yield* store.store({ id: "eu-west-1:primary", type: "primary" })
      yield* store.clear
      assertNone(yield* store.load)
      assert.strictEqual(items.size, 0)
    }))

  it.effect("an empty stored value reads as none; storage failures are typed", () =>
    Effect.gen(function* () {
      const empty = yield* makeWith(mapStorage(new Map([[key, ""]])), identityPoolId)
      assertNone(yield* empty.load)
      const failing = yield* makeWith(
        { ...mapStorage(new Map()), getItem: () => Effect.fail(new StorageError({ operation: "getItem", message: "denied" })) },
        identityPoolId
      )
      assert.instanceOf(yield* Effect.flip(failing.load), StorageError)
    }))

  it.effect("the Layer keeps nothing without an identity pool", () =>
    Effect.gen(function* () {
      const items = new Map<string, string>()
      const store = yield* Effect.provide(
        IdentityIdStore,
        IdentityIdStore.layer.pipe(
          Layer.provide(Layer.succeed(KeyValueStorage, mapStorage(items))),
          Layer.provide(Layer.succeed(AuthConfig.AuthConfig, Either.getOrThrow(AuthConfig.parse({ Auth: { Cognito: { userPoolId: "us-east-1_x", userPoolClientId: "c" } } }))))
        )
      )
      yield* store.store({ id: "x", type: "guest" })
      assert.strictEqual(items.size, 0)
      assertNone(yield* store.load)
    }))
})
