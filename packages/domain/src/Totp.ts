/**
 * TOTP as Cognito uses it: RFC 6238 with HMAC-SHA1, 6 digits, 30-second steps from T0 = 0, and
 * one step of drift accepted either way. The shared secret travels as RFC 4648 base32
 * (`SecretCode`); `setupUri` builds the `otpauth://` URI Amplify's `setUpTOTP` returns.
 *
 * @since 0.1.0
 */
import * as Option from "effect/Option"
import { hmac } from "@noble/hashes/hmac.js"
import { sha1 } from "@noble/hashes/legacy.js"

/** Seconds per step. @since 0.1.0 */
export const period = 30

/** Digits per code. @since 0.1.0 */
export const digits = 6

const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"

/** RFC 4648 base32, upper case, without `=` padding. @since 0.1.0 @category encoding */
export const base32Encode = (bytes: Uint8Array): string => {
  let out = ""
  let buffer = 0
  let bits = 0
  for (const byte of bytes) {
    buffer = ((buffer << 8) | byte) & 0xffff
    bits += 8
    while (bits >= 5) {
      out += alphabet[(buffer >>> (bits - 5)) & 31]
      bits -= 5
    }
  }
  if (bits > 0) out += alphabet[(buffer << (5 - bits)) & 31]
  return out
}

/**
 * RFC 4648 base32 decode, case-insensitive, trailing `=` padding optional. `None` for other
 * characters or an impossible length.
 * @since 0.1.0
 * @category encoding
 */
export const base32Decode = (text: string): Option.Option<Uint8Array> => {
  const chars = text.replace(/=+$/, "").toUpperCase()
  if ([1, 3, 6].includes(chars.length % 8)) return Option.none()
  const out = new Uint8Array(Math.floor((chars.length * 5) / 8))
  let buffer = 0
  let bits = 0
  let index = 0
  for (const char of chars) {
    const value = alphabet.indexOf(char)
    if (value === -1) return Option.none()
    buffer = ((buffer << 5) | value) & 0xffff
    bits += 5
    if (bits >= 8) {
      out[index++] = (buffer >>> (bits - 8)) & 0xff
      bits -= 8
    }
  }
  return Option.some(out)
}

/**
 * A new shared secret as base32 (the form of Cognito's `SecretCode`). Pass fresh random bytes:
 * 20 give 32 characters, 32 give 52 like Cognito's.
 * @since 0.1.0
 */
export const randomSecret = (bytes: Uint8Array): string => base32Encode(bytes)

/** HOTP (RFC 4226) for one 8-byte big-endian counter. */
const hotp = (secret: Uint8Array, counter: number): string => {
  const message = new Uint8Array(8)
  const view = new DataView(message.buffer)
  view.setUint32(0, Math.floor(counter / 2 ** 32))
  view.setUint32(4, counter >>> 0)
  const mac = hmac(sha1, secret, message)
  const offset = mac[mac.length - 1]! & 0x0f
  const binary =
    ((mac[offset]! & 0x7f) << 24) | (mac[offset + 1]! << 16) | (mac[offset + 2]! << 8) | mac[offset + 3]!
  return String(binary % 10 ** digits).padStart(digits, "0")
}

const counterAt = (unixSeconds: number): number => Math.floor(unixSeconds / period)

/**
 * The code for the step containing `unixSeconds`.
 * @since 0.1.0
 */
export const generate = (secret: Uint8Array, unixSeconds: number): string => hotp(secret, counterAt(unixSeconds))

/**
 * Whether `code` matches the current step or one within `window` steps of it (default 1, as
 * Cognito). Every candidate is computed and compared without an early exit.
 * @since 0.1.0
 */
export const verify = (
  secret: Uint8Array,
  code: string,
  unixSeconds: number,
  options: { readonly window?: number } = {}
): boolean => {
  if (!/^[0-9]{6}$/.test(code)) return false
  const window = options.window ?? 1
  const current = counterAt(unixSeconds)
  let matched = 0
  for (let counter = current - window; counter <= current + window; counter++) {
    if (counter < 0) continue
    const candidate = hotp(secret, counter)
    let diff = 0
    for (let i = 0; i < digits; i++) diff |= candidate.charCodeAt(i) ^ code.charCodeAt(i)
    matched |= diff === 0 ? 1 : 0
  }
  return matched === 1
}

/**
 * The authenticator-app URI exactly as Amplify builds it:
 * `otpauth://totp/{issuer}:{accountName}?secret={secret}&issuer={issuer}`, with no encoding
 * of its own — the `URL` parser percent-encodes what it must (`My App` → `My%20App`). Amplify's
 * `setUpTOTP` passes `JSON.stringify(username)` as the default account name (quotes included).
 * @since 0.1.0
 */
export const setupUri = (input: {
  readonly secretBase32: string
  readonly issuer: string
  readonly accountName: string
}): URL =>
  new URL(`otpauth://totp/${input.issuer}:${input.accountName}?secret=${input.secretBase32}&issuer=${input.issuer}`)
