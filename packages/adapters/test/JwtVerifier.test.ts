/**
 * The verifier against a JWKS served on 127.0.0.1, with Cognito-shaped tokens signed here with
 * WebCrypto: every refusal is its own typed error, the key set is fetched once, an unknown `kid`
 * fetches it again (not more often than the cooldown), and time is the TestClock's.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Redacted from "effect/Redacted"
import * as TestClock from "effect/TestClock"
import * as JwtVerifier from "@cognito-effect/adapters/JwtVerifier"
import type * as TokenVerification from "@cognito-effect/domain/TokenVerification"
import * as WireServer from "./utils/WireServer.js"

const poolId = "us-east-1_Xk3Lp9QzT"
const clientId = "3n4b5urk1ft4fl3mg5e62d9ado"
const issuer = `https://cognito-idp.us-east-1.amazonaws.com/${poolId}`
/** the TestClock's time during these tests (epoch seconds) */
const now = 1_700_000_100

const rs256 = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" } as const

interface Key {
  readonly kid: string
  readonly privateKey: CryptoKey
  readonly jwk: JsonWebKey & { readonly kid: string; readonly alg: "RS256"; readonly use: "sig" }
}

const generateKey = (kid: string): Promise<Key> =>
  globalThis.crypto.subtle
    .generateKey({ ...rs256, modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) }, true, ["sign", "verify"])
    .then(async (pair) => {
      const { kty, n, e } = await globalThis.crypto.subtle.exportKey("jwk", pair.publicKey)
      return { kid, privateKey: pair.privateKey, jwk: { kty: kty!, n: n!, e: e!, kid, alg: "RS256", use: "sig" } }
    })

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url")

const sign = async (key: Key, claims: Record<string, unknown>, kid = key.kid): Promise<string> => {
  const input = `${b64url({ kid, alg: "RS256" })}.${b64url(claims)}`
  const signature = await globalThis.crypto.subtle.sign(rs256, key.privateKey, new TextEncoder().encode(input))
  return `${input}.${Buffer.from(signature).toString("base64url")}`
}

const accessClaims = (overrides: Record<string, unknown> = {}) => ({
  sub: "94f8e4b8-5031-70b3-2b0e-6f1c8d7a4e21",
  iss: issuer,
  client_id: clientId,
  origin_jti: "5b1e0c2a-8f4d-4c8e-9a51-0d7e3f2b6c11",
  event_id: "c7a2e9f0-41d3-4b6e-a1d8-2f5c7b9e0a34",
  token_use: "access",
  scope: "aws.cognito.signin.user.admin",
  auth_time: now - 100,
  exp: now + 3500,
  iat: now - 100,
  jti: "1d2c3b4a-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
  username: "alice",
  ...overrides
})

const idClaims = (overrides: Record<string, unknown> = {}) => {
  const { client_id: _client, scope: _scope, username: _username, ...common } = accessClaims()
  return { ...common, aud: clientId, token_use: "id", "cognito:username": "alice", email: "alice@example.com", ...overrides }
}

/** The keys these tests sign with, made once (RSA key generation is slow). */
const keys = Effect.runPromise(
  Effect.promise(() => Promise.all([generateKey("key-one"), generateKey("key-two"), generateKey("key-other-pool")]))
)

/**
 * A JWKS server publishing `published()` at each request, and a verifier pointed at it, with
 * the TestClock at `now`.
 */
const setup = (published: () => ReadonlyArray<Key>, options: Partial<JwtVerifier.Options> = {}) =>
  Effect.gen(function* () {
    yield* TestClock.setTime(now * 1000)
    const server = yield* WireServer.make(() => ({
      status: 200,
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ keys: published().map((key) => key.jwk) })
    }))
    const verifier = yield* JwtVerifier.make({
      userPoolId: poolId,
      clientId,
      tokenUse: "access",
      jwksUri: `${server.url}/${poolId}/.well-known/jwks.json`,
      ...options
    })
    const fetches = Effect.map(server.requests, (requests) => requests.length)
    return { verifier, fetches, server }
  })

const refusal = <A>(effect: Effect.Effect<A, TokenVerification.TokenVerificationError>) =>
  Effect.flatMap(Effect.either(effect), (result) =>
    Either.isLeft(result) ? Effect.succeed(result.left) : Effect.dieMessage("expected the token to be refused"))

describe("JwtVerifier", () => {
  it.scoped("accepts a token of the pool and client, signed with a published key", () =>
    Effect.gen(function* () {
      const [one, two] = yield* Effect.promise(() => keys)
      const { verifier, fetches, server } = yield* setup(() => [one!, two!])
      const token = yield* Effect.promise(() => sign(two!, accessClaims()))
      const verified = yield* verifier.verify(Redacted.make(token))
      assert.strictEqual(verified.kid, "key-two")
      assert.strictEqual(verified.payload["username"], "alice")
      assert.strictEqual(Redacted.value(verified.raw), token)
      assert.strictEqual(yield* fetches, 1)
      const [request] = yield* server.requests
      assert.strictEqual(request?.url, `/${poolId}/.well-known/jwks.json`)
    }))

  it.scoped("accepts ID tokens when built for them, reading the client from aud", () =>
    Effect.gen(function* () {
      const [one] = yield* Effect.promise(() => keys)
      const { verifier } = yield* setup(() => [one!], { tokenUse: "id" })
      const verified = yield* verifier.verify(yield* Effect.promise(() => sign(one!, idClaims())))
      assert.strictEqual(verified.payload["email"], "alice@example.com")
    }))

  it.scoped("refuses a forged token: claims changed after signing, or signed with another key under a published kid", () =>
    Effect.gen(function* () {
      const [one, , other] = yield* Effect.promise(() => keys)
      const { verifier } = yield* setup(() => [one!])
      const genuine = yield* Effect.promise(() => sign(one!, accessClaims()))
      const [header, , signature] = genuine.split(".")
      const tampered = `${header}.${b64url(accessClaims({ username: "mallory", sub: "00000000-0000-4000-8000-000000000000" }))}.${signature}`
      const altered = yield* refusal(verifier.verify(tampered))
      assert.strictEqual(altered._tag, "TokenSignatureError")
      const wrongKey = yield* Effect.promise(() => sign(other!, accessClaims(), "key-one"))
      assert.strictEqual((yield* refusal(verifier.verify(wrongKey)))._tag, "TokenSignatureError")
    }))

  it.scoped("refuses an expired token, after the tolerance and not before", () =>
    Effect.gen(function* () {
      const [one] = yield* Effect.promise(() => keys)
      const { verifier } = yield* setup(() => [one!])
      const token = yield* Effect.promise(() => sign(one!, accessClaims({ exp: now + 60 })))
      yield* TestClock.setTime((now + 65) * 1000)
      yield* verifier.verify(token)
      yield* TestClock.setTime((now + 65) * 1000 + 1)
      const error = yield* refusal(verifier.verify(token))
      assert.strictEqual(error._tag, "TokenExpiredError")
      assert.strictEqual((error as TokenVerification.TokenExpiredError).expiredAt, now + 60)
    }))

  it.scoped("refuses another pool's token without fetching any key", () =>
    Effect.gen(function* () {
      const [one, , other] = yield* Effect.promise(() => keys)
      const { verifier, fetches } = yield* setup(() => [one!])
      const foreign = yield* Effect.promise(() =>
        sign(other!, accessClaims({ iss: "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_OtherPool" }))
      )
      const error = yield* refusal(verifier.verify(foreign))
      assert.strictEqual(error._tag, "TokenIssuerError")
      assert.strictEqual((error as TokenVerification.TokenIssuerError).actual, "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_OtherPool")
      assert.strictEqual(yield* fetches, 0)
    }))

  it.scoped("refuses a token claiming this pool but signed with another pool's key", () =>
    Effect.gen(function* () {
      const [one, , other] = yield* Effect.promise(() => keys)
      const { verifier } = yield* setup(() => [one!])
      const error = yield* refusal(verifier.verify(yield* Effect.promise(() => sign(other!, accessClaims()))))
      assert.strictEqual(error._tag, "TokenKeyNotFoundError")
      assert.strictEqual((error as TokenVerification.TokenKeyNotFoundError).kid, "key-other-pool")
    }))

  it.scoped("refuses another app client's token", () =>
    Effect.gen(function* () {
      const [one] = yield* Effect.promise(() => keys)
      const { verifier } = yield* setup(() => [one!])
      const token = yield* Effect.promise(() => sign(one!, accessClaims({ client_id: "4other5client6id7" })))
      const error = yield* refusal(verifier.verify(token))
      assert.strictEqual(error._tag, "TokenClientError")
      assert.strictEqual((error as TokenVerification.TokenClientError).actual, "4other5client6id7")
    }))

  it.scoped("refuses an ID token where an access token is expected", () =>
    Effect.gen(function* () {
      const [one] = yield* Effect.promise(() => keys)
      const { verifier } = yield* setup(() => [one!])
      const error = yield* refusal(verifier.verify(yield* Effect.promise(() => sign(one!, idClaims()))))
      assert.strictEqual(error._tag, "TokenUseError")
    }))

  it.scoped("refuses what is not an RS256 JWT", () =>
    Effect.gen(function* () {
      const [one] = yield* Effect.promise(() => keys)
      const { verifier, fetches } = yield* setup(() => [one!])
      const unsigned = `${b64url({ kid: "key-one", alg: "none" })}.${b64url(accessClaims())}.`
      assert.strictEqual((yield* refusal(verifier.verify(unsigned)))._tag, "TokenMalformedError")
      assert.strictEqual((yield* refusal(verifier.verify("not a token")))._tag, "TokenMalformedError")
      assert.strictEqual(yield* fetches, 0)
    }))

  it.scoped("fetches the key set once for many tokens verified at the same time", () =>
    Effect.gen(function* () {
      const [one] = yield* Effect.promise(() => keys)
      const { verifier, fetches } = yield* setup(() => [one!])
      const token = yield* Effect.promise(() => sign(one!, accessClaims()))
      yield* Effect.all(Array.from({ length: 50 }, () => verifier.verify(token)), { concurrency: "unbounded" })
      yield* verifier.verify(token)
      assert.strictEqual(yield* fetches, 1)
    }))

  it.scoped("fetches the key set again for an unknown kid (rotation), at most once per cooldown", () =>
    Effect.gen(function* () {
      const [one, two] = yield* Effect.promise(() => keys)
      let published: ReadonlyArray<Key> = [one!]
      const { verifier, fetches } = yield* setup(() => published, { refetchCooldown: "10 seconds" })
      yield* verifier.verify(yield* Effect.promise(() => sign(one!, accessClaims())))
      assert.strictEqual(yield* fetches, 1)

      // The pool rotates: a token under the new key fetches the set again and verifies.
      yield* TestClock.adjust("11 seconds")
      published = [one!, two!]
      const rotated = yield* Effect.promise(() => sign(two!, accessClaims()))
      assert.strictEqual((yield* verifier.verify(rotated)).kid, "key-two")
      assert.strictEqual(yield* fetches, 2)

      // Made-up kids within the cooldown are refused without a request; after it, one request.
      const madeUp = yield* Effect.promise(() => sign(one!, accessClaims(), "key-made-up"))
      assert.strictEqual((yield* refusal(verifier.verify(madeUp)))._tag, "TokenKeyNotFoundError")
      assert.strictEqual((yield* refusal(verifier.verify(madeUp)))._tag, "TokenKeyNotFoundError")
      assert.strictEqual(yield* fetches, 2)
      yield* TestClock.adjust("10 seconds")
      assert.strictEqual((yield* refusal(verifier.verify(madeUp)))._tag, "TokenKeyNotFoundError")
      assert.strictEqual(yield* fetches, 3)
      // Known keys never wait for the cooldown.
      yield* verifier.verify(rotated)
    }))

  it.scoped("reports an unusable JWKS endpoint as JwksError, and asks again only after the cooldown", () =>
    Effect.gen(function* () {
      yield* TestClock.setTime(now * 1000)
      const [one] = yield* Effect.promise(() => keys)
      let healthy = false
      const server = yield* WireServer.make(() =>
        healthy
          ? { status: 200, headers: { "content-type": "application/json" }, body: JSON.stringify({ keys: [one!.jwk] }) }
          : { status: 503, body: "<html>Service Unavailable</html>" }
      )
      const verifier = yield* JwtVerifier.make({
        userPoolId: poolId,
        clientId,
        tokenUse: "access",
        jwksUri: `${server.url}/jwks.json`,
        refetchCooldown: "5 seconds"
      })
      const token = yield* Effect.promise(() => sign(one!, accessClaims()))
      const error = yield* refusal(verifier.verify(token))
      assert.strictEqual(error._tag, "JwksError")
      assert.strictEqual((error as TokenVerification.JwksError).reason, "InvalidResponse")
      healthy = true
      assert.strictEqual((yield* refusal(verifier.verify(token)))._tag, "JwksError")
      assert.strictEqual((yield* server.requests).length, 1)
      yield* TestClock.adjust("5 seconds")
      yield* verifier.verify(token)
      assert.strictEqual((yield* server.requests).length, 2)
    }))

  it("derives the emulator's issuer from an overridden endpoint", () => {
    const options = JwtVerifier.optionsFor(
      {
        userPoolId: poolId,
        userPoolClientId: clientId,
        region: "us-east-1",
        poolName: "Xk3Lp9QzT",
        endpoint: "http://127.0.0.1:9229",
        endpointOverridden: true,
        signUpVerificationMethod: "code"
      },
      "id"
    )
    assert.deepStrictEqual(options, { userPoolId: poolId, clientId, tokenUse: "id", issuer: `http://127.0.0.1:9229/${poolId}` })
  })
})
