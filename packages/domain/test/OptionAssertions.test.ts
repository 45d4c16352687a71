/**
 * Why tests assert Options with `assertNone` / `assertSome` from `@effect/vitest/utils`.
 *
 * The `assert` of `@effect/vitest` is chai's: its deep equality walks an object's iterator when
 * the key counts differ, and every Effect `Option` iterates as one `YieldWrap`, so
 * `assert.deepStrictEqual(Option.some(x), Option.none())` passes. A Some/None mix-up is only
 * caught by the helpers below (or by `expect(...).toEqual` / `toStrictEqual`, which do).
 */
import { assert, describe, expect, it } from "@effect/vitest"
import { assertNone, assertSome } from "@effect/vitest/utils"
import * as Option from "effect/Option"

const none: Option.Option<number> = Option.none()

describe("Option assertions", () => {
  it("chai's deepStrictEqual cannot tell Some from None", () => {
    expect(() => assert.deepStrictEqual(Option.some(1), none)).not.toThrow()
    expect(() => assert.deepStrictEqual(none, Option.some(1))).not.toThrow()
  })

  it("assertNone fails on a Some", () => {
    expect(() => assertNone(Option.some(1))).toThrow()
    expect(() => assertNone(none)).not.toThrow()
  })

  it("assertSome fails on a None and on another value", () => {
    expect(() => assertSome(none, 1)).toThrow()
    expect(() => assertSome(Option.some(2), 1)).toThrow()
    expect(() => assertSome(Option.some({ a: { b: 2 } }), { a: { b: 1 } })).toThrow()
    expect(() => assertSome(Option.some({ a: { b: 1 } }), { a: { b: 1 } })).not.toThrow()
  })

  it("expect(...).toEqual tells Some from None", () => {
    expect(() => expect(Option.some(1)).toEqual(none)).toThrow()
    expect(() => expect({ k: Option.some(1) }).toStrictEqual({ k: none })).toThrow()
  })
})
