/**
 * SRP's exponentiations (the one costly step of a sign-in, ~1 ms each) on worker threads, so the
 * event loop keeps serving other requests meanwhile. The workers only raise numbers to powers
 * mod N with OpenSSL; the SRP formulas stay the domain's `Srp` functions, which receive the
 * results through `precomputed` (a `ModPow` that answers from a table).
 *
 * With `size: 0` everything runs on the calling thread through the given `ModPow`.
 *
 * @since 0.1.0
 */
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import type * as Scope from "effect/Scope"
import type { ModPow } from "@cognito-effect/domain/services/ModExp"
import { N } from "@cognito-effect/domain/Srp"
import { Worker } from "node:worker_threads"

/** @since 0.1.0 */
export interface ModPowPool {
  /** `base^exponent mod N`, off the event loop when workers exist. */
  readonly pow: (base: bigint, exponent: bigint) => Effect.Effect<bigint>
}

/**
 * The worker's script (for `new Worker(source, { eval: true, workerData: { modulus } })`): it
 * answers `{ id, base, exponent }` (hex) with `{ id, result }` (hex), `base^exponent mod modulus`.
 * One Diffie-Hellman object with g = 2: setPrivateKey(e) then computeSecret(base) is base^e mod N.
 * Only the general case may be sent (base in 2..N−2, exponent ≥ 1).
 * @since 0.1.0
 */
export const workerSource = `
const { parentPort, workerData } = require("node:worker_threads")
const { createDiffieHellman } = require("node:crypto")
const toBuffer = (hex) => Buffer.from(hex.length % 2 === 1 ? "0" + hex : hex, "hex")
const group = createDiffieHellman(toBuffer(workerData.modulus), 2)
parentPort.on("message", ({ id, base, exponent }) => {
  group.setPrivateKey(toBuffer(exponent))
  parentPort.postMessage({ id, result: group.computeSecret(toBuffer(base)).toString("hex") })
})
`

/** A `ModPow` that answers the listed exponentiations from a table and computes any other. @since 0.1.0 */
export const precomputed = (
  known: ReadonlyArray<readonly [base: bigint, exponent: bigint, result: bigint]>,
  fallback: ModPow
): ModPow => (base, exponent) => {
  for (const [b, e, result] of known) if (b === base && e === exponent) return result
  return fallback(base, exponent)
}

/** Everything on the calling thread. @since 0.1.0 */
export const inline = (modPow: ModPow): ModPowPool => ({ pow: (base, exponent) => Effect.sync(() => modPow(base, exponent)) })

/**
 * A pool of `size` workers, stopped when the scope closes. Trivial cases (exponent 0, base 0, 1
 * or N − 1) and exponents past N − 1 are reduced here with `modPow` before dispatch.
 * @since 0.1.0
 */
export const make = (size: number, modPow: ModPow): Effect.Effect<ModPowPool, never, Scope.Scope> =>
  Effect.gen(function* () {
    if (size <= 0) return inline(modPow)
    const workers = yield* Effect.acquireRelease(
      Effect.sync(() =>
        Array.from({ length: size }, () => {
          const worker = new Worker(workerSource, { eval: true, workerData: { modulus: N.toString(16) } })
          worker.unref()
          return worker
        })
      ),
      (workers) => Effect.promise(() => Promise.all(workers.map((worker) => worker.terminate())))
    )
    const pending = new Map<number, (hex: string) => void>()
    // A worker with work in flight keeps the process alive; an idle one does not.
    const inFlight = workers.map(() => 0)
    workers.forEach((worker, index) => {
      worker.on("message", ({ id, result }: { id: number; result: string }) => {
        if (--inFlight[index]! === 0) worker.unref()
        pending.get(id)?.(result)
        pending.delete(id)
      })
    })
    let next = 0
    const pow = (base: bigint, exponent: bigint): Effect.Effect<bigint> => {
      const b = ((base % N) + N) % N
      if (exponent <= 0n || b <= 1n || b === N - 1n || exponent >= N - 1n) return Effect.sync(() => modPow(base, exponent))
      return Effect.flatMap(Deferred.make<bigint>(), (deferred) => {
        const id = next++
        pending.set(id, (hex) => Deferred.unsafeDone(deferred, Effect.succeed(BigInt(`0x${hex}`))))
        const index = id % workers.length
        if (inFlight[index]!++ === 0) workers[index]!.ref()
        workers[index]!.postMessage({ id, base: b.toString(16), exponent: exponent.toString(16) })
        return Deferred.await(deferred)
      })
    }
    return { pow }
  })
