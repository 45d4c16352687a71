import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as NodeFs from "node:fs/promises"
import * as NodeOs from "node:os"
import * as NodePath from "node:path"
import * as Persistence from "../src/Persistence.js"
import type * as Seed from "../src/Seed.js"
import * as Server from "../src/Server.js"
import * as Store from "../src/Store.js"
import { send, srpClient } from "./Harness.js"

const tempDir = Effect.acquireRelease(
  Effect.promise(() => NodeFs.mkdtemp(NodePath.join(NodeOs.tmpdir(), "emulator-data-"))),
  (dir) => Effect.promise(() => NodeFs.rm(dir, { recursive: true, force: true }))
)

const running = (options: Server.StartOptions) =>
  Effect.acquireRelease(
    Effect.promise(() => Server.start({ port: 0, ...options })),
    (emulator) => Effect.promise(() => emulator.stop())
  )

const password = "Passw0rd!"

/** Signs up and confirms `email` in the default pool; returns the tokens of a sign-in. */
const signedInUser = (emulator: Server.Running, email: string) =>
  Effect.gen(function* () {
    yield* send(emulator.endpoint, "SignUp", { ClientId: emulator.userPoolClientId, Username: email, Password: password })
    yield* send(emulator.endpoint, "ConfirmSignUp", { ClientId: emulator.userPoolClientId, Username: email, ConfirmationCode: emulator.latestCode(email, "SIGN_UP") })
    const answer = yield* send(emulator.endpoint, "InitiateAuth", {
      AuthFlow: "USER_PASSWORD_AUTH",
      ClientId: emulator.userPoolClientId,
      AuthParameters: { USERNAME: email, PASSWORD: password }
    })
    assert.strictEqual(answer.status, 200)
    return answer.body.AuthenticationResult as { AccessToken: string; RefreshToken: string }
  })

describe("Persistence", () => {
  it.live("pools, users, keys and refresh tokens survive a restart", () =>
    Effect.gen(function* () {
      const dir = yield* tempDir
      const first = yield* Effect.promise(() => Server.start({ port: 0, dataDir: dir }))
      const tokens = yield* signedInUser(first, "keep@example.com")
      const jwks = yield* Effect.promise(() => fetch(`${first.endpoint}/${first.userPoolId}/.well-known/jwks.json`).then((r) => r.json()))
      yield* Effect.promise(() => first.stop())

      const second = yield* running({ dataDir: dir })
      assert.strictEqual(second.userPoolId, first.userPoolId)
      assert.strictEqual(second.userPoolClientId, first.userPoolClientId)
      const again = yield* Effect.promise(() => fetch(`${second.endpoint}/${second.userPoolId}/.well-known/jwks.json`).then((r) => r.json()))
      assert.deepStrictEqual(again, jwks)
      const refreshed = yield* send(second.endpoint, "GetTokensFromRefreshToken", { ClientId: second.userPoolClientId, RefreshToken: tokens.RefreshToken })
      assert.strictEqual(refreshed.status, 200)
      const user = yield* send(second.endpoint, "GetUser", { AccessToken: tokens.AccessToken })
      assert.strictEqual(user.status, 200)
      const signIn = yield* send(second.endpoint, "InitiateAuth", {
        AuthFlow: "USER_SRP_AUTH",
        ClientId: second.userPoolClientId,
        AuthParameters: { USERNAME: "keep@example.com", SRP_A: srpClient().srpA }
      })
      assert.strictEqual(signIn.body.ChallengeName, "PASSWORD_VERIFIER")
    }).pipe(Effect.scoped))

  it.live("revocations survive a restart too", () =>
    Effect.gen(function* () {
      const dir = yield* tempDir
      const first = yield* Effect.promise(() => Server.start({ port: 0, dataDir: dir }))
      const tokens = yield* signedInUser(first, "gone@example.com")
      yield* send(first.endpoint, "GlobalSignOut", { AccessToken: tokens.AccessToken })
      yield* Effect.promise(() => first.stop())
      const second = yield* running({ dataDir: dir })
      const refreshed = yield* send(second.endpoint, "GetTokensFromRefreshToken", { ClientId: second.userPoolClientId, RefreshToken: tokens.RefreshToken })
      assert.strictEqual(refreshed.body.message, "Refresh Token has been revoked")
    }).pipe(Effect.scoped))

  it.live("an e-mail waiting for verification survives a restart, and its code still swaps it in", () =>
    Effect.gen(function* () {
      const dir = yield* tempDir
      const seed: Seed.Seed = {
        UserPools: [{
          Id: "us-east-1_Keeps1",
          PoolName: "keeps",
          UsernameAttributes: ["email"],
          AutoVerifiedAttributes: ["email"],
          UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ["email"] },
          Clients: [{ Id: "keepsclient1", ClientName: "web", ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] }],
          Users: [{ Username: "kept@example.com", Password: password }]
        }]
      }
      const first = yield* Effect.promise(() => Server.start({ port: 0, dataDir: dir, seed }))
      const signIn = yield* send(first.endpoint, "InitiateAuth", {
        AuthFlow: "USER_PASSWORD_AUTH",
        ClientId: "keepsclient1",
        AuthParameters: { USERNAME: "kept@example.com", PASSWORD: password }
      })
      const accessToken = signIn.body.AuthenticationResult.AccessToken as string
      const updated = yield* send(first.endpoint, "UpdateUserAttributes", { AccessToken: accessToken, UserAttributes: [{ Name: "email", Value: "waiting@example.com" }] })
      assert.strictEqual(updated.body.CodeDeliveryDetailsList[0].Destination, "w***@e***")
      const code = first.latestCode("waiting@example.com", "VERIFY_ATTRIBUTE")
      yield* Effect.promise(() => first.stop())

      const second = yield* running({ dataDir: dir, seed })
      const emailOf = () =>
        Effect.map(send(second.endpoint, "GetUser", { AccessToken: accessToken }), (answer) =>
          Object.fromEntries((answer.body.UserAttributes as Array<{ Name: string; Value: string }>).map((a) => [a.Name, a.Value]))
        )
      assert.deepInclude(yield* emailOf(), { email: "kept@example.com", email_verified: "true" })
      const verified = yield* send(second.endpoint, "VerifyUserAttribute", { AccessToken: accessToken, AttributeName: "email", Code: code })
      assert.strictEqual(verified.status, 200)
      assert.deepInclude(yield* emailOf(), { email: "waiting@example.com", email_verified: "true" })
    }).pipe(Effect.scoped))

  it.live("a corrupt or truncated snapshot is moved aside and the emulator starts empty", () =>
    Effect.gen(function* () {
      const dir = yield* tempDir
      const first = yield* Effect.promise(() => Server.start({ port: 0, dataDir: dir }))
      yield* signedInUser(first, "lost@example.com")
      yield* Effect.promise(() => first.stop())
      const file = NodePath.join(dir, Persistence.fileName)
      const text = yield* Effect.promise(() => NodeFs.readFile(file, "utf8"))
      for (const broken of [text.slice(0, Math.floor(text.length / 2)), "", '{"version":1,"pools":"nope"}', "\u0000\u0001garbage"]) {
        yield* Effect.promise(() => NodeFs.writeFile(file, broken))
        const restarted = yield* Effect.promise(() => Server.start({ port: 0, dataDir: dir }))
        assert.notStrictEqual(restarted.userPoolId, first.userPoolId)
        yield* Effect.promise(() => restarted.stop())
        // The fresh state was written and loads.
        assert.isTrue(Option.isSome(yield* Persistence.load(dir)))
      }
      const aside = (yield* Effect.promise(() => NodeFs.readdir(dir))).filter((name) => name.startsWith(`${Persistence.fileName}.corrupt-`))
      assert.isAtLeast(aside.length, 1)
    }).pipe(Effect.scoped))

  it.live("leftover temporary files from an interrupted write are removed", () =>
    Effect.gen(function* () {
      const dir = yield* tempDir
      const stray = NodePath.join(dir, `${Persistence.fileName}.123.0.tmp`)
      yield* Effect.promise(() => NodeFs.writeFile(stray, '{"half": '))
      assert.isTrue(Option.isNone(yield* Persistence.load(dir)))
      const names = yield* Effect.promise(() => NodeFs.readdir(dir))
      assert.notInclude(names, NodePath.basename(stray))
    }).pipe(Effect.scoped))

  it.live("writeAtomic replaces the snapshot in one step", () =>
    Effect.gen(function* () {
      const dir = yield* tempDir
      const store = new Store.Store()
      yield* Persistence.writeAtomic(dir, Store.encodeSnapshot(store.toSnapshot()))
      const loaded = yield* Persistence.load(dir)
      assert.isTrue(Option.isSome(loaded))
      assert.deepStrictEqual(Option.getOrThrow(loaded).pools, [])
      assert.deepStrictEqual(
        (yield* Effect.promise(() => NodeFs.readdir(dir))).filter((name) => name.endsWith(".tmp")),
        []
      )
    }).pipe(Effect.scoped))

  it.live("an unusable data directory is a PersistenceError", () =>
    Effect.gen(function* () {
      const dir = yield* tempDir
      const file = NodePath.join(dir, "a-file")
      yield* Effect.promise(() => NodeFs.writeFile(file, "x"))
      const error = yield* Effect.flip(Persistence.load(NodePath.join(file, "sub")))
      assert.strictEqual(error._tag, "PersistenceError")
    }).pipe(Effect.scoped))
})
