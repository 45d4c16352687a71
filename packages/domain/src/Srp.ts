/**
 * Cognito's SRP-6a, exactly as Amplify computes it: the 3072-bit group, the client ephemeral `A`,
 * `u`, `x`, the premaster secret `S`, the 16-byte HKDF key, the password-claim signature and its
 * TIMESTAMP; the server side the emulator needs (verifier, `B`, claim check); and device
 * verifiers for ConfirmDevice / DEVICE_SRP_AUTH. Every function is pure; exponentiation comes in
 * as a `ModPow` so callers choose the BigInt or the `node:crypto` implementation.
 *
 * Integers on the wire are lowercase unpadded hex (`bigIntToHex`); every hash input uses
 * `padHex` (Java `BigInteger.toByteArray`: a leading `00` when the high bit is set).
 *
 * @since 0.1.0
 */
import * as Data from "effect/Data"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import { hkdf } from "@noble/hashes/hkdf.js"
import { hmac } from "@noble/hashes/hmac.js"
import { sha256 } from "@noble/hashes/sha2.js"
import { bytesToHex as nobleBytesToHex, concatBytes, hexToBytes as nobleHexToBytes, utf8ToBytes } from "@noble/hashes/utils.js"
import type { ModPow } from "./services/ModExp.js"

/**
 * Why an SRP computation refused its input. Messages never contain secrets.
 * @since 0.1.0
 * @category errors
 */
export class SrpError extends Data.TaggedError("SrpError")<{
  readonly reason:
    | "InvalidA"
    | "InvalidB"
    | "InvalidU"
    | "InvalidSalt"
    | "InvalidSecretBlock"
    | "InvalidVerifierConfig"
  readonly message: string
}> {}

// ---------------------------------------------------------------------------------------------
// Encodings
// ---------------------------------------------------------------------------------------------

const hexPattern = /^[0-9a-fA-F]+$/

/** Whether `hex` is a non-empty hex string (any length, either case). @since 0.1.0 @category encoding */
export const isHex = (hex: string): boolean => hexPattern.test(hex)

/**
 * Parses hex as an unsigned integer. Odd lengths are fine (`SRP_A` may have 767 digits).
 * Throws `SyntaxError` on anything that is not hex; check with `isHex` first for wire input.
 * @since 0.1.0
 * @category encoding
 */
export const hexToBigInt = (hex: string): bigint => {
  if (!isHex(hex)) throw new SyntaxError("Srp.hexToBigInt: not a hex string")
  return BigInt(`0x${hex}`)
}

/** Lowercase hex without leading zeros, as `SRP_A` / `SRP_B` are sent. @since 0.1.0 @category encoding */
export const bigIntToHex = (n: bigint): string => n.toString(16)

/**
 * Java `BigInteger.toByteArray()` as hex: even length, minimal, two's complement. For the
 * non-negative values SRP uses, that is `hex(n)` padded to even length with `00` prepended
 * when the first nibble is 8–f.
 * @since 0.1.0
 * @category encoding
 */
export const padHex = (n: bigint): string => {
  if (n < 0n) {
    let bytes = 1
    while (n < -(1n << BigInt(8 * bytes - 1))) bytes++
    return (n + (1n << BigInt(8 * bytes))).toString(16).padStart(2 * bytes, "0")
  }
  let hex = n.toString(16)
  if (hex.length % 2 === 1) hex = `0${hex}`
  return "89abcdef".includes(hex[0]!) ? `00${hex}` : hex
}

/** Hex (even length) to bytes. @since 0.1.0 @category encoding */
export const hexToBytes = (hex: string): Uint8Array => nobleHexToBytes(hex)

/** Bytes to lowercase hex. @since 0.1.0 @category encoding */
export const bytesToHex = (bytes: Uint8Array): string => nobleBytesToHex(bytes)

/** `bytes(padHex(n))`, the form every hash input takes. @since 0.1.0 @category encoding */
export const padBytes = (n: bigint): Uint8Array => hexToBytes(padHex(n))

/** Big-endian unsigned bytes to an integer (empty → 0). @since 0.1.0 @category encoding */
export const bytesToBigInt = (bytes: Uint8Array): bigint => (bytes.length === 0 ? 0n : BigInt(`0x${bytesToHex(bytes)}`))

/** Standard base64 with padding. @since 0.1.0 @category encoding */
export const bytesToBase64 = (bytes: Uint8Array): string => {
  let binary = ""
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary)
}

/**
 * Lenient base64 decode, as Amplify reads `SECRET_BLOCK`: standard or URL-safe alphabet,
 * padding optional. `None` on malformed input.
 * @since 0.1.0
 * @category encoding
 */
export const base64ToBytes = (text: string): Option.Option<Uint8Array> => {
  const standard = text.replace(/-/g, "+").replace(/_/g, "/")
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(standard)) return Option.none()
  const unpadded = standard.replace(/=+$/, "")
  if (unpadded.length % 4 === 1) return Option.none()
  const binary = atob(unpadded + "=".repeat((4 - (unpadded.length % 4)) % 4))
  return Option.some(Uint8Array.from(binary, (c) => c.charCodeAt(0)))
}

// ---------------------------------------------------------------------------------------------
// Group
// ---------------------------------------------------------------------------------------------

/**
 * The RFC 3526 3072-bit MODP prime.
 * @since 0.1.0
 * @category group
 */
export const N: bigint = BigInt(
  "0x" +
    "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD1" +
    "29024E088A67CC74020BBEA63B139B22514A08798E3404DD" +
    "EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245" +
    "E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED" +
    "EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3D" +
    "C2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F" +
    "83655D23DCA3AD961C62F356208552BB9ED529077096966D" +
    "670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B" +
    "E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9" +
    "DE2BCBF6955817183995497CEA956AE515D2261898FA0510" +
    "15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64" +
    "ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7" +
    "ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6B" +
    "F12FFA06D98A0864D87602733EC86A64521F2B18177B200C" +
    "BBE117577A615D6C770988C0BAD946E208E24FA074E5AB31" +
    "43DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF"
)

/** The generator. @since 0.1.0 @category group */
export const g = 2n

const hashToBigInt = (bytes: Uint8Array): bigint => bytesToBigInt(sha256(bytes))

/** The multiplier `k = H(padHex(N) || padHex(g))`. @since 0.1.0 @category group */
export const k: bigint = /* @__PURE__ */ hashToBigInt(concatBytes(padBytes(N), padBytes(g)))

const mod = (n: bigint): bigint => {
  const r = n % N
  return r < 0n ? r + N : r
}

/**
 * The pool name SRP hashes: the part of the user pool id after `_` (`us-east-1_AbC123` → `AbC123`).
 * @since 0.1.0
 * @category group
 */
export const poolName = (userPoolId: string): string => userPoolId.split("_")[1] ?? ""

// ---------------------------------------------------------------------------------------------
// Shared steps
// ---------------------------------------------------------------------------------------------

/** `u = H(padHex(A) || padHex(B))`. @since 0.1.0 @category steps */
export const computeU = (A: bigint, B: bigint): bigint => hashToBigInt(concatBytes(padBytes(A), padBytes(B)))

/**
 * `x = H(saltBytes || H(utf8(poolName || userId || ":" || password)))`. `saltBytes` are hashed as
 * given: callers holding a hex `SALT` pass `padBytes(hexToBigInt(SALT))` (`saltBytesFromHex`).
 * @since 0.1.0
 * @category steps
 */
export const computeX = (input: {
  readonly poolName: string
  readonly userId: string
  readonly password: Redacted.Redacted<string>
  readonly saltBytes: Uint8Array
}): bigint => {
  const inner = sha256(utf8ToBytes(`${input.poolName}${input.userId}:${Redacted.value(input.password)}`))
  return hashToBigInt(concatBytes(input.saltBytes, inner))
}

/** The salt bytes `x` hashes for a hex `SALT`: `bytes(padHex(int(SALT)))`. @since 0.1.0 @category steps */
export const saltBytesFromHex = (salt: string): Uint8Array => padBytes(hexToBigInt(salt))

/** Client premaster secret `S = (B − k·g^x)^(a + u·x) mod N`. @since 0.1.0 @category steps */
export const clientS = (
  input: { readonly B: bigint; readonly x: bigint; readonly a: bigint; readonly u: bigint },
  modPow: ModPow
): bigint => modPow(mod(input.B - k * modPow(g, input.x)), input.a + input.u * input.x)

/** Server premaster secret `S = (A · v^u)^b mod N`. @since 0.1.0 @category steps */
export const serverS = (
  input: { readonly A: bigint; readonly v: bigint; readonly u: bigint; readonly b: bigint },
  modPow: ModPow
): bigint => modPow(mod(input.A * modPow(input.v, input.u)), input.b)

const calderaInfo = /* @__PURE__ */ utf8ToBytes("Caldera Derived Key")

/**
 * The 16-byte "Caldera Derived Key": one HKDF-SHA256 block with salt `padHex(u)` and input
 * key material `padHex(S)`, truncated.
 * @since 0.1.0
 * @category steps
 */
export const hkdfKey = (u: bigint, S: bigint): Uint8Array => hkdf(sha256, padBytes(S), padBytes(u), calderaInfo, 16)

/**
 * `HMAC-SHA256(key, utf8(poolName) || utf8(userId) || secretBlock || utf8(timestamp))`, raw.
 * @since 0.1.0
 * @category steps
 */
export const claimSignature = (input: {
  readonly key: Uint8Array
  readonly poolName: string
  readonly userId: string
  readonly secretBlock: Uint8Array
  readonly timestamp: string
}): Uint8Array =>
  hmac(
    sha256,
    input.key,
    concatBytes(utf8ToBytes(input.poolName), utf8ToBytes(input.userId), input.secretBlock, utf8ToBytes(input.timestamp))
  )

const weekDays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"] as const
const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"] as const
const two = (n: number): string => String(n).padStart(2, "0")

/**
 * The TIMESTAMP challenge response: `Tue Mar 5 07:05:09 UTC 2024` in UTC. The day of month is
 * NOT zero-padded — Cognito rejects `Mar 05`.
 * @since 0.1.0
 * @category steps
 */
export const formatTimestamp = (date: Date): string =>
  `${weekDays[date.getUTCDay()]} ${months[date.getUTCMonth()]} ${date.getUTCDate()} ` +
  `${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())} UTC ${date.getUTCFullYear()}`

// ---------------------------------------------------------------------------------------------
// Client
// ---------------------------------------------------------------------------------------------

/**
 * The client secret `a`: random bytes (Amplify takes 128) read as a positive integer, not reduced.
 * @since 0.1.0
 * @category client
 */
export const generateSmallA = (randomBytes: Uint8Array): bigint => bytesToBigInt(randomBytes)

/** `A = g^a mod N`, refused when `A mod N = 0`. Send it as `bigIntToHex(A)`. @since 0.1.0 @category client */
export const generateA = (a: bigint, modPow: ModPow): Either.Either<bigint, SrpError> => {
  const A = modPow(g, a)
  return A % N === 0n ? Either.left(new SrpError({ reason: "InvalidA", message: "Illegal parameter. A mod N cannot be 0." })) : Either.right(A)
}

/**
 * Answers PASSWORD_VERIFIER (and DEVICE_PASSWORD_VERIFIER with `poolName := DeviceGroupKey`,
 * `userId := DeviceKey`, `password := randomPassword`): checks `B` and `u`, derives the key and
 * signs the claim. `salt` and `srpB` are the challenge's hex `SALT` / `SRP_B`, `secretBlock` its
 * base64 `SECRET_BLOCK`; `timestamp` is `formatTimestamp(now)` and must be sent as is.
 * @since 0.1.0
 * @category client
 */
export const passwordClaim = (
  input: {
    readonly poolName: string
    readonly userId: string
    readonly password: Redacted.Redacted<string>
    readonly salt: string
    readonly srpB: string
    readonly secretBlock: string
    readonly timestamp: string
    readonly a: bigint
    readonly A: bigint
  },
  modPow: ModPow
): Either.Either<{ readonly signature: string }, SrpError> => {
  if (!isHex(input.srpB)) return Either.left(new SrpError({ reason: "InvalidB", message: "SRP_B is not hex" }))
  const B = hexToBigInt(input.srpB)
  if (B % N === 0n) return Either.left(new SrpError({ reason: "InvalidB", message: "B cannot be zero." }))
  if (!isHex(input.salt)) return Either.left(new SrpError({ reason: "InvalidSalt", message: "SALT is not hex" }))
  const secretBlock = base64ToBytes(input.secretBlock)
  if (Option.isNone(secretBlock)) {
    return Either.left(new SrpError({ reason: "InvalidSecretBlock", message: "SECRET_BLOCK is not base64" }))
  }
  const u = computeU(input.A, B)
  if (u === 0n) return Either.left(new SrpError({ reason: "InvalidU", message: "U cannot be zero." }))
  const x = computeX({
    poolName: input.poolName,
    userId: input.userId,
    password: input.password,
    saltBytes: saltBytesFromHex(input.salt)
  })
  const S = clientS({ B, x, a: input.a, u }, modPow)
  const key = hkdfKey(u, S)
  const signature = claimSignature({
    key,
    poolName: input.poolName,
    userId: input.userId,
    secretBlock: secretBlock.value,
    timestamp: input.timestamp
  })
  return Either.right({ signature: bytesToBase64(signature) })
}

/**
 * A device's random password: base64 of 40 random bytes (56 characters).
 * @since 0.1.0
 * @category client
 */
export const randomDevicePassword = (bytes40: Uint8Array): string => bytesToBase64(bytes40)

/**
 * ConfirmDevice's `DeviceSecretVerifierConfig` from 16 random salt bytes: the salt is
 * normalised with `padHex` (15–17 bytes), then `v = g^x` with the SRP `x` formula over
 * `DeviceGroupKey`, `DeviceKey` and the random password. Both values standard base64.
 * @since 0.1.0
 * @category client
 */
export const deviceVerifierConfig = (
  input: {
    readonly deviceGroupKey: string
    readonly deviceKey: string
    readonly randomPassword: Redacted.Redacted<string>
    readonly saltBytes: Uint8Array
  },
  modPow: ModPow
): { readonly Salt: string; readonly PasswordVerifier: string } => {
  const saltBytes = padBytes(bytesToBigInt(input.saltBytes))
  const x = computeX({
    poolName: input.deviceGroupKey,
    userId: input.deviceKey,
    password: input.randomPassword,
    saltBytes
  })
  return { Salt: bytesToBase64(saltBytes), PasswordVerifier: bytesToBase64(padBytes(modPow(g, x))) }
}

// ---------------------------------------------------------------------------------------------
// Server (the emulator)
// ---------------------------------------------------------------------------------------------

/**
 * The verifier `v = g^x mod N` stored at password-set time; `salt` is the hex the server will
 * send as `SALT`, `userId` the canonical `USER_ID_FOR_SRP`.
 * @since 0.1.0
 * @category server
 */
export const computeVerifier = (
  input: {
    readonly poolName: string
    readonly userId: string
    readonly password: Redacted.Redacted<string>
    readonly salt: string
  },
  modPow: ModPow
): bigint =>
  modPow(
    g,
    computeX({
      poolName: input.poolName,
      userId: input.userId,
      password: input.password,
      saltBytes: saltBytesFromHex(input.salt)
    })
  )

/**
 * `B = (k·v + g^b) mod N`. With a random `b` this is non-zero except with negligible
 * probability; the emulator should draw `b` again if `B === 0n`.
 * @since 0.1.0
 * @category server
 */
export const serverB = (v: bigint, b: bigint, modPow: ModPow): bigint => mod(k * v + modPow(g, b))

/** Compares two byte strings without an early exit. */
const constantTimeEqual = (left: Uint8Array, right: Uint8Array): boolean => {
  if (left.length !== right.length) return false
  let diff = 0
  for (let i = 0; i < left.length; i++) diff |= left[i]! ^ right[i]!
  return diff === 0
}

/**
 * Checks a PASSWORD_CLAIM_SIGNATURE the way Cognito does: refuses `A mod N = 0` and `u = 0`,
 * rebuilds the message from the exact TIMESTAMP string received, and compares in constant time.
 * Binding the secret block to the session and judging the timestamp window are the caller's.
 * (No salt is needed: the server's `S` comes from `v`.)
 * @since 0.1.0
 * @category server
 */
export const verifyPasswordClaim = (
  input: {
    readonly poolName: string
    readonly userId: string
    readonly v: bigint
    readonly A: bigint
    readonly B: bigint
    readonly b: bigint
    readonly secretBlock: string
    readonly timestamp: string
    readonly signature: string
  },
  modPow: ModPow
): boolean => {
  if (input.A % N === 0n) return false
  const u = computeU(input.A, input.B)
  if (u === 0n) return false
  const secretBlock = base64ToBytes(input.secretBlock)
  const received = base64ToBytes(input.signature)
  if (Option.isNone(secretBlock) || Option.isNone(received)) return false
  const S = serverS({ A: input.A, v: input.v, u, b: input.b }, modPow)
  const expected = claimSignature({
    key: hkdfKey(u, S),
    poolName: input.poolName,
    userId: input.userId,
    secretBlock: secretBlock.value,
    timestamp: input.timestamp
  })
  return constantTimeEqual(expected, received.value)
}

/**
 * What the emulator keeps from ConfirmDevice's `DeviceSecretVerifierConfig`: the salt as the hex
 * it sends back as `SALT` (`hex(saltBytes)`, the same bytes the client hashed) and `v`.
 * @since 0.1.0
 * @category server
 */
export const decodeDeviceVerifierConfig = (config: {
  readonly Salt: string
  readonly PasswordVerifier: string
}): Either.Either<{ readonly salt: string; readonly v: bigint }, SrpError> => {
  const salt = Option.getOrElse(base64ToBytes(config.Salt), () => new Uint8Array(0))
  const verifier = Option.getOrElse(base64ToBytes(config.PasswordVerifier), () => new Uint8Array(0))
  if (salt.length === 0 || verifier.length === 0) {
    return Either.left(new SrpError({ reason: "InvalidVerifierConfig", message: "Salt and PasswordVerifier must be non-empty base64" }))
  }
  const v = bytesToBigInt(verifier)
  if (v % N === 0n) {
    return Either.left(new SrpError({ reason: "InvalidVerifierConfig", message: "PasswordVerifier mod N cannot be 0" }))
  }
  return Either.right({ salt: bytesToHex(salt), v })
}

/**
 * Checks a DEVICE_PASSWORD_VERIFIER answer against the stored ConfirmDevice config: the user
 * check with `poolName := DeviceGroupKey`, `userId := DeviceKey`. `B` must have been sent as
 * `serverB(v, b)` with the `v` of `decodeDeviceVerifierConfig`.
 * @since 0.1.0
 * @category server
 */
export const verifyDevicePasswordClaim = (
  input: {
    readonly deviceGroupKey: string
    readonly deviceKey: string
    readonly verifierConfig: { readonly Salt: string; readonly PasswordVerifier: string }
    readonly A: bigint
    readonly B: bigint
    readonly b: bigint
    readonly secretBlock: string
    readonly timestamp: string
    readonly signature: string
  },
  modPow: ModPow
): boolean =>
  Either.match(decodeDeviceVerifierConfig(input.verifierConfig), {
    onLeft: () => false,
    onRight: ({ v }) =>
      verifyPasswordClaim(
        {
          poolName: input.deviceGroupKey,
          userId: input.deviceKey,
          v,
          A: input.A,
          B: input.B,
          b: input.b,
          secretBlock: input.secretBlock,
          timestamp: input.timestamp,
          signature: input.signature
        },
        modPow
      )
  })
