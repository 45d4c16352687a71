import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import { modPow } from "@cognito-effect/adapters/NodeModExp"
import { SecureRandom } from "@cognito-effect/domain/services/SecureRandom"
import * as Srp from "@cognito-effect/domain/Srp"
import { Emulator } from "../src/Emulator.js"
import * as Passwords from "../src/Passwords.js"
import type * as Store from "../src/Store.js"

const pool = { id: "us-east-1_Passwords1", settings: { PoolName: "p" } } as unknown as Store.Pool
const policy = Passwords.policyOf(pool)
const reason = (password: string) =>
  Option.map(Passwords.violation(policy, Redacted.make(password)), (error) => error.message).pipe(Option.getOrUndefined)

describe("Passwords", () => {
  it("Cognito's default policy: 8 characters, upper, lower, digit, symbol", () => {
    assert.deepStrictEqual(policy, {
      MinimumLength: 8,
      RequireUppercase: true,
      RequireLowercase: true,
      RequireNumbers: true,
      RequireSymbols: true,
      TemporaryPasswordValidityDays: 7
    })
    assert.isUndefined(reason("Passw0rd!"))
    assert.isUndefined(reason("Pass w0rdX"))
    assert.strictEqual(reason("Pa0!"), "Password did not conform with policy: Password not long enough")
    assert.strictEqual(reason("passw0rd!"), "Password did not conform with policy: Password must have uppercase characters")
    assert.strictEqual(reason("PASSW0RD!"), "Password did not conform with policy: Password must have lowercase characters")
    assert.strictEqual(reason("Password!"), "Password did not conform with policy: Password must have numeric characters")
    assert.strictEqual(reason("Passw0rdX"), "Password did not conform with policy: Password must have symbol characters")
    assert.strictEqual(reason(" Passw0rd!"), "Password did not conform with policy: Password must not begin or end with a space")
  })

  it.scoped("a password is stored as an SRP verifier and checked against it", () =>
    Effect.gen(function* () {
      const emulator = yield* Emulator
      const user = { username: "alice" } as Store.User
      const password = yield* emulator.run(Passwords.credential({ pool, username: "alice", password: Redacted.make("Passw0rd!"), temporary: false, now: 0 }))
      assert.match(password.salt, /^[0-9a-f]{32}$/)
      assert.notInclude(JSON.stringify(password), "Passw0rd!")
      // The verifier is the domain's g^x for the canonical user name.
      const expected = Srp.computeVerifier({ poolName: "Passwords1", userId: "alice", password: Redacted.make("Passw0rd!"), salt: password.salt }, modPow)
      assert.strictEqual(password.verifier, Srp.bigIntToHex(expected))
      const withPassword = { ...user, password }
      assert.isTrue(yield* emulator.run(Passwords.matches({ pool, user: withPassword, password: Redacted.make("Passw0rd!") })))
      assert.isFalse(yield* emulator.run(Passwords.matches({ pool, user: withPassword, password: Redacted.make("Passw0rd?") })))
      assert.isFalse(yield* emulator.run(Passwords.matches({ pool, user, password: Redacted.make("Passw0rd!") })))
    }).pipe(Effect.provide(Emulator.layer())))

  it.effect("temporary passwords satisfy the policy", () =>
    Effect.gen(function* () {
      for (const MinimumLength of [6, 8, 20, 99]) {
        const strict = { ...policy, MinimumLength }
        const temporary = yield* Passwords.temporary(strict)
        assert.isTrue(Option.isNone(Passwords.violation(strict, temporary)))
        assert.isAtLeast(Redacted.value(temporary).length, MinimumLength)
      }
    }).pipe(Effect.provide(SecureRandom.layer)))
})
