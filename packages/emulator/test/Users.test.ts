import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as CreateUserPool from "@cognito-effect/domain/wire/CreateUserPool"
import { Emulator } from "../src/Emulator.js"
import * as Store from "../src/Store.js"
import * as Users from "../src/Users.js"

const poolWith = (settings: Partial<CreateUserPool.Request>) =>
  Effect.gen(function* () {
    const emulator = yield* Emulator
    const created = yield* emulator.call(CreateUserPool.operation, { PoolName: "users", ...settings })
    return { emulator, state: emulator.store.pools.get(created.UserPool!.Id!)! }
  })

describe("Users", () => {
  it.scoped("in an e-mail-as-username pool the user name is the sub and the e-mail an attribute", () =>
    Effect.gen(function* () {
      const { emulator, state } = yield* poolWith({ UsernameAttributes: ["email", "phone_number"] })
      const user = yield* emulator.run(Users.make({ state, typed: "ada@example.com", attributes: {}, status: "UNCONFIRMED", now: 0 }))
      assert.strictEqual(user.username, user.attributes["sub"])
      assert.strictEqual(user.attributes["email"], "ada@example.com")
      const phone = yield* emulator.run(Users.make({ state, typed: "+15555550100", attributes: {}, status: "UNCONFIRMED", now: 0 }))
      assert.strictEqual(phone.attributes["phone_number"], "+15555550100")
      const refused = yield* Effect.flip(emulator.run(Users.make({ state, typed: "ada", attributes: {}, status: "UNCONFIRMED", now: 0 })))
      assert.strictEqual(refused.message, "Username should be either an email or a phone number.")
    }).pipe(Effect.provide(Emulator.layer())))

  it.scoped("in an e-mail alias pool a user name may not look like an e-mail; names have no spaces", () =>
    Effect.gen(function* () {
      const { emulator, state } = yield* poolWith({ AliasAttributes: ["email"] })
      const error = yield* Effect.flip(emulator.run(Users.make({ state, typed: "ada@example.com", attributes: {}, status: "UNCONFIRMED", now: 0 })))
      assert.strictEqual(error.type, "InvalidParameterException")
      const spaced = yield* Effect.flip(emulator.run(Users.make({ state, typed: "ada lovelace", attributes: {}, status: "UNCONFIRMED", now: 0 })))
      assert.strictEqual(spaced.type, "InvalidParameterException")
    }).pipe(Effect.provide(Emulator.layer())))

  it("describe renders UserType", () => {
    const described = Users.describe({
      ...Store.newUser({ username: "u", attributes: { sub: "s", email: "e@x.y" }, status: "CONFIRMED", now: 1000 }),
      modifiedAt: 2000
    }, ["email"])
    assert.deepStrictEqual(described.Attributes, [{ Name: "email", Value: "e@x.y" }])
    assert.deepStrictEqual(described.UserCreateDate, new Date(1000))
  })
})
