/**
 * Identifiers and secrets the emulator mints, all from the `SecureRandom` port so tests can seed
 * them: UUIDs (`sub`, `jti`), pool and client ids in Cognito's formats, client secrets, opaque
 * sessions and refresh tokens, numeric codes. Also the SHA-256 digests secrets are stored as.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import { SecureRandom } from "@cognito-effect/domain/services/SecureRandom"
import * as NodeCrypto from "node:crypto"

/** @since 0.1.0 */
export const bytes = (length: number): Effect.Effect<Uint8Array, never, SecureRandom> =>
  Effect.flatMap(SecureRandom, (random) => random.bytes(length))

const hex = (data: Uint8Array): string => Buffer.from(data).toString("hex")

/** A random UUID v4. @since 0.1.0 */
export const uuid: Effect.Effect<string, never, SecureRandom> = Effect.map(bytes(16), (data) => {
  data[6] = (data[6]! & 0x0f) | 0x40
  data[8] = (data[8]! & 0x3f) | 0x80
  const h = hex(data)
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
})

const alphabet = (chars: string, length: number): Effect.Effect<string, never, SecureRandom> =>
  // 256 is not a multiple of every alphabet size; draw with rejection so characters stay uniform.
  Effect.gen(function* () {
    const limit = 256 - (256 % chars.length)
    let out = ""
    while (out.length < length) {
      for (const byte of yield* bytes(length * 2)) {
        if (byte < limit && out.length < length) out += chars[byte % chars.length]
      }
    }
    return out
  })

const lowerAlphanumeric = "abcdefghijklmnopqrstuvwxyz0123456789"
const alphanumeric = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

/** `<region>_<9 alphanumerics>`, e.g. `us-east-1_aB3dE5fG7`. @since 0.1.0 */
export const userPoolId = (region: string) => Effect.map(alphabet(alphanumeric, 9), (id) => `${region}_${id}`)

/** 26 lower-case alphanumerics, as Cognito client ids look. @since 0.1.0 */
export const clientId = alphabet(lowerAlphanumeric, 26)

/** 51 lower-case alphanumerics, as Cognito client secrets look. @since 0.1.0 */
export const clientSecret = alphabet(lowerAlphanumeric, 51)

/** A six-digit code. @since 0.1.0 */
export const numericCode = alphabet("0123456789", 6)

/** An opaque base64url string of `length` random bytes (sessions, secret blocks, refresh tokens). @since 0.1.0 */
export const opaque = (length: number) => Effect.map(bytes(length), (data) => Buffer.from(data).toString("base64url"))

/** Standard base64 of `length` random bytes. @since 0.1.0 */
export const base64 = (length: number) => Effect.map(bytes(length), (data) => Buffer.from(data).toString("base64"))

/** Hex of `length` random bytes. @since 0.1.0 */
export const randomHex = (length: number) => Effect.map(bytes(length), hex)

/** The SHA-256 digest secrets are kept as (base64url). @since 0.1.0 */
export const digest = (secret: string): string => NodeCrypto.createHash("sha256").update(secret, "utf8").digest("base64url")

/** Compares a secret with a stored digest in constant time. @since 0.1.0 */
export const matchesDigest = (secret: string, stored: string): boolean => {
  const left = Buffer.from(digest(secret))
  const right = Buffer.from(stored)
  return left.length === right.length && NodeCrypto.timingSafeEqual(left, right)
}

/** Compares two strings in constant time (for equal lengths; lengths are not secret here). @since 0.1.0 */
export const constantTimeEqual = (left: string, right: string): boolean => {
  const a = Buffer.from(left, "utf8")
  const b = Buffer.from(right, "utf8")
  return a.length === b.length && NodeCrypto.timingSafeEqual(a, b)
}

/** A stable value derived from a secret and inputs (simulated answers for unknown users). @since 0.1.0 */
export const keyed = (secret: string, ...inputs: ReadonlyArray<string>): Buffer =>
  NodeCrypto.createHmac("sha256", secret).update(inputs.join("\u0000")).digest()
