import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Redacted from "effect/Redacted"
import * as SignIn from "../src/SignIn.js"
import type * as Store from "../src/Store.js"

const client = (settings: Record<string, unknown> = {}, secret?: string) =>
  ({ id: "1example23456789", settings, ...(secret !== undefined ? { secret: Redacted.make(secret) } : {}) }) as unknown as Store.Client

describe("SignIn", () => {
  it("SECRET_HASH matches the published example", () => {
    assert.strictEqual(SignIn.secretHash("clientsecret0123456789abcdefghij", "alice", "1example23456789"), "5tJL5mN6zMjhVyY/GUcb2zFSkNVKUTpzViY+0OPAarQ=")
  })

  it.effect("a client with a secret needs the hash of one of the user's names", () =>
    Effect.gen(function* () {
      const secretClient = client({}, "clientsecret0123456789abcdefghij")
      yield* SignIn.requireSecretHash(secretClient, ["uuid", "alice"], "5tJL5mN6zMjhVyY/GUcb2zFSkNVKUTpzViY+0OPAarQ=")
      assert.isTrue(Exit.isFailure(yield* Effect.exit(SignIn.requireSecretHash(secretClient, ["alice"], undefined))))
      assert.isTrue(Exit.isFailure(yield* Effect.exit(SignIn.requireSecretHash(secretClient, ["bob"], "5tJL5mN6zMjhVyY/GUcb2zFSkNVKUTpzViY+0OPAarQ="))))
      yield* SignIn.requireSecretHash(client(), ["alice"], undefined)
    }))

  it.effect("flows: Cognito's defaults when none are listed, legacy names honoured", () =>
    Effect.gen(function* () {
      const allowed = (settings: Record<string, unknown>, flow: string) => Effect.map(Effect.exit(SignIn.requireFlow(client(settings), flow)), Exit.isSuccess)
      assert.isTrue(yield* allowed({}, "USER_SRP_AUTH"))
      assert.isTrue(yield* allowed({}, "CUSTOM_AUTH"))
      assert.isTrue(yield* allowed({}, "REFRESH_TOKEN_AUTH"))
      assert.isFalse(yield* allowed({}, "USER_PASSWORD_AUTH"))
      assert.isTrue(yield* allowed({ ExplicitAuthFlows: ["USER_PASSWORD_AUTH"] }, "USER_PASSWORD_AUTH"))
      assert.isFalse(yield* allowed({ ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH"] }, "USER_SRP_AUTH"))
    }))

  it("reveal opens Redacted parameters for reading", () => {
    assert.deepStrictEqual(SignIn.reveal({ USERNAME: Redacted.make("alice") }), { USERNAME: "alice" })
    assert.deepStrictEqual(SignIn.reveal(undefined), {})
  })
})
