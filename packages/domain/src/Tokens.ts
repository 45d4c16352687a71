/**
 * JWTs as Amplify sees them: decoded, never verified on the client (servers verify against the
 * JWKS elsewhere). Expiry uses Amplify's rule: expired when `now + clockDrift + 5 s > exp`.
 * Raw token strings are `Redacted` so they never reach a log.
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import * as Redacted from "effect/Redacted"
import { InvalidTokensException } from "./AuthError.js"

/** Claims are all optional, as in Amplify's `JwtPayload`. @since 0.1.0 */
export interface JwtPayload {
  readonly iss?: string
  readonly sub?: string
  readonly aud?: string | ReadonlyArray<string>
  readonly exp?: number
  readonly nbf?: number
  readonly iat?: number
  readonly jti?: string
  readonly [claim: string]: unknown
}

/** A decoded token. @since 0.1.0 */
export interface Jwt {
  readonly raw: Redacted.Redacted<string>
  readonly payload: JwtPayload
}

/** How the session was started, stored as `signInDetails` JSON. @since 0.1.0 */
export interface SignInDetails {
  readonly loginId?: string
  readonly authFlowType?: string
}

/** Device keys remembered for device SRP. @since 0.1.0 */
export interface DeviceMetadata {
  readonly deviceKey: string
  readonly deviceGroupKey: string
  readonly randomPassword: Redacted.Redacted<string>
}

/** The session the token store keeps. @since 0.1.0 */
export interface TokenSet {
  readonly username: string
  readonly accessToken: Jwt
  readonly idToken?: Jwt
  readonly refreshToken?: Redacted.Redacted<string>
  /** ms; positive when the server clock is ahead */
  readonly clockDrift: number
  readonly signInDetails?: SignInDetails
}

/** Amplify's tolerance before `exp`. @since 0.1.0 */
export const expiryMarginMillis = 5_000

// Table-driven base64url (plain base64 characters accepted too): `fetchAuthSession` decodes the
// session's tokens on every call, and `atob` plus a per-character callback dominated its cost.
const sextets = new Uint8Array(128).fill(255)
for (const [index, char] of [..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"].entries()) {
  sextets[char.charCodeAt(0)] = index
}
sextets["+".charCodeAt(0)] = 62
sextets["/".charCodeAt(0)] = 63
const utf8 = new TextDecoder()

const base64UrlDecode = (segment: string): string => {
  let length = segment.length
  while (length > 0 && segment.charCodeAt(length - 1) === 61) length-- // trailing "="
  if (length % 4 === 1) throw new SyntaxError("bad base64url length")
  const bytes = new Uint8Array(Math.floor((length * 3) / 4))
  let buffer = 0
  let bits = 0
  let out = 0
  for (let i = 0; i < length; i++) {
    const code = segment.charCodeAt(i)
    const value = code < 128 ? sextets[code]! : 255
    if (value === 255) throw new SyntaxError("bad base64url character")
    buffer = ((buffer << 6) | value) & 0xffff
    bits += 6
    if (bits >= 8) {
      bits -= 8
      bytes[out++] = (buffer >> bits) & 0xff
    }
  }
  return utf8.decode(bytes)
}

/** The last tokens decoded: a session is decoded on every `fetchAuthSession`, its tokens rarely change. */
const recent = new Map<string, Jwt>()
const recentLimit = 16

/**
 * Decodes a JWT's payload. A token must have three dot-separated parts and a JSON object payload.
 * @since 0.1.0
 */
export const decode = (token: string): Either.Either<Jwt, InvalidTokensException> => {
  const known = typeof token === "string" ? recent.get(token) : undefined
  if (known !== undefined) return Either.right(known)
  const parts = typeof token === "string" ? token.split(".") : []
  if (parts.length !== 3) return Either.left(new InvalidTokensException({ message: "Invalid token" }))
  try {
    const payload: unknown = JSON.parse(base64UrlDecode(parts[1]!))
    if (typeof payload !== "object" || payload === null || Array.isArray(payload)) {
      return Either.left(new InvalidTokensException({ message: "Invalid token payload" }))
    }
    const jwt: Jwt = { raw: Redacted.make(token), payload: Object.freeze(payload) as JwtPayload }
    if (recent.size >= recentLimit) recent.delete(recent.keys().next().value!)
    recent.set(token, jwt)
    return Either.right(jwt)
  } catch {
    return Either.left(new InvalidTokensException({ message: "Invalid token payload" }))
  }
}

/** What the expiry rule reads of a token: its `exp` claim (decoded here or in Amplify's `JWT`). @since 0.1.0 */
export interface Expiring {
  readonly payload: { readonly exp?: unknown }
}

/** `true` when the token is within the margin of its `exp` (or has none). @since 0.1.0 */
export const isExpired = (jwt: Expiring, nowMillis: number, clockDrift: number): boolean => {
  const exp = jwt.payload.exp
  if (typeof exp !== "number") return true
  return nowMillis + clockDrift + expiryMarginMillis > exp * 1000
}

/** Amplify's drift: `iat × 1000 − now`, measured when tokens arrive. @since 0.1.0 */
export const clockDrift = (accessToken: Jwt, nowMillis: number): number =>
  typeof accessToken.payload.iat === "number" ? accessToken.payload.iat * 1000 - nowMillis : 0

/** Whether a session needs a refresh: access token (or ID token, when present) expired. @since 0.1.0 */
export const needsRefresh = (
  tokens: { readonly accessToken: Expiring; readonly idToken?: Expiring | undefined; readonly clockDrift: number },
  nowMillis: number
): boolean =>
  isExpired(tokens.accessToken, nowMillis, tokens.clockDrift) ||
  (tokens.idToken !== undefined && isExpired(tokens.idToken, nowMillis, tokens.clockDrift))

/** A string claim, or `undefined`. @since 0.1.0 */
export const stringClaim = (jwt: Jwt | undefined, claim: string): string | undefined => {
  const value = jwt?.payload[claim]
  return typeof value === "string" ? value : undefined
}
