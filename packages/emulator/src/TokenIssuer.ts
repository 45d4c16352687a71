/**
 * RS256 JSON Web Tokens for the emulated pools: one 2048-bit RSA key per pool, made once with
 * `jose` when the pool is created and kept with it (so `--data` keeps tokens valid across
 * restarts), the JWKS and the OpenID discovery document served beside the issuer.
 *
 * Tokens are signed with `node:crypto` on a `KeyObject` loaded once per pool: the RSA work runs on
 * libuv's thread pool, and no WebCrypto or JOSE machinery runs per token on the event loop (a
 * sign-in mints two). Checking our own tokens is signature-only here; the claims (expiry,
 * revocation) are the caller's, on the emulator's clock.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Jose from "jose"
import * as NodeCrypto from "node:crypto"
import type * as Store from "./Store.js"

/** A pool's key, ready to sign and verify. @since 0.1.0 */
export interface KeyMaterial {
  readonly kid: string
  readonly signingKey: NodeCrypto.KeyObject
  readonly verifyingKey: NodeCrypto.KeyObject
  readonly publicJwk: PublicJwk
  /** the encoded protected header every token of this key starts with */
  readonly header: string
}

/** A public key as JWKS lists it. @since 0.1.0 */
export interface PublicJwk {
  readonly kty: "RSA"
  readonly alg: "RS256"
  readonly use: "sig"
  readonly kid: string
  readonly n: string
  readonly e: string
}

/** Claims of a token we issue. @since 0.1.0 */
export type Claims = Readonly<Record<string, unknown>>

/** Makes a new key for a pool; its `kid` is the RFC 7638 thumbprint. @since 0.1.0 */
export const generate: Effect.Effect<Store.SigningKey> = Effect.promise(async () => {
  const pair = await Jose.generateKeyPair("RS256", { modulusLength: 2048, extractable: true })
  const jwk = await Jose.exportJWK(pair.privateKey)
  const kid = await Jose.calculateJwkThumbprint({ kty: "RSA", n: jwk.n!, e: jwk.e! })
  return { kid, privateJwk: Redacted.make(jwk as Record<string, unknown>) }
})

const segment = (value: unknown): string => Buffer.from(JSON.stringify(value), "utf8").toString("base64url")

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value)

/** Loads a stored key. @since 0.1.0 */
export const material = (key: Store.SigningKey): Effect.Effect<KeyMaterial> =>
  Effect.sync(() => {
    const jwk = Redacted.value(key.privateJwk) as NodeCrypto.JsonWebKey
    const publicJwk: PublicJwk = { kty: "RSA", alg: "RS256", use: "sig", kid: key.kid, n: jwk.n!, e: jwk.e! }
    return {
      kid: key.kid,
      signingKey: NodeCrypto.createPrivateKey({ key: jwk, format: "jwk" }),
      verifyingKey: NodeCrypto.createPublicKey({ key: { kty: "RSA", n: jwk.n!, e: jwk.e! }, format: "jwk" }),
      publicJwk,
      header: segment({ kid: key.kid, alg: "RS256" })
    }
  })

/**
 * Signs each claims set as a compact JWS with `{kid, alg: "RS256"}`, all at once on libuv's pool,
 * in one effect (no fiber per token: forking costs more than the wait it saves).
 * @since 0.1.0
 */
export const signAll = <const C extends ReadonlyArray<Claims>>(key: KeyMaterial, claims: C): Effect.Effect<{ -readonly [K in keyof C]: string }> =>
  Effect.async((resume) => {
    const tokens = new Array<string>(claims.length) as { -readonly [K in keyof C]: string }
    let pending = claims.length
    let failed = false
    if (pending === 0) return resume(Effect.succeed(tokens))
    claims.forEach((each, index) => {
      const input = `${key.header}.${segment(each)}`
      NodeCrypto.sign("sha256", Buffer.from(input, "utf8"), key.signingKey, (error, signature) => {
        if (failed) return
        if (error !== null) {
          failed = true
          return resume(Effect.die(error))
        }
        tokens[index] = `${input}.${signature.toString("base64url")}`
        if (--pending === 0) resume(Effect.succeed(tokens))
      })
    })
  })

/** Signs `claims` as a compact JWS with `{kid, alg: "RS256"}`. @since 0.1.0 */
export const sign = (key: KeyMaterial, claims: Claims): Effect.Effect<string> =>
  Effect.map(signAll(key, [claims]), (tokens) => tokens[0]!)

const decodeSegment = (text: string): unknown => JSON.parse(Buffer.from(text, "base64url").toString("utf8"))

/**
 * The claims of a token this key signed, or `None` for anything else: three base64url parts, a
 * header naming RS256 and this key's `kid` (no `crit`, no unencoded payload), a valid signature
 * and an object payload. No time checks.
 * @since 0.1.0
 */
export const verify = (key: KeyMaterial, token: string): Effect.Effect<Option.Option<Claims>> =>
  Effect.sync(() => {
    const parts = token.split(".")
    if (parts.length !== 3 || parts.some((part) => !/^[A-Za-z0-9_-]*$/.test(part))) return Option.none()
    const [header, payload, signature] = parts as [string, string, string]
    try {
      const protectedHeader = decodeSegment(header)
      if (!isRecord(protectedHeader) || protectedHeader["alg"] !== "RS256" || protectedHeader["kid"] !== key.kid) return Option.none()
      if (protectedHeader["crit"] !== undefined || protectedHeader["b64"] !== undefined) return Option.none()
      const valid = NodeCrypto.verify("sha256", Buffer.from(`${header}.${payload}`, "utf8"), key.verifyingKey, Buffer.from(signature, "base64url"))
      if (!valid) return Option.none()
      const claims = decodeSegment(payload)
      return isRecord(claims) ? Option.some(claims) : Option.none()
    } catch {
      return Option.none()
    }
  })

/** `/<poolId>/.well-known/jwks.json`. @since 0.1.0 */
export const jwks = (keys: ReadonlyArray<KeyMaterial>) => ({ keys: keys.map((key) => key.publicJwk) })

/** `/<poolId>/.well-known/openid-configuration`, the parts that exist without a hosted UI. @since 0.1.0 */
export const openIdConfiguration = (issuer: string) => ({
  issuer,
  jwks_uri: `${issuer}/.well-known/jwks.json`,
  subject_types_supported: ["public"],
  id_token_signing_alg_values_supported: ["RS256"],
  response_types_supported: ["code", "token"],
  scopes_supported: ["openid", "email", "phone", "profile"],
  token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post"],
  claims_supported: [
    "sub",
    "iss",
    "aud",
    "exp",
    "iat",
    "auth_time",
    "email",
    "email_verified",
    "phone_number",
    "phone_number_verified",
    "cognito:username",
    "cognito:groups"
  ]
})
