/**
 * Modular exponentiation mod the SRP prime over OpenSSL (`node:crypto`), several times faster
 * than BigInt. One Diffie-Hellman object with `g = 2` is built once (a non-2 generator costs
 * ~1.6 s per construction); `setPrivateKey(e)` + `computeSecret(base)` then yields `base^e mod N`
 * for any base. For the emulator and Node clients.
 *
 * @since 0.1.0
 */
import { createDiffieHellman, type DiffieHellman } from "node:crypto"
import * as Layer from "effect/Layer"
import { N } from "@cognito-effect/domain/Srp"
import { ModExp, type ModPow } from "@cognito-effect/domain/services/ModExp"

const toBuffer = (n: bigint): Buffer => {
  const hex = n.toString(16)
  return Buffer.from(hex.length % 2 === 1 ? `0${hex}` : hex, "hex")
}

let group: DiffieHellman | undefined
const dh = (): DiffieHellman => (group ??= createDiffieHellman(toBuffer(N), 2))

/**
 * `base^exponent mod N` with OpenSSL. OpenSSL refuses 0, 1 and N − 1 as a peer key and a zero
 * private key, so those cases are answered here.
 * @since 0.1.0
 */
export const modPow: ModPow = (base, exponent) => {
  if (exponent < 0n) throw new RangeError("ModExp: negative exponent")
  const b = ((base % N) + N) % N
  if (exponent === 0n) return 1n
  if (b === 0n) return 0n
  if (b === 1n) return 1n
  if (b === N - 1n) return exponent % 2n === 1n ? b : 1n
  // Fermat: b^(N−1) = 1 for b coprime to N; keeps huge exponents cheap.
  const e = exponent >= N - 1n ? exponent % (N - 1n) : exponent
  if (e === 0n) return 1n
  const group = dh()
  group.setPrivateKey(toBuffer(e))
  return BigInt(`0x${group.computeSecret(toBuffer(b)).toString("hex")}`)
}

/**
 * The `ModExp` port over `node:crypto`.
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<ModExp> = Layer.succeed(ModExp, { modPow })
