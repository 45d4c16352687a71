import { assert, describe, it } from "@effect/vitest"
import * as Either from "effect/Either"
import * as FastCheck from "effect/FastCheck"
import * as Cbor from "@cognito-effect/domain/Cbor"

const hex = (text: string) => Uint8Array.from(Buffer.from(text, "hex"))
const toHex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex")
const decoded = (text: string) => Either.getOrThrow(Cbor.decode(hex(text)))
const failure = (text: string) => {
  const result = Cbor.decode(hex(text))
  assert.isTrue(Either.isLeft(result), `${text} should not decode`)
  return Either.isLeft(result) ? result.left : undefined
}

/** RFC 8949 Appendix A: the examples within the subset WebAuthn uses. */
const appendixA: ReadonlyArray<readonly [Cbor.Value, string]> = [
  [0, "00"],
  [1, "01"],
  [10, "0a"],
  [23, "17"],
  [24, "1818"],
  [25, "1819"],
  [100, "1864"],
  [1000, "1903e8"],
  [1000000, "1a000f4240"],
  [1000000000000, "1b000000e8d4a51000"],
  [18446744073709551615n, "1bffffffffffffffff"],
  [-18446744073709551616n, "3bffffffffffffffff"],
  [-1, "20"],
  [-10, "29"],
  [-100, "3863"],
  [-1000, "3903e7"],
  [false, "f4"],
  [true, "f5"],
  [null, "f6"],
  [undefined, "f7"],
  [new Uint8Array(), "40"],
  [hex("01020304"), "4401020304"],
  ["", "60"],
  ["a", "6161"],
  ["IETF", "6449455446"],
  ["\"\\", "62225c"],
  ["\u00fc", "62c3bc"],
  ["\u6c34", "63e6b0b4"],
  ["\ud800\udd51", "64f0908591"],
  [[], "80"],
  [[1, 2, 3], "83010203"],
  [[1, [2, 3], [4, 5]], "8301820203820405"],
  [new Map(), "a0"],
  [new Map([[1, 2], [3, 4]]), "a201020304"],
  [new Map<Cbor.Value, Cbor.Value>([["a", 1], ["b", [2, 3]]]), "a26161016162820203"],
  [["a", new Map([["b", "c"]])], "826161a161626163"]
]

describe("Cbor", () => {
  it("decodes and encodes RFC 8949 Appendix A", () => {
    for (const [value, encoded] of appendixA) {
      assert.deepStrictEqual(decoded(encoded), value, `decode ${encoded}`)
      assert.strictEqual(toHex(Cbor.encode(value)), encoded, `encode ${String(value)}`)
    }
  })

  it("decodes a COSE EC2 key with integer labels", () => {
    // {1: 2, 3: -7, -1: 1, -2: h'01…', -3: h'02…'}
    const x = new Uint8Array(32).fill(1)
    const y = new Uint8Array(32).fill(2)
    const bytes = Cbor.encode(new Map<Cbor.Value, Cbor.Value>([[1, 2], [3, -7], [-1, 1], [-2, x], [-3, y]]))
    assert.strictEqual(toHex(bytes.subarray(0, 7)), "a5010203262001")
    const key = Either.getOrThrow(Cbor.decode(bytes))
    assert.strictEqual(Cbor.get(key, 3), -7)
    assert.deepStrictEqual(Cbor.get(key, -2), x)
    assert.strictEqual(Cbor.get(key, 99), undefined)
    assert.strictEqual(Cbor.get([1], 0), undefined)
  })

  it("says where the first item ends, for data that follows it", () => {
    const result = Either.getOrThrow(Cbor.decodeFirst(hex("ff01a1616101ff"), 1))
    assert.deepStrictEqual(result, { value: 1, end: 2 })
    const map = Either.getOrThrow(Cbor.decodeFirst(hex("ff01a1616101ff"), 2))
    assert.strictEqual(map.end, 6)
    assert.strictEqual(failure("0102")?.message, "trailing bytes after the item")
  })

  it("refuses what WebAuthn never sends", () => {
    assert.strictEqual(failure("5f42010243030405ff")?.message, "indefinite lengths are not supported")
    assert.strictEqual(failure("c11a514b67b0")?.message, "tags are not supported")
    assert.strictEqual(failure("f93c00")?.message, "unsupported simple value or float (25)")
    assert.strictEqual(failure("1c")?.message, "reserved additional information 28")
    assert.strictEqual(failure("a201020103")?.message, "duplicate map key 1")
    assert.strictEqual(failure("a1400102")?.message, "map keys must be integers or text")
    assert.strictEqual(failure("62c328")?.message, "text string is not UTF-8")
  })

  it("refuses truncated input without reading past the end", () => {
    assert.strictEqual(failure("")?.message, "unexpected end of input")
    assert.strictEqual(failure("1a0001")?.message, "unexpected end of input")
    assert.strictEqual(failure("5a7fffffff00")?.message, "length beyond the end of input")
    assert.strictEqual(failure("9a7fffffff")?.message, "length beyond the end of input")
    assert.strictEqual(failure("830102")?.message, "length beyond the end of input")
    const error = failure("82011901")
    assert.strictEqual(error?.message, "unexpected end of input")
    assert.strictEqual(error?.offset, 3)
  })

  it("refuses nesting deeper than WebAuthn needs", () => {
    assert.strictEqual(failure("81".repeat(40) + "00")?.message, "nested too deeply")
  })

  const value: FastCheck.Arbitrary<Cbor.Value> = FastCheck.letrec<{ value: Cbor.Value }>((tie) => ({
    value: FastCheck.oneof(
      { depthSize: "small" },
      FastCheck.integer({ min: -(2 ** 53) + 1, max: 2 ** 53 - 1 }),
      FastCheck.string(),
      FastCheck.uint8Array({ maxLength: 70 }),
      FastCheck.constantFrom<Cbor.Value>(true, false, null, undefined),
      FastCheck.array(tie("value"), { maxLength: 4 }),
      FastCheck.uniqueArray(FastCheck.tuple(FastCheck.oneof(FastCheck.integer(), FastCheck.string()), tie("value")), {
        maxLength: 4,
        selector: ([key]) => key
      }).map((entries) => new Map<Cbor.Value, Cbor.Value>(entries))
    )
  })).value

  it("decodes whatever it encodes", () => {
    FastCheck.assert(
      FastCheck.property(value, (input) => {
        assert.deepStrictEqual(Either.getOrThrow(Cbor.decode(Cbor.encode(input))), input)
      })
    )
  })

  it("never throws on arbitrary bytes", () => {
    FastCheck.assert(
      FastCheck.property(FastCheck.uint8Array({ maxLength: 64 }), (bytes) => {
        Cbor.decode(bytes)
      })
    )
  })
})
