/**
 * Wall-clock sampling for the benchmarks: warm-up runs first (JIT, lazily built tables, first
 * connections), then the median of timed runs with `performance.now()`. The two sides of a row
 * are timed in alternation, so load from other processes on this shared machine hits both alike,
 * and the median keeps a single GC pause or scheduler hiccup from moving a row.
 *
 * @since 0.1.0
 */

/** How many untimed and timed runs each side makes. @since 0.1.0 */
export interface Plan {
  readonly warmup: number
  readonly runs: number
}

/**
 * What one side runs: `run` is timed (sync or async); `reset`, if any, runs untimed after every
 * run (e.g. signing out before the next sign-in).
 * @since 0.1.0
 */
export interface Side {
  readonly run: () => unknown
  readonly reset?: () => unknown
}

/** The median of a non-empty sample (mean of the middle two for an even count). @since 0.1.0 */
export const median = (samples: ReadonlyArray<number>): number => {
  if (samples.length === 0) throw new RangeError("median of an empty sample")
  const sorted = [...samples].sort((x, y) => x - y)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

const once = async (side: Side): Promise<number> => {
  const start = performance.now()
  await side.run()
  const elapsed = performance.now() - start
  await side.reset?.()
  return elapsed
}

/**
 * Median milliseconds of both sides, timed in alternation; which side goes first alternates too.
 * @since 0.1.0
 */
export const compare = async (
  plan: Plan,
  ours: Side,
  reference: Side
): Promise<{ readonly ours: number; readonly reference: number }> => {
  for (let i = 0; i < plan.warmup; i++) {
    await once(ours)
    await once(reference)
  }
  const oursSamples: Array<number> = []
  const referenceSamples: Array<number> = []
  for (let i = 0; i < plan.runs; i++) {
    if (i % 2 === 0) {
      oursSamples.push(await once(ours))
      referenceSamples.push(await once(reference))
    } else {
      referenceSamples.push(await once(reference))
      oursSamples.push(await once(ours))
    }
  }
  return { ours: median(oursSamples), reference: median(referenceSamples) }
}
