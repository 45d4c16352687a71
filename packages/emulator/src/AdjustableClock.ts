/**
 * A `Clock` that runs with another one but can be moved forward, so tests (in-process or over
 * HTTP, `POST /_emulator/clock`) can age codes, sessions and tokens without waiting. Sleeping is
 * left to the underlying clock.
 *
 * @since 0.1.0
 */
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"

/** @since 0.1.0 */
export interface AdjustableClock extends Clock.Clock {
  /** Moves the clock forward (or back, with a negative duration). */
  readonly adjust: (by: Duration.DurationInput) => void
  /** How far it is from the underlying clock, in milliseconds. */
  readonly offsetMillis: () => number
}

/** @since 0.1.0 */
export const make = (base: Clock.Clock = Clock.make()): AdjustableClock => {
  let offset = 0
  const millis = () => base.unsafeCurrentTimeMillis() + offset
  const nanos = () => base.unsafeCurrentTimeNanos() + BigInt(offset) * 1_000_000n
  return {
    [Clock.ClockTypeId]: Clock.ClockTypeId,
    unsafeCurrentTimeMillis: millis,
    unsafeCurrentTimeNanos: nanos,
    currentTimeMillis: Effect.sync(millis),
    currentTimeNanos: Effect.sync(nanos),
    sleep: (duration) => base.sleep(duration),
    adjust: (by) => {
      // A `Duration` cannot be negative: a plain number of milliseconds moves the clock back.
      offset += typeof by === "number" ? by : Duration.toMillis(Duration.decode(by))
    },
    offsetMillis: () => offset
  }
}
