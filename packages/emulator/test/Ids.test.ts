import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { SecureRandom } from "@cognito-effect/domain/services/SecureRandom"
import * as Ids from "../src/Ids.js"

describe("Ids", () => {
  it.effect("mint ids in Cognito's formats", () =>
    Effect.gen(function* () {
      assert.match(yield* Ids.uuid, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
      assert.match(yield* Ids.userPoolId("eu-west-1"), /^eu-west-1_[0-9A-Za-z]{9}$/)
      assert.match(yield* Ids.clientId, /^[a-z0-9]{26}$/)
      assert.match(yield* Ids.clientSecret, /^[a-z0-9]{51}$/)
      assert.match(yield* Ids.numericCode, /^\d{6}$/)
    }).pipe(Effect.provide(SecureRandom.layer)))

  it.effect("draw from the SecureRandom port (a fixed source gives fixed ids)", () =>
    Effect.gen(function* () {
      const first = yield* Ids.uuid
      const second = yield* Ids.uuid
      assert.strictEqual(first, second)
    }).pipe(Effect.provideService(SecureRandom, { bytes: (n) => Effect.succeed(new Uint8Array(n).fill(7)) })))

  it("digests compare in constant time", () => {
    const stored = Ids.digest("123456")
    assert.isTrue(Ids.matchesDigest("123456", stored))
    assert.isFalse(Ids.matchesDigest("123457", stored))
    assert.isTrue(Ids.constantTimeEqual("abc", "abc"))
    assert.isFalse(Ids.constantTimeEqual("abc", "abcd"))
  })
})
