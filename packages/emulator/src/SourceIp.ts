/**
 * The address a request came from, as the HTTP server saw it (absent in-process). Devices record
 * it as `last_ip_used`. A FiberRef, so handlers read it without it being part of every input.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as FiberRef from "effect/FiberRef"

/** @since 0.1.0 */
export const current: FiberRef.FiberRef<string | undefined> = FiberRef.unsafeMake<string | undefined>(undefined)

/** The address without the IPv4-mapped IPv6 prefix (`::ffff:127.0.0.1` → `127.0.0.1`). @since 0.1.0 */
export const normalize = (address: string | undefined): string | undefined =>
  address === undefined || address === "" ? undefined : address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, "")

/** Runs `effect` with `address` as the request's source. @since 0.1.0 */
export const within = (address: string | undefined) => <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
  Effect.locally(effect, current, normalize(address))

/** The current request's source, if known. @since 0.1.0 */
export const get: Effect.Effect<string | undefined> = FiberRef.get(current)
