import { assert, describe, it } from "@effect/vitest"
import * as NodeFileStorage from "@cognito-effect/adapters/NodeFileStorage"
import * as TokenStoreLive from "@cognito-effect/adapters/TokenStore"
import { AuthConfig, type ResolvedAuthConfig } from "@cognito-effect/domain/AuthConfig"
import { StorageError } from "@cognito-effect/domain/AuthError"
import { KeyValueStorage, SignInStorage } from "@cognito-effect/domain/services/KeyValueStorage"
import { TokenStore } from "@cognito-effect/domain/services/TokenStore"
import * as Tokens from "@cognito-effect/domain/Tokens"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as NodeFs from "node:fs/promises"
import * as NodeOs from "node:os"
import * as NodePath from "node:path"

const tempDir = Effect.acquireRelease(
  Effect.promise(() => NodeFs.mkdtemp(NodePath.join(NodeOs.tmpdir(), "file-storage-"))),
  (dir) => Effect.promise(() => NodeFs.rm(dir, { recursive: true, force: true }))
)

const storageIn = (fsync = true) => Effect.map(tempDir, (dir) => new NodeFileStorage.NodeFileStorage(NodePath.join(dir, "store"), { fsync }))

describe("NodeFileStorage", () => {
  it.scoped("keeps values across instances, answers null for a missing key, removes idempotently", () =>
    Effect.gen(function* () {
      const storage = yield* storageIn()
      yield* Effect.promise(async () => {
        assert.isNull(await storage.getItem("absent"))
        await storage.removeItem("absent")
        await storage.setItem("CognitoIdentityServiceProvider.client.user@example.com.accessToken", "a.b.c")
        await storage.setItem("CognitoIdentityServiceProvider.client.user@example.com.accessToken", "d.e.f")
        const again = new NodeFileStorage.NodeFileStorage(storage.directory)
        assert.strictEqual(await again.getItem("CognitoIdentityServiceProvider.client.user@example.com.accessToken"), "d.e.f")
        await again.removeItem("CognitoIdentityServiceProvider.client.user@example.com.accessToken")
        assert.isNull(await storage.getItem("CognitoIdentityServiceProvider.client.user@example.com.accessToken"))
      })
    }))

  it.scoped("stores any key and value: dots, slashes, unicode, empty, very long", () =>
    Effect.gen(function* () {
      const storage = yield* storageIn(false)
      const keys = ["", ".", "..", "a/b/../c", "ключ 🔑", "x".repeat(5_000), "CON", "k-already-prefixed"]
      yield* Effect.promise(async () => {
        for (const [index, key] of keys.entries()) await storage.setItem(key, `value ${index} ✓\n${"y".repeat(index * 1000)}`)
        for (const [index, key] of keys.entries()) assert.strictEqual(await storage.getItem(key), `value ${index} ✓\n${"y".repeat(index * 1000)}`)
        // Nothing escaped the directory.
        assert.deepStrictEqual(await NodeFs.readdir(NodePath.dirname(storage.directory)), ["store"])
      })
    }))

  it.scoped("concurrent writes of one key leave one of the values, whole", () =>
    Effect.gen(function* () {
      const storage = yield* storageIn()
      const values = Array.from({ length: 20 }, (_, i) => `${i}:${"v".repeat(50_000)}`)
      yield* Effect.promise(async () => {
        await Promise.all(values.map((value) => storage.setItem("key", value)))
        assert.include(values, await storage.getItem("key"))
        assert.deepStrictEqual((await NodeFs.readdir(storage.directory)).filter((name) => name.startsWith("t-")), [])
      })
    }))

  it.scoped("clear removes keys and temporary files a killed writer left, and nothing else", () =>
    Effect.gen(function* () {
      const storage = yield* storageIn()
      yield* Effect.promise(async () => {
        await storage.setItem("a", "1")
        await storage.setItem("b".repeat(400), "2")
        // What a process killed between writing and renaming leaves behind.
        await NodeFs.writeFile(NodePath.join(storage.directory, "t-0000-half"), '{"trunc')
        await NodeFs.writeFile(NodePath.join(storage.directory, "README"), "not ours")
        assert.strictEqual(await storage.getItem("a"), "1")
        await storage.clear()
        assert.deepStrictEqual(await NodeFs.readdir(storage.directory), ["README"])
        assert.isNull(await storage.getItem("a"))
      })
    }))

  it.scoped("a clear of a directory that was never written is a no-op", () =>
    Effect.gen(function* () {
      const storage = yield* storageIn()
      yield* Effect.promise(() => storage.clear())
      assert.isNull(yield* Effect.promise(() => storage.getItem("a")))
    }))

  it.scoped("as the token store's port: a session stored by one process is loaded by the next", () =>
    Effect.gen(function* () {
      const dir = yield* tempDir
      const config: ResolvedAuthConfig = {
        userPool: {
          userPoolId: "us-east-1_Ab12Cd34E",
          userPoolClientId: "client",
          region: "us-east-1",
          poolName: "Ab12Cd34E",
          endpoint: "http://127.0.0.1:9",
          endpointOverridden: true,
          signUpVerificationMethod: "code"
        }
      }
      const jwt = (payload: object) =>
        `${Buffer.from('{"alg":"RS256"}').toString("base64url")}.${Buffer.from(JSON.stringify(payload)).toString("base64url")}.c2ln`
      const accessToken = Either.getOrThrow(Tokens.decode(jwt({ sub: "s", exp: 4_000_000_000, iat: 1, event_id: "e" })))
      const stores = Layer.provide(TokenStoreLive.layer, Layer.merge(NodeFileStorage.layer(dir)(), Layer.succeed(AuthConfig, config)))
      yield* Effect.provide(Effect.flatMap(TokenStore, (store) => store.store({ username: "u", accessToken, clockDrift: -20 })), stores)
      const loaded = yield* Effect.provide(Effect.flatMap(TokenStore, (store) => store.load), stores)
      assert.isTrue(Option.isSome(loaded))
      assert.strictEqual(Option.getOrThrow(loaded).clockDrift, -20)
    }))

  it.scoped("a directory that cannot be written fails with StorageError, for either port", () =>
    Effect.gen(function* () {
      const dir = yield* tempDir
      const file = NodePath.join(dir, "a-file")
      yield* Effect.promise(() => NodeFs.writeFile(file, "x"))
      const layer = NodeFileStorage.layer(NodePath.join(file, "sub"))
      const tokens = yield* Effect.flip(Effect.provide(Effect.flatMap(KeyValueStorage, (storage) => storage.setItem("k", "v")), layer()))
      const signIn = yield* Effect.flip(Effect.provide(Effect.flatMap(SignInStorage, (storage) => storage.setItem("k", "v")), layer(SignInStorage)))
      for (const error of [tokens, signIn]) {
        assert.instanceOf(error, StorageError)
        assert.strictEqual(error.operation, "setItem")
      }
    }))
})
