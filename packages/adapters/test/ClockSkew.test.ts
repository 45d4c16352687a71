import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as TestClock from "effect/TestClock"
import * as ClockSkew from "@cognito-effect/adapters/ClockSkew"

const at = (millis: number) => new Date(millis).toUTCString()
const local = Date.UTC(2025, 0, 15, 12, 0, 0)
const minute = 60_000

describe("ClockSkew.updatedOffset", () => {
  it("learns the offset once the clocks are 5 minutes or more apart", () => {
    assert.strictEqual(ClockSkew.updatedOffset(at(local + 5 * minute), local, 0), 5 * minute)
    assert.strictEqual(ClockSkew.updatedOffset(at(local - 90 * minute), local, 0), -90 * minute)
  })

  it("keeps the current offset within the window", () => {
    assert.strictEqual(ClockSkew.updatedOffset(at(local + 4 * minute), local, 0), 0)
    assert.strictEqual(ClockSkew.updatedOffset(at(local + 61 * minute), local, 60 * minute), 60 * minute)
  })

  it("ignores a missing or unparsable Date", () => {
    assert.strictEqual(ClockSkew.updatedOffset(undefined, local, 7), 7)
    assert.strictEqual(ClockSkew.updatedOffset("yesterday-ish", local, 7), 7)
  })
})

describe("ClockSkew service", () => {
  it.effect("records a Date header and corrects the local clock", () =>
    Effect.gen(function* () {
      yield* TestClock.setTime(local)
      assert.strictEqual(yield* ClockSkew.currentTimeMillis, local)
      yield* ClockSkew.record(at(local + 30 * minute))
      assert.strictEqual(yield* ClockSkew.offset, 30 * minute)
      yield* TestClock.adjust("10 seconds")
      assert.strictEqual(yield* ClockSkew.currentTimeMillis, local + 30 * minute + 10_000)
    }).pipe(Effect.provide(ClockSkew.ClockSkew.layer)))
})
