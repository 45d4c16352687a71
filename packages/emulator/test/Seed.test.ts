import { assert, describe, it } from "@effect/vitest"
import { assertSome } from "@effect/vitest/utils"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import { Emulator } from "../src/Emulator.js"
import * as Seed from "../src/Seed.js"

const seed: Seed.Seed = {
  UserPools: [
    {
      Id: "us-east-1_SeedPool1",
      PoolName: "seeded",
      AliasAttributes: ["email"],
      AutoVerifiedAttributes: ["email"],
      Clients: [
        { Id: "seedclient1", ClientName: "web", ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH"] },
        { ClientName: "server", ClientSecret: "fixedsecretfixedsecret" }
      ],
      Groups: [{ GroupName: "admins", Precedence: 1 }],
      Users: [
        { Username: "alice", Password: "Passw0rd!", Attributes: { email: "alice@example.com" }, Groups: ["admins"] },
        { Username: "bob", TemporaryPassword: "Temp0rary!", Attributes: [{ Name: "email", Value: "bob@example.com" }] },
        { Username: "carol", Password: "Passw0rd!", Status: "UNCONFIRMED", Enabled: false }
      ]
    }
  ]
}

describe("Seed", () => {
  it("parses a seed file and names what is wrong", () => {
    assert.isTrue(Either.isRight(Seed.parse(JSON.stringify(seed))))
    assert.isTrue(Either.isLeft(Seed.parse("{")))
    const unknown = Seed.parse(JSON.stringify({ UserPools: [{ PoolName: "x", Users: [{ Username: "u", Colour: "red" }] }] }))
    assert.isTrue(Either.isLeft(unknown) && unknown.left.includes("Colour"))
  })

  it.scoped("creates pools, clients and users with fixed ids, and applying again changes nothing", () =>
    Effect.gen(function* () {
      const emulator = yield* Emulator
      const applied = yield* Seed.apply(emulator, seed)
      assert.deepStrictEqual(applied, { userPoolId: "us-east-1_SeedPool1", userPoolClientId: "seedclient1" })
      const state = emulator.store.pools.get("us-east-1_SeedPool1")!
      assert.strictEqual(state.clients.size, 2)
      const alice = emulator.store.findUser(state, "alice@example.com")!
      assert.strictEqual(alice.status, "CONFIRMED")
      assert.strictEqual(alice.attributes["email_verified"], "true")
      assert.deepStrictEqual(alice.groups, ["admins"])
      assert.strictEqual(emulator.store.findUser(state, "bob")!.status, "FORCE_CHANGE_PASSWORD")
      assert.isTrue(emulator.store.findUser(state, "bob")!.password!.temporary)
      const carol = emulator.store.findUser(state, "carol")!
      assert.strictEqual(carol.status, "UNCONFIRMED")
      assert.isFalse(carol.enabled)
      yield* Seed.apply(emulator, seed)
      assert.strictEqual(emulator.store.pools.size, 1)
      assert.strictEqual(state.clients.size, 2)
      assert.strictEqual(state.users.size, 3)
      assertSome(Seed.announced(emulator, applied), { userPoolId: "us-east-1_SeedPool1", userPoolClientId: "seedclient1" })
    }).pipe(Effect.provide(Emulator.layer())))

  it.scoped("refuses ids in the wrong format", () =>
    Effect.gen(function* () {
      const emulator = yield* Emulator
      const error = yield* Effect.flip(Seed.apply(emulator, { UserPools: [{ Id: "no-underscore", PoolName: "x" }] }))
      assert.strictEqual(error.type, "InvalidParameterException")
    }).pipe(Effect.provide(Emulator.layer())))

  it.scoped("the default seed is one e-mail pool with one public client for every flow", () =>
    Effect.gen(function* () {
      const emulator = yield* Emulator
      const applied = yield* Seed.apply(emulator, Seed.defaultSeed)
      const state = emulator.store.pools.get(applied.userPoolId!)!
      assert.deepStrictEqual(state.pool.settings.UsernameAttributes, ["email"])
      const client = state.clients.get(applied.userPoolClientId!)!
      assert.isUndefined(client.secret)
      assert.includeMembers([...client.settings.ExplicitAuthFlows!], ["ALLOW_USER_SRP_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_CUSTOM_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"])
    }).pipe(Effect.provide(Emulator.layer())))
})
