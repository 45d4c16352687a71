import { assert, describe, it, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as FastCheck from "effect/FastCheck"
import { N } from "@cognito-effect/domain/Srp"
import { ModExp, modPowBigInt } from "@cognito-effect/domain/services/ModExp"

/** Textbook right-to-left square-and-multiply: slow, obviously right. */
const naive = (base: bigint, exponent: bigint): bigint => {
  let result = 1n
  let b = ((base % N) + N) % N
  for (let e = exponent; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * b) % N
    b = (b * b) % N
  }
  return result
}

const bigInt = (maxBits: number) =>
  FastCheck.integer({ min: 0, max: maxBits }).chain((bits) => FastCheck.bigInt({ min: 0n, max: (1n << BigInt(bits)) - 1n }))

const q = (N - 1n) / 2n
const vector1A =
  "a7804b9236d1acc041957219db123f3798183a434df98ce15e227ccb0bf9b58df0c80eb95b80f91e8dbcf980aba26a769ad9987c4ab907497f37358ab1949e1089ef4fd1341180bf165334c2ede1fa89ebe52062d65fc50802771e8853738d5099b3e2bb103fd16d8b679277ff38e054f8913eeeedd6852ad7bbe9b774760009e1581a6935e2cbfe2bab1a3370808e37f83497b9240fec7188ce08569c5257c04d3bbba53732a225ec64c42fd3b86fd33aa46d840c4e006d1fb5f88a45b98b435a13e0410b33f728bcc70b8ffd31f2b96c083f8f9f3d5d2a145d5edd7d5ffea15a06097e73e84e62b9b7162a294b0daa39eefb6c6dcb80985d7ba60b3e5328af44d23a7cd643b58352f32541e41572bd5f5cbcdb27dd2dc8f31ab1d2f8a7dba07af70e4d4e5f6447ff2b318e09d350402c47e61446be4a6e964d6f392580fdd875f85e43f32fa059dc25346162a03a53e3b1fbfc857f4ebe44bf922dd2e34aeda0320fc2cee491443574021cd8600f520973af1a2cb8aaaffa7af186b5e7a2ab"

describe("ModExp", () => {
  layer(ModExp.layerBigInt)("layerBigInt", (it) => {
    it.effect("provides the BigInt implementation", () =>
      Effect.gen(function* () {
        const { modPow } = yield* ModExp
        assert.strictEqual(modPow(3n, 5n), 243n)
        assert.strictEqual(modPow(2n, BigInt(`0x${"a".repeat(256)}`)).toString(16), vector1A)
      }))
  })

  it("knows the edge cases", () => {
    assert.strictEqual(modPowBigInt(0n, 0n), 1n)
    assert.strictEqual(modPowBigInt(0n, 7n), 0n)
    assert.strictEqual(modPowBigInt(N, 7n), 0n)
    assert.strictEqual(modPowBigInt(12345n, 0n), 1n)
    assert.strictEqual(modPowBigInt(1n, N + 5n), 1n)
    assert.strictEqual(modPowBigInt(N - 1n, 3n), N - 1n)
    assert.strictEqual(modPowBigInt(N - 1n, 4n), 1n)
    assert.strictEqual(modPowBigInt(-1n, 3n), N - 1n)
    assert.strictEqual(modPowBigInt(N + 3n, 2n), 9n)
    assert.strictEqual(modPowBigInt(2n, 3071n), 1n << 3071n)
    assert.strictEqual(modPowBigInt(2n, 3072n), (1n << 3072n) - N)
    assert.throws(() => modPowBigInt(2n, -1n), RangeError)
  })

  it("uses the group structure: 2 has order (N − 1) / 2, Fermat for other bases", () => {
    assert.strictEqual(modPowBigInt(2n, q), 1n)
    assert.strictEqual(modPowBigInt(2n, q + 10n), 1024n)
    assert.strictEqual(modPowBigInt(3n, N - 1n), 1n)
    assert.strictEqual(modPowBigInt(3n, 2n * (N - 1n) + 4n), 81n)
    assert.strictEqual(naive(2n, q), 1n)
  })

  it.prop(
    "agrees with square-and-multiply for base 2",
    [bigInt(3200)],
    ([exponent]) => {
      assert.strictEqual(modPowBigInt(2n, exponent), naive(2n, exponent))
    },
    { fastCheck: { numRuns: 25 } }
  )

  it.prop(
    "agrees with square-and-multiply for any base",
    [FastCheck.bigInt({ min: -(N * 2n), max: N * 3n }), bigInt(3200)],
    ([base, exponent]) => {
      assert.strictEqual(modPowBigInt(base, exponent), naive(base, exponent))
    },
    { fastCheck: { numRuns: 25 } }
  )
})
