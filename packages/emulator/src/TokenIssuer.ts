/**
 * RS256 JSON Web Tokens for the emulated pools, with `jose`: one 2048-bit RSA key per pool, made
 * once when the pool is created and kept with it (so `--data` keeps tokens valid across
 * restarts), the JWKS and the OpenID discovery document served beside the issuer.
 *
 * jose signs through WebCrypto, whose RSA work runs on libuv's thread pool rather than the event
 * loop. Checking our own tokens is signature-only here; the claims (expiry, revocation) are the
 * caller's, on the emulator's clock.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Jose from "jose"
import type * as Store from "./Store.js"

/** A pool's key, ready to sign and verify. @since 0.1.0 */
export interface KeyMaterial {
  readonly kid: string
  readonly signingKey: CryptoKey
  readonly verifyingKey: CryptoKey
  readonly publicJwk: PublicJwk
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

/** Loads a stored key. @since 0.1.0 */
export const material = (key: Store.SigningKey): Effect.Effect<KeyMaterial> =>
  Effect.promise(async () => {
    const jwk = Redacted.value(key.privateJwk) as Jose.JWK
    const publicJwk: PublicJwk = { kty: "RSA", alg: "RS256", use: "sig", kid: key.kid, n: jwk.n!, e: jwk.e! }
    const signingKey = (await Jose.importJWK({ ...jwk, alg: "RS256" }, "RS256")) as CryptoKey
    const verifyingKey = (await Jose.importJWK(publicJwk, "RS256")) as CryptoKey
    return { kid: key.kid, signingKey, verifyingKey, publicJwk }
  })

/** Signs `claims` as a compact JWS with `{kid, alg: "RS256"}`. @since 0.1.0 */
export const sign = (key: KeyMaterial, claims: Claims): Effect.Effect<string> =>
  Effect.promise(() => new Jose.SignJWT({ ...claims }).setProtectedHeader({ kid: key.kid, alg: "RS256" }).sign(key.signingKey))

/** The claims of a token this key signed, or `None` for anything else. No time checks. @since 0.1.0 */
export const verify = (key: KeyMaterial, token: string): Effect.Effect<Option.Option<Claims>> =>
  Effect.promise(async () => {
    try {
      const { payload, protectedHeader } = await Jose.compactVerify(token, key.verifyingKey, { algorithms: ["RS256"] })
      if (protectedHeader.kid !== key.kid) return Option.none()
      const claims: unknown = JSON.parse(new TextDecoder().decode(payload))
      return typeof claims === "object" && claims !== null && !Array.isArray(claims) ? Option.some(claims as Claims) : Option.none()
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
