/**
 * The modular-exponentiation port: `base^exponent mod N` for the SRP group prime `N`, the one
 * costly operation of SRP. `layerBigInt` runs everywhere (browsers included); the adapters
 * package has a faster `node:crypto` Layer for the emulator and Node clients.
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import * as Layer from "effect/Layer"
import { N } from "../Srp.js"

/**
 * `base^exponent mod N`. Any base (reduced mod N first) and any non-negative exponent; a
 * negative exponent is a `RangeError`. `0^0` is 1.
 * @since 0.1.0
 */
export type ModPow = (base: bigint, exponent: bigint) => bigint

/** @since 0.1.0 */
export interface ModExpService {
  readonly modPow: ModPow
}

const mulMod = (x: bigint, y: bigint): bigint => (x * y) % N

/** `N` is a safe prime `2q + 1` and 2 is a square mod `N` (N ≡ 7 mod 8), so 2 has order `q`. */
const orderOfTwo = (N - 1n) / 2n

/** `2^e < N` for every `e` below this, so no reduction is needed at all. */
const shiftLimit = BigInt(N.toString(2).length - 1)

/**
 * Fixed-base table for base 2 in digits of `windowBits` bits: `powersOfTwo[i] = 2^(2^(windowBits·i)) mod N`.
 * Grown on demand and kept: each entry is the previous one squared `windowBits` times.
 */
const windowBits = 5
const digitMask = (1n << BigInt(windowBits)) - 1n
const powersOfTwo: Array<bigint> = [2n]

const powerOfTwoEntry = (i: number): bigint => {
  while (powersOfTwo.length <= i) {
    let next = powersOfTwo[powersOfTwo.length - 1]!
    for (let s = 0; s < windowBits; s++) next = mulMod(next, next)
    powersOfTwo.push(next)
  }
  return powersOfTwo[i]!
}

/**
 * `2^e mod N` by Yao's fixed-base method: with `e = Σ dᵢ·32^i`, the result is
 * `Π_{d=31..1} Π_{dᵢ ≥ d} T[i]`, about `bits/5 + 31` multiplications and no squarings.
 */
const powTwo = (e: bigint): bigint => {
  if (e < shiftLimit) return 1n << e
  const byDigit: Array<Array<number>> = Array.from({ length: Number(digitMask) + 1 }, () => [])
  for (let i = 0, rest = e; rest > 0n; i++, rest >>= BigInt(windowBits)) {
    byDigit[Number(rest & digitMask)]!.push(i)
  }
  let result = 1n
  let running = 1n
  for (let d = byDigit.length - 1; d >= 1; d--) {
    for (const i of byDigit[d]!) running = running === 1n ? powerOfTwoEntry(i) : mulMod(running, powerOfTwoEntry(i))
    if (running !== 1n) result = result === 1n ? running : mulMod(result, running)
  }
  return result
}

/** Left-to-right sliding window over odd powers; the window grows with the exponent. */
const powSlidingWindow = (base: bigint, e: bigint): bigint => {
  const bits = e.toString(2)
  const width = bits.length <= 64 ? 3 : bits.length <= 512 ? 4 : bits.length <= 1536 ? 5 : 6
  const square = mulMod(base, base)
  const oddPowers: Array<bigint> = [base]
  for (let i = 1; i < 1 << (width - 1); i++) oddPowers.push(mulMod(oddPowers[i - 1]!, square))
  let result = 1n
  let i = 0
  while (i < bits.length) {
    if (bits[i] === "0") {
      result = mulMod(result, result)
      i++
      continue
    }
    let end = Math.min(i + width, bits.length) - 1
    while (bits[end] === "0") end--
    for (let s = i; s <= end; s++) result = mulMod(result, result)
    result = mulMod(result, oddPowers[(parseInt(bits.slice(i, end + 1), 2) - 1) / 2]!)
    i = end + 1
  }
  return result
}

/**
 * The universal BigInt implementation: a fixed-base window table for `g = 2`, a sliding window
 * for other bases, exponents reduced by the group order.
 * @since 0.1.0
 */
export const modPowBigInt: ModPow = (base, exponent) => {
  if (exponent < 0n) throw new RangeError("ModExp: negative exponent")
  const b = ((base % N) + N) % N
  if (exponent === 0n) return 1n
  if (b === 0n) return 0n
  if (b === 1n) return 1n
  if (b === 2n) return powTwo(exponent % orderOfTwo)
  // Fermat: b^(N−1) = 1 for b coprime to N.
  const e = exponent >= N - 1n ? exponent % (N - 1n) : exponent
  return e === 0n ? 1n : powSlidingWindow(b, e)
}

/** @since 0.1.0 @category tags */
export class ModExp extends Context.Tag("@cognito-effect/domain/ModExp")<ModExp, ModExpService>() {
  /** Pure BigInt; runs in browsers. */
  static readonly layerBigInt: Layer.Layer<ModExp> = Layer.succeed(ModExp, { modPow: modPowBigInt })
}
