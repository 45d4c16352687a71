import { assert, describe, it } from "@effect/vitest"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import * as InitiateAuth from "@cognito-effect/domain/wire/InitiateAuth"
import { assertHidden, assertRefused, assertSecret, assertTarget, decodeJson, jwt, wireJson } from "./wireTest.js"

const SRP_A = "a".repeat(768)

describe("InitiateAuth", () => {
  it("targets AWSCognitoIdentityProviderService.InitiateAuth", () => {
    assertTarget(InitiateAuth.operation, "AWSCognitoIdentityProviderService.InitiateAuth")
    assert.strictEqual(InitiateAuth.operation.service, "CognitoIdentityProvider")
  })

  it("encodes a USER_SRP_AUTH request exactly as Amplify sends it", () => {
    const request: InitiateAuth.Request = {
      AuthFlow: "USER_SRP_AUTH",
      AuthParameters: { USERNAME: Redacted.make("alice"), SRP_A: Redacted.make(SRP_A) },
      ClientMetadata: undefined,
      ClientId: "4tq7ab1gnf0sbnm3vdtj2sqg6q",
      UserContextData: undefined
    }
    assert.deepStrictEqual(wireJson(InitiateAuth.Request, request), {
      AuthFlow: "USER_SRP_AUTH",
      AuthParameters: { USERNAME: "alice", SRP_A },
      ClientId: "4tq7ab1gnf0sbnm3vdtj2sqg6q"
    })
  })

  it("encodes a USER_AUTH request with the sign-up session and ClientMetadata", () => {
    const request: InitiateAuth.Request = {
      AuthFlow: "USER_AUTH",
      AuthParameters: { USERNAME: Redacted.make("alice"), PREFERRED_CHALLENGE: Redacted.make("EMAIL_OTP") },
      ClientMetadata: { source: "web" },
      ClientId: "client",
      Session: Redacted.make("AYABeD-session-from-sign-up")
    }
    assert.deepStrictEqual(wireJson(InitiateAuth.Request, request), {
      AuthFlow: "USER_AUTH",
      AuthParameters: { USERNAME: "alice", PREFERRED_CHALLENGE: "EMAIL_OTP" },
      ClientMetadata: { source: "web" },
      ClientId: "client",
      Session: "AYABeD-session-from-sign-up"
    })
  })

  it("decodes incoming requests with AuthParameters values redacted", () => {
    const decoded = Schema.decodeUnknownSync(InitiateAuth.Request)({
      AuthFlow: "USER_PASSWORD_AUTH",
      AuthParameters: { USERNAME: "alice", PASSWORD: "Hunter2!Hunter2!" },
      ClientId: "client"
    })
    assertSecret(decoded.AuthParameters?.PASSWORD, "Hunter2!Hunter2!")
    assertHidden(decoded, "Hunter2!Hunter2!")
  })

  it("refuses requests without AuthFlow or ClientId, or with an unknown flow", () => {
    assertRefused(InitiateAuth.Request, { AuthParameters: {}, ClientId: "c" })
    assertRefused(InitiateAuth.Request, { AuthFlow: "USER_SRP_AUTH" })
    assertRefused(InitiateAuth.Request, { AuthFlow: "MAGIC", ClientId: "c" })
    assertRefused(InitiateAuth.Request, { AuthFlow: "USER_SRP_AUTH", ClientId: 7 })
    assertRefused(InitiateAuth.Request, { AuthFlow: "USER_SRP_AUTH", ClientId: "c", AuthParameters: { USERNAME: 1 } })
  })

  it("decodes a PASSWORD_VERIFIER challenge, keeping ChallengeParameters plain", () => {
    const response = decodeJson(
      InitiateAuth.Response,
      JSON.stringify({
        ChallengeName: "PASSWORD_VERIFIER",
        ChallengeParameters: {
          SALT: "f0c5a8d1e2b3c4d5a6b7c8d9e0f1a2b3",
          SRP_B: "b".repeat(768),
          SECRET_BLOCK: "AgV4secretblockbase64==",
          USERNAME: "7d4f1a2e-0000-4000-8000-000000000001",
          USER_ID_FOR_SRP: "7d4f1a2e-0000-4000-8000-000000000001"
        },
        SomethingNew: { x: 1 }
      })
    )
    assert.strictEqual(response.ChallengeName, "PASSWORD_VERIFIER")
    assert.strictEqual(response.ChallengeParameters?.SALT, "f0c5a8d1e2b3c4d5a6b7c8d9e0f1a2b3")
    assert.isUndefined(response.Session)
    assert.isFalse("SomethingNew" in response)
  })

  it("decodes SELECT_CHALLENGE with AvailableChallenges and a redacted Session", () => {
    const response = decodeJson(
      InitiateAuth.Response,
      `{"AvailableChallenges":["PASSWORD","PASSWORD_SRP","WEB_AUTHN","EMAIL_OTP","SMS_OTP"],"ChallengeName":"SELECT_CHALLENGE","ChallengeParameters":{},"Session":"AYABeKQsession0123456789"}`
    )
    assert.deepStrictEqual(response.AvailableChallenges, ["PASSWORD", "PASSWORD_SRP", "WEB_AUTHN", "EMAIL_OTP", "SMS_OTP"])
    assertSecret(response.Session, "AYABeKQsession0123456789")
  })

  it("decodes an AuthenticationResult with tokens redacted and device metadata", () => {
    const access = jwt({ sub: "u1", token_use: "access", iat: 1700000000, exp: 1700003600, origin_jti: "o1" })
    const id = jwt({ sub: "u1", token_use: "id", "cognito:username": "alice" })
    const response = decodeJson(
      InitiateAuth.Response,
      JSON.stringify({
        AuthenticationResult: {
          AccessToken: access,
          ExpiresIn: 3600,
          IdToken: id,
          NewDeviceMetadata: {
            DeviceGroupKey: "-Zx9ViWJb",
            DeviceKey: "us-east-1_2d3c4b5a-0000-4000-8000-000000000001"
          },
          RefreshToken: "eyJjdHkiOiJKV1QiLCJlbmMiOiJBMjU2R0NNIn0.refresh",
          TokenType: "Bearer"
        },
        ChallengeParameters: {}
      })
    )
    const result = response.AuthenticationResult!
    assertSecret(result.AccessToken, access)
    assertSecret(result.IdToken, id)
    assertSecret(result.RefreshToken, "eyJjdHkiOiJKV1QiLCJlbmMiOiJBMjU2R0NNIn0.refresh")
    assert.strictEqual(result.ExpiresIn, 3600)
    assert.strictEqual(result.NewDeviceMetadata?.DeviceKey, "us-east-1_2d3c4b5a-0000-4000-8000-000000000001")
    assertHidden(response, access, id)
  })

  it("rejects a response whose challenge name is not a string", () => {
    assertRefused(InitiateAuth.Response, { ChallengeName: 3 })
    assertRefused(InitiateAuth.Response, { AuthenticationResult: { AccessToken: 1 } })
  })

  it.prop("request encode → JSON → decode round-trips", [InitiateAuth.Request], ([request]) => {
    const json = wireJson(InitiateAuth.Request, request)
    const decoded = Schema.decodeUnknownSync(InitiateAuth.Request)(json)
    assert.deepStrictEqual(wireJson(InitiateAuth.Request, decoded), json)
  })
})
