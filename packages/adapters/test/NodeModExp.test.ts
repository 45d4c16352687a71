import { assert, describe, it, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as FastCheck from "effect/FastCheck"
import * as Redacted from "effect/Redacted"
import * as Srp from "@cognito-effect/domain/Srp"
import { ModExp, modPowBigInt } from "@cognito-effect/domain/services/ModExp"
import * as NodeModExp from "@cognito-effect/adapters/NodeModExp"

const { N } = Srp

const bigInt = (maxBits: number) =>
  FastCheck.integer({ min: 0, max: maxBits }).chain((bits) => FastCheck.bigInt({ min: 0n, max: (1n << BigInt(bits)) - 1n }))

describe("NodeModExp", () => {
  it("answers the cases OpenSSL refuses as DH keys", () => {
    const cases: ReadonlyArray<readonly [bigint, bigint]> = [
      [0n, 0n],
      [0n, 5n],
      [N, 5n],
      [1n, 5n],
      [N + 1n, N + 5n],
      [N - 1n, 3n],
      [N - 1n, 4n],
      [-1n, 7n],
      [7n, 0n],
      [7n, 1n],
      [7n, N - 1n],
      [7n, 3n * (N - 1n)],
      [N - 2n, 2n],
      [2n, 1n]
    ]
    for (const [base, exponent] of cases) {
      assert.strictEqual(NodeModExp.modPow(base, exponent), modPowBigInt(base, exponent), `${base} ^ ${exponent}`)
    }
    assert.throws(() => NodeModExp.modPow(3n, -1n), RangeError)
  })

  it("handles results and exponents with leading zero bytes", () => {
    // 2^8 has a one-byte exponent and a result far shorter than N
    assert.strictEqual(NodeModExp.modPow(2n, 8n), 256n)
    assert.strictEqual(NodeModExp.modPow(0x0100n, 0x0101n), modPowBigInt(0x0100n, 0x0101n))
    assert.strictEqual(NodeModExp.modPow(3n, 1n << 64n), modPowBigInt(3n, 1n << 64n))
  })

  it.prop(
    "agrees with the BigInt implementation on any base and exponent",
    [FastCheck.bigInt({ min: -N, max: N * 4n }), bigInt(4200)],
    ([base, exponent]) => {
      assert.strictEqual(NodeModExp.modPow(base, exponent), modPowBigInt(base, exponent))
    },
    { fastCheck: { numRuns: 60 } }
  )

  layer(NodeModExp.layer)("layer", (it) => {
    it.effect("computes an Amplify SRP vector through the port", () =>
      Effect.gen(function* () {
        const { modPow } = yield* ModExp
        const a = BigInt(`0x${"a".repeat(256)}`)
        const A = Either.getOrThrow(Srp.generateA(a, modPow))
        const claim = Srp.passwordClaim(
          {
            poolName: "TestPool1",
            userId: "testuser",
            password: Redacted.make("Passw0rd!"),
            salt: "7c4f076023e6b785d153cbe9d5aced63",
            srpB: Srp.bigIntToHex(
              Srp.serverB(
                Srp.computeVerifier(
                  { poolName: "TestPool1", userId: "testuser", password: Redacted.make("Passw0rd!"), salt: "7c4f076023e6b785d153cbe9d5aced63" },
                  modPow
                ),
                BigInt(`0x${"b".repeat(256)}`),
                modPow
              )
            ),
            secretBlock: "ZW11bGF0b3Itc2VjcmV0LWJsb2NrLTAwMDE=",
            timestamp: "Tue Mar 5 07:05:09 UTC 2024",
            a,
            A
          },
          modPow
        )
        assert.deepStrictEqual(claim, Either.right({ signature: "b5N9CMXGVyRnJPY9GKWjvKk5znngNYYd+6+bJwVu5Z4=" }))
      }))
  })
})
