/**
 * The offset between the server's clock and ours, learnt from `Date` response headers. Both
 * Cognito HTTP Layers record into it when it is provided; callers that need server time (an SRP
 * `TIMESTAMP` on a device with a wrong clock) read `currentTimeMillis`.
 *
 * Amplify's rule: the offset only moves when the corrected local time is 5 minutes or more away
 * from the server's `Date` (the header has 1-second resolution, so smaller differences are noise).
 * Amplify applies it to signed requests only; Cognito's calls are unsigned, so nothing here
 * changes a request by itself. In browsers `Date` is readable cross-origin only if the server
 * exposes it.
 *
 * @since 0.1.0
 */
import * as Clock from "effect/Clock"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Ref from "effect/Ref"

/** Server time minus local time, in milliseconds. @since 0.1.0 @category tags */
export class ClockSkew extends Context.Tag("@cognito-effect/adapters/ClockSkew")<ClockSkew, Ref.Ref<number>>() {
  /** Starts at 0 (trust the local clock). */
  static readonly layer: Layer.Layer<ClockSkew> = Layer.effect(ClockSkew, Ref.make(0))
}

/** @since 0.1.0 */
export const skewWindowMillis = 5 * 60 * 1000

/**
 * The new offset after seeing `date` (a `Date` header) at local time `localMillis`: unchanged when
 * the header is absent or unparsable, or when the current offset already puts us within the window.
 * @since 0.1.0
 */
export const updatedOffset = (date: string | undefined, localMillis: number, currentOffset: number): number => {
  const server = date === undefined ? Number.NaN : Date.parse(date)
  if (Number.isNaN(server)) return currentOffset
  return Math.abs(localMillis + currentOffset - server) >= skewWindowMillis ? server - localMillis : currentOffset
}

/**
 * Records one `Date` header into `offset`.
 * @since 0.1.0
 */
export const observe = (offset: Ref.Ref<number>, date: string | undefined): Effect.Effect<void> =>
  Effect.flatMap(Clock.currentTimeMillis, (now) => Ref.update(offset, (current) => updatedOffset(date, now, current)))

/** @since 0.1.0 */
export const record = (date: string | undefined): Effect.Effect<void, never, ClockSkew> =>
  Effect.flatMap(ClockSkew, (offset) => observe(offset, date))

/** @since 0.1.0 */
export const offset: Effect.Effect<number, never, ClockSkew> = Effect.flatMap(ClockSkew, Ref.get)

/** The local clock corrected by the offset. @since 0.1.0 */
export const currentTimeMillis: Effect.Effect<number, never, ClockSkew> = Effect.zipWith(
  Clock.currentTimeMillis,
  offset,
  (now, skew) => now + skew
)
