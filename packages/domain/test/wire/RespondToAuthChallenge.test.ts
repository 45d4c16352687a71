import { assert, describe, it } from "@effect/vitest"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import * as RespondToAuthChallenge from "@cognito-effect/domain/wire/RespondToAuthChallenge"
import { assertHidden, assertRefused, assertSecret, assertTarget, decodeJson, jwt, wireJson } from "./wireTest.js"

const secretResponses = (record: Record<string, string>) =>
  Object.fromEntries(Object.entries(record).map(([k, v]) => [k, Redacted.make(v)]))

describe("RespondToAuthChallenge", () => {
  it("targets AWSCognitoIdentityProviderService.RespondToAuthChallenge", () => {
    assertTarget(RespondToAuthChallenge.operation, "AWSCognitoIdentityProviderService.RespondToAuthChallenge")
  })

  it("encodes the PASSWORD_VERIFIER answer exactly as Amplify sends it", () => {
    const responses = {
      USERNAME: "7d4f1a2e-0000-4000-8000-000000000001",
      PASSWORD_CLAIM_SECRET_BLOCK: "AgV4secretblockbase64==",
      TIMESTAMP: "Tue Mar 5 07:05:09 UTC 2024",
      PASSWORD_CLAIM_SIGNATURE: "n1Pq3bWv0Qv9m8l1bC1rW0c2u0eG2Q6m9pR3o5E4w6s="
    }
    const request: RespondToAuthChallenge.Request = {
      ChallengeName: "PASSWORD_VERIFIER",
      ChallengeResponses: secretResponses(responses),
      ClientMetadata: undefined,
      Session: undefined,
      ClientId: "client",
      UserContextData: undefined
    }
    assert.deepStrictEqual(wireJson(RespondToAuthChallenge.Request, request), {
      ChallengeName: "PASSWORD_VERIFIER",
      ChallengeResponses: responses,
      ClientId: "client"
    })
  })

  it("encodes a NEW_PASSWORD_REQUIRED answer with attributes and the session", () => {
    const request: RespondToAuthChallenge.Request = {
      ChallengeName: "NEW_PASSWORD_REQUIRED",
      ChallengeResponses: secretResponses({ NEW_PASSWORD: "N3w-Passw0rd!", USERNAME: "alice", "userAttributes.name": "Alice" }),
      Session: Redacted.make("AYABeNewPasswordSession01"),
      ClientId: "client"
    }
    assert.deepStrictEqual(wireJson(RespondToAuthChallenge.Request, request), {
      ChallengeName: "NEW_PASSWORD_REQUIRED",
      ChallengeResponses: { NEW_PASSWORD: "N3w-Passw0rd!", USERNAME: "alice", "userAttributes.name": "Alice" },
      Session: "AYABeNewPasswordSession01",
      ClientId: "client"
    })
  })

  it("decodes incoming ChallengeResponses as secrets", () => {
    const decoded = Schema.decodeUnknownSync(RespondToAuthChallenge.Request)({
      ClientId: "client",
      ChallengeName: "SOFTWARE_TOKEN_MFA",
      ChallengeResponses: { USERNAME: "alice", SOFTWARE_TOKEN_MFA_CODE: "492039" },
      Session: "AYABeMfaSession0000000001"
    })
    assertSecret(decoded.ChallengeResponses?.SOFTWARE_TOKEN_MFA_CODE, "492039")
    assertSecret(decoded.Session, "AYABeMfaSession0000000001")
    assertHidden(decoded, "492039", "AYABeMfaSession0000000001")
  })

  it("refuses requests without ChallengeName or ClientId, or with an unknown challenge", () => {
    assertRefused(RespondToAuthChallenge.Request, { ClientId: "c", ChallengeResponses: {} })
    assertRefused(RespondToAuthChallenge.Request, { ChallengeName: "SMS_MFA" })
    assertRefused(RespondToAuthChallenge.Request, { ClientId: "c", ChallengeName: "NOPE" })
    assertRefused(RespondToAuthChallenge.Request, { ClientId: "c", ChallengeName: "SMS_MFA", ChallengeResponses: [] })
  })

  it("decodes an SMS_MFA challenge", () => {
    const response = decodeJson(
      RespondToAuthChallenge.Response,
      `{"ChallengeName":"SMS_MFA","ChallengeParameters":{"CODE_DELIVERY_DELIVERY_MEDIUM":"SMS","CODE_DELIVERY_DESTINATION":"+*******1234"},"Session":"AYABeSmsMfaSession000001"}`
    )
    assert.strictEqual(response.ChallengeName, "SMS_MFA")
    assert.deepStrictEqual(response.ChallengeParameters, {
      CODE_DELIVERY_DELIVERY_MEDIUM: "SMS",
      CODE_DELIVERY_DESTINATION: "+*******1234"
    })
    assertSecret(response.Session, "AYABeSmsMfaSession000001")
  })

  it("decodes the final AuthenticationResult", () => {
    const access = jwt({ sub: "u1", iat: 1, exp: 2 })
    const response = decodeJson(
      RespondToAuthChallenge.Response,
      JSON.stringify({ AuthenticationResult: { AccessToken: access, ExpiresIn: 3600, TokenType: "Bearer" }, ChallengeParameters: {} })
    )
    assertSecret(response.AuthenticationResult?.AccessToken, access)
    assert.isUndefined(response.AuthenticationResult?.IdToken)
  })

  it.prop("request encode → JSON → decode round-trips", [RespondToAuthChallenge.Request], ([request]) => {
    const json = wireJson(RespondToAuthChallenge.Request, request)
    const decoded = Schema.decodeUnknownSync(RespondToAuthChallenge.Request)(json)
    assert.deepStrictEqual(wireJson(RespondToAuthChallenge.Request, decoded), json)
  })
})
