/**
 * What it takes for a server to trust a Cognito JWT, minus the cryptography: the token's parts,
 * the issuer of a pool, and the claim checks (issuer, `token_use`, app client, expiry with a
 * small tolerance), each failure its own tagged error. The adapters' `JwtVerifier` adds the JWKS
 * and the RS256 signature.
 *
 * Cognito puts the app client in `client_id` on access tokens and in `aud` on ID tokens.
 *
 * @since 0.1.0
 */
import * as Data from "effect/Data"
import * as Either from "effect/Either"
import { dnsSuffix } from "./AuthConfig.js"
import type * as Tokens from "./Tokens.js"

/** The two tokens Cognito signs. @since 0.1.0 */
export type TokenUse = "access" | "id"

/** @since 0.1.0 @category errors */
export class TokenMalformedError extends Data.TaggedError("TokenMalformedError")<{ readonly message: string }> {
  get amplifyName(): string {
    return this._tag
  }
}

/** The signature does not verify with the key the token names: forged or altered. @since 0.1.0 @category errors */
export class TokenSignatureError extends Data.TaggedError("TokenSignatureError")<{ readonly message: string }> {
  get amplifyName(): string {
    return this._tag
  }
}

/** The pool publishes no key with the token's `kid`, even after fetching its JWKS again. @since 0.1.0 @category errors */
export class TokenKeyNotFoundError extends Data.TaggedError("TokenKeyNotFoundError")<{
  readonly message: string
  readonly kid: string
}> {
  get amplifyName(): string {
    return this._tag
  }
}

/** The token comes from another user pool. @since 0.1.0 @category errors */
export class TokenIssuerError extends Data.TaggedError("TokenIssuerError")<{
  readonly message: string
  readonly expected: string
  readonly actual: string | undefined
}> {
  get amplifyName(): string {
    return this._tag
  }
}

/** An ID token where an access token is expected, or the other way round. @since 0.1.0 @category errors */
export class TokenUseError extends Data.TaggedError("TokenUseError")<{
  readonly message: string
  readonly expected: TokenUse
  readonly actual: string | undefined
}> {
  get amplifyName(): string {
    return this._tag
  }
}

/** The token was issued to another app client. @since 0.1.0 @category errors */
export class TokenClientError extends Data.TaggedError("TokenClientError")<{
  readonly message: string
  readonly expected: ReadonlyArray<string>
  readonly actual: string | undefined
}> {
  get amplifyName(): string {
    return this._tag
  }
}

/** `exp` has passed (beyond the tolerance), or the token has none. @since 0.1.0 @category errors */
export class TokenExpiredError extends Data.TaggedError("TokenExpiredError")<{
  readonly message: string
  /** epoch seconds; absent when the token has no `exp` */
  readonly expiredAt?: number
}> {
  get amplifyName(): string {
    return this._tag
  }
}

/** `iat` (or `nbf`) lies in the future, beyond the tolerance. @since 0.1.0 @category errors */
export class TokenNotYetValidError extends Data.TaggedError("TokenNotYetValidError")<{ readonly message: string }> {
  get amplifyName(): string {
    return this._tag
  }
}

/** The pool's JWKS could not be fetched or read. @since 0.1.0 @category errors */
export class JwksError extends Data.TaggedError("JwksError")<{
  readonly message: string
  readonly reason: "Network" | "Timeout" | "InvalidResponse"
  readonly cause?: unknown
}> {
  get amplifyName(): string {
    return this._tag
  }
}

/** Why a claim check failed. @since 0.1.0 @category errors */
export type ClaimError = TokenIssuerError | TokenUseError | TokenClientError | TokenExpiredError | TokenNotYetValidError

/** Every reason a token is refused. @since 0.1.0 @category errors */
export type TokenVerificationError =
  | TokenMalformedError
  | TokenSignatureError
  | TokenKeyNotFoundError
  | JwksError
  | ClaimError

// --- parsing ------------------------------------------------------------------------------

/** A compact JWS taken apart, nothing verified yet. @since 0.1.0 @category parsing */
export interface ParsedToken {
  readonly header: { readonly alg: string; readonly kid: string }
  readonly payload: Tokens.JwtPayload
  /** `<header>.<payload>` as ASCII bytes: what the signature covers */
  readonly signingInput: Uint8Array<ArrayBuffer>
  readonly signature: Uint8Array<ArrayBuffer>
}

const base64UrlAlphabet = /^[A-Za-z0-9_-]*$/

/** Decodes unpadded base64url; `undefined` for anything else. @since 0.1.0 @category parsing */
export const base64UrlToBytes = (text: string): Uint8Array<ArrayBuffer> | undefined => {
  if (!base64UrlAlphabet.test(text) || text.length % 4 === 1) return undefined
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/") + "=".repeat((4 - (text.length % 4)) % 4))
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}

const jsonObject = (segment: string): Record<string, unknown> | undefined => {
  const bytes = base64UrlToBytes(segment)
  if (bytes === undefined) return undefined
  try {
    const value: unknown = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes))
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined
  } catch {
    return undefined
  }
}

const malformed = (message: string) => Either.left(new TokenMalformedError({ message }))

/**
 * Takes a compact JWS apart. Only RS256 with a `kid` is accepted: that is all Cognito signs, and
 * refusing everything else here closes the `alg: none` and HMAC-with-the-public-key tricks.
 * @since 0.1.0
 * @category parsing
 */
export const parse = (token: string): Either.Either<ParsedToken, TokenMalformedError> => {
  const parts = token.split(".")
  if (parts.length !== 3) return malformed("A JWT has three dot-separated parts.")
  const [headerPart, payloadPart, signaturePart] = parts as [string, string, string]
  const header = jsonObject(headerPart)
  if (header === undefined) return malformed("The JWT header is not base64url JSON.")
  if (header["alg"] !== "RS256") return malformed(`Unsupported JWT algorithm ${JSON.stringify(header["alg"])}; Cognito signs with RS256.`)
  const kid = header["kid"]
  if (typeof kid !== "string" || kid === "") return malformed("The JWT header names no key (kid).")
  const payload = jsonObject(payloadPart)
  if (payload === undefined) return malformed("The JWT payload is not base64url JSON.")
  const signature = base64UrlToBytes(signaturePart)
  if (signature === undefined || signature.length === 0) return malformed("The JWT signature is not base64url.")
  return Either.right({
    header: { alg: "RS256", kid },
    payload: payload as Tokens.JwtPayload,
    signingInput: new TextEncoder().encode(`${headerPart}.${payloadPart}`),
    signature
  })
}

// --- expectations -------------------------------------------------------------------------

/**
 * The issuer of a user pool's tokens: `https://cognito-idp.<region>.<dnsSuffix>/<userPoolId>`,
 * or `<endpoint>/<userPoolId>` for a local emulator at `endpoint`.
 * @since 0.1.0
 * @category expectations
 */
export const issuerOf = (userPoolId: string, endpoint?: string): string => {
  if (endpoint !== undefined) return `${endpoint.replace(/\/+$/, "")}/${userPoolId}`
  const region = userPoolId.split("_")[0] ?? ""
  return `https://cognito-idp.${region}.${dnsSuffix(region)}/${userPoolId}`
}

/** Where a pool publishes its keys. @since 0.1.0 @category expectations */
export const jwksUriOf = (issuer: string): string => `${issuer}/.well-known/jwks.json`

/** What a token must say to be accepted. @since 0.1.0 @category expectations */
export interface Expectations {
  readonly issuer: string
  readonly tokenUse: TokenUse
  /** the app clients whose tokens are accepted */
  readonly clientIds: ReadonlyArray<string>
  /** how far `exp` and `iat` may be off, in seconds */
  readonly toleranceSeconds: number
}

// --- claim checks -------------------------------------------------------------------------

/** The issuer check, done before any key is looked up (another pool's token needs no JWKS fetch). @since 0.1.0 @category checks */
export const checkIssuer = (payload: Tokens.JwtPayload, issuer: string): Either.Either<void, TokenIssuerError> =>
  payload.iss === issuer
    ? Either.void
    : Either.left(
      new TokenIssuerError({
        message: "The token was not issued by this user pool.",
        expected: issuer,
        actual: typeof payload.iss === "string" ? payload.iss : undefined
      })
    )

const clientOf = (payload: Tokens.JwtPayload, tokenUse: TokenUse): string | undefined => {
  const value = tokenUse === "access" ? payload["client_id"] : payload.aud
  return typeof value === "string" ? value : undefined
}

/**
 * Every claim check, in order: issuer, `token_use`, app client, `exp`, then `iat` and `nbf`.
 * `nowMillis` comes from the caller's clock.
 * @since 0.1.0
 * @category checks
 */
export const checkClaims = (
  payload: Tokens.JwtPayload,
  expectations: Expectations,
  nowMillis: number
): Either.Either<void, ClaimError> => {
  const issuer = checkIssuer(payload, expectations.issuer)
  if (Either.isLeft(issuer)) return issuer
  const tokenUse = payload["token_use"]
  if (tokenUse !== expectations.tokenUse) {
    return Either.left(
      new TokenUseError({
        message: `Expected an ${expectations.tokenUse} token.`,
        expected: expectations.tokenUse,
        actual: typeof tokenUse === "string" ? tokenUse : undefined
      })
    )
  }
  const client = clientOf(payload, expectations.tokenUse)
  if (client === undefined || !expectations.clientIds.includes(client)) {
    return Either.left(
      new TokenClientError({ message: "The token was issued to another app client.", expected: expectations.clientIds, actual: client })
    )
  }
  const now = nowMillis / 1000
  const tolerance = expectations.toleranceSeconds
  const exp = payload.exp
  if (typeof exp !== "number") return Either.left(new TokenExpiredError({ message: "The token has no expiry (exp)." }))
  if (now > exp + tolerance) return Either.left(new TokenExpiredError({ message: "The token has expired.", expiredAt: exp }))
  for (const claim of ["iat", "nbf"] as const) {
    const value = payload[claim]
    if (value !== undefined && (typeof value !== "number" || value > now + tolerance)) {
      return Either.left(new TokenNotYetValidError({ message: `The token's ${claim} lies in the future.` }))
    }
  }
  return Either.void
}
