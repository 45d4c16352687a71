import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { modPow } from "@cognito-effect/adapters/NodeModExp"
import { modPowBigInt } from "@cognito-effect/domain/services/ModExp"
import * as Srp from "@cognito-effect/domain/Srp"
import * as NodeCrypto from "node:crypto"
import * as ModPowPool from "../src/ModPowPool.js"

const random = (bytes: number) => BigInt(`0x${NodeCrypto.randomBytes(bytes).toString("hex")}`)

describe("ModPowPool", () => {
  it.scoped("workers compute base^e mod N exactly like the domain's BigInt implementation", () =>
    Effect.gen(function* () {
      const pool = yield* ModPowPool.make(2, modPow)
      const cases: Array<readonly [bigint, bigint]> = [
        [Srp.g, random(32)],
        [random(384), random(32)],
        [random(384), random(128)],
        [0n, 5n],
        [1n, random(32)],
        [Srp.N - 1n, 3n],
        [random(16), 0n],
        [random(384), Srp.N + 5n],
        [-7n, 3n]
      ]
      const results = yield* Effect.forEach(cases, ([base, exponent]) => pool.pow(base, exponent), { concurrency: "unbounded" })
      cases.forEach(([base, exponent], i) => assert.strictEqual(results[i], modPowBigInt(base, exponent), `${base}^${exponent}`))
    }))

  it.scoped("size 0 computes inline", () =>
    Effect.gen(function* () {
      const pool = yield* ModPowPool.make(0, modPow)
      assert.strictEqual(yield* pool.pow(2n, 10n), 1024n)
    }))

  it("precomputed answers from its table and falls back otherwise", () => {
    const answer = ModPowPool.precomputed([[2n, 10n, 7n]], modPowBigInt)
    assert.strictEqual(answer(2n, 10n), 7n)
    assert.strictEqual(answer(2n, 11n), 2048n)
  })
})
