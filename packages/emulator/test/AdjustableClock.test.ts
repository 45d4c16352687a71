import { assert, describe, it } from "@effect/vitest"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as AdjustableClock from "../src/AdjustableClock.js"

describe("AdjustableClock", () => {
  it.effect("runs with its base clock, moved by adjust", () =>
    Effect.gen(function* () {
      const clock = AdjustableClock.make(Clock.make())
      const before = Date.now()
      clock.adjust("1 hour")
      const now = yield* Effect.withClock(Clock.currentTimeMillis, clock)
      assert.isAtLeast(now - before, 3_600_000)
      assert.isBelow(now - before, 3_660_000)
      assert.strictEqual(clock.offsetMillis(), 3_600_000)
      assert.strictEqual(clock.unsafeCurrentTimeNanos() / 1_000_000n > BigInt(before), true)
    }))
})
