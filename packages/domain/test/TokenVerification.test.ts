import { assert, describe, it } from "@effect/vitest"
import * as Either from "effect/Either"
import * as TokenVerification from "@cognito-effect/domain/TokenVerification"

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url")
const token = (header: unknown, payload: unknown, signature = "c2lnbmF0dXJl") => `${b64url(header)}.${b64url(payload)}.${signature}`

const poolId = "us-east-1_Xk3Lp9QzT"
const clientId = "3n4b5urk1ft4fl3mg5e62d9ado"
const issuer = `https://cognito-idp.us-east-1.amazonaws.com/${poolId}`
const now = 1_700_000_100_000

const access = {
  sub: "94f8e4b8-5031-70b3-2b0e-6f1c8d7a4e21",
  iss: issuer,
  client_id: clientId,
  origin_jti: "5b1e0c2a-8f4d-4c8e-9a51-0d7e3f2b6c11",
  event_id: "c7a2e9f0-41d3-4b6e-a1d8-2f5c7b9e0a34",
  token_use: "access",
  scope: "aws.cognito.signin.user.admin",
  auth_time: 1_700_000_000,
  exp: 1_700_003_600,
  iat: 1_700_000_000,
  jti: "1d2c3b4a-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
  username: "alice"
}
const id = { ...access, client_id: undefined, scope: undefined, aud: clientId, token_use: "id", "cognito:username": "alice" }

const expectations: TokenVerification.Expectations = { issuer, tokenUse: "access", clientIds: [clientId], toleranceSeconds: 5 }

const failure = <E>(result: Either.Either<unknown, E>): E => {
  if (Either.isRight(result)) throw new Error("expected a failure")
  return result.left
}

describe("TokenVerification", () => {
  describe("parse", () => {
    it("takes an RS256 token apart", () => {
      const parsed = Either.getOrThrow(TokenVerification.parse(token({ kid: "k1", alg: "RS256" }, access)))
      assert.deepStrictEqual(parsed.header, { alg: "RS256", kid: "k1" })
      assert.strictEqual(parsed.payload.sub, access.sub)
      assert.deepStrictEqual(Array.from(parsed.signature), Array.from(Buffer.from("signature")))
      const [h, p] = token({ kid: "k1", alg: "RS256" }, access).split(".")
      assert.strictEqual(new TextDecoder().decode(parsed.signingInput), `${h}.${p}`)
    })

    it("refuses alg none, HS256, a missing kid and broken parts", () => {
      const refused = [
        token({ kid: "k1", alg: "none" }, access),
        token({ kid: "k1", alg: "HS256" }, access),
        token({ alg: "RS256" }, access),
        token({ kid: "k1", alg: "RS256" }, access, ""),
        token({ kid: "k1", alg: "RS256" }, access, "not+base64url"),
        `${b64url({ kid: "k1", alg: "RS256" })}.${b64url([1, 2])}.c2ln`,
        `${b64url({ kid: "k1", alg: "RS256" })}.%%%.c2ln`,
        "a.b",
        "a.b.c.d"
      ]
      for (const text of refused) assert.strictEqual(failure(TokenVerification.parse(text))._tag, "TokenMalformedError", text)
    })
  })

  it("derives Cognito's issuer and JWKS address, and the emulator's from its endpoint", () => {
    assert.strictEqual(TokenVerification.issuerOf(poolId), issuer)
    assert.strictEqual(TokenVerification.issuerOf("cn-north-1_abc"), "https://cognito-idp.cn-north-1.amazonaws.com.cn/cn-north-1_abc")
    assert.strictEqual(TokenVerification.issuerOf(poolId, "http://127.0.0.1:9229/"), `http://127.0.0.1:9229/${poolId}`)
    assert.strictEqual(TokenVerification.jwksUriOf(issuer), `${issuer}/.well-known/jwks.json`)
  })

  describe("checkClaims", () => {
    it("accepts an access token and an ID token of the pool and client", () => {
      assert.isTrue(Either.isRight(TokenVerification.checkClaims(access, expectations, now)))
      assert.isTrue(Either.isRight(TokenVerification.checkClaims(id, { ...expectations, tokenUse: "id" }, now)))
    })

    it("refuses another pool's token", () => {
      const error = failure(TokenVerification.checkClaims({ ...access, iss: issuer.replace("Xk3Lp9QzT", "Other") }, expectations, now))
      assert.strictEqual(error._tag, "TokenIssuerError")
    })

    it("refuses an ID token where an access token is expected and the other way round", () => {
      const asAccess = failure(TokenVerification.checkClaims(id, expectations, now))
      assert.strictEqual(asAccess._tag, "TokenUseError")
      const asId = failure(TokenVerification.checkClaims(access, { ...expectations, tokenUse: "id" }, now))
      assert.strictEqual(asId._tag, "TokenUseError")
    })

    it("refuses another app client's token, read from client_id or aud", () => {
      assert.strictEqual(failure(TokenVerification.checkClaims({ ...access, client_id: "other" }, expectations, now))._tag, "TokenClientError")
      assert.strictEqual(
        failure(TokenVerification.checkClaims({ ...id, aud: "other" }, { ...expectations, tokenUse: "id" }, now))._tag,
        "TokenClientError"
      )
      // an access token's aud means nothing to Cognito: the client is in client_id
      assert.strictEqual(
        failure(TokenVerification.checkClaims({ ...access, client_id: undefined, aud: clientId }, expectations, now))._tag,
        "TokenClientError"
      )
    })

    it("allows the tolerance past exp and not a second more", () => {
      const exp = access.exp
      assert.isTrue(Either.isRight(TokenVerification.checkClaims(access, expectations, (exp + 5) * 1000)))
      const error = failure(TokenVerification.checkClaims(access, expectations, (exp + 5) * 1000 + 1))
      assert.strictEqual(error._tag, "TokenExpiredError")
      assert.strictEqual((error as TokenVerification.TokenExpiredError).expiredAt, exp)
      const { exp: _exp, ...forever } = access
      assert.strictEqual(failure(TokenVerification.checkClaims(forever, expectations, now))._tag, "TokenExpiredError")
    })

    it("refuses a token issued in the future beyond the tolerance", () => {
      const future = { ...access, iat: now / 1000 + 6 }
      assert.strictEqual(failure(TokenVerification.checkClaims(future, expectations, now))._tag, "TokenNotYetValidError")
      assert.isTrue(Either.isRight(TokenVerification.checkClaims({ ...access, iat: now / 1000 + 5 }, expectations, now)))
      assert.strictEqual(
        failure(TokenVerification.checkClaims({ ...access, nbf: now / 1000 + 60 }, expectations, now))._tag,
        "TokenNotYetValidError"
      )
    })
  })
})
