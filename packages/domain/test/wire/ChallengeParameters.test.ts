import { assert, describe, it } from "@effect/vitest"
import * as Schema from "effect/Schema"
import * as ChallengeParameters from "@cognito-effect/domain/wire/ChallengeParameters"
import * as InitiateAuth from "@cognito-effect/domain/wire/InitiateAuth"
import { assertRefused, decodeJson } from "./wireTest.js"

const decode = <A, I>(schema: Schema.Schema<A, I>, parameters: unknown): A => Schema.decodeUnknownSync(schema)(parameters)

describe("ChallengeParameters", () => {
  it("decodes PASSWORD_VERIFIER parameters from a recorded InitiateAuth answer", () => {
    const response = decodeJson(
      InitiateAuth.Response,
      JSON.stringify({
        ChallengeName: "PASSWORD_VERIFIER",
        ChallengeParameters: {
          SALT: "f0c5a8d1e2b3c4d5a6b7c8d9e0f1a2b3",
          SECRET_BLOCK: "AgV4secretblock==",
          SRP_B: "ab".repeat(384),
          USERNAME: "5f1b6a8e-0000-4000-8000-00000000abcd",
          USER_ID_FOR_SRP: "5f1b6a8e-0000-4000-8000-00000000abcd"
        }
      })
    )
    const parameters = decode(ChallengeParameters.PasswordVerifier, response.ChallengeParameters)
    assert.strictEqual(parameters.USER_ID_FOR_SRP, "5f1b6a8e-0000-4000-8000-00000000abcd")
    assert.strictEqual(parameters.SRP_B.length, 768)
  })

  it("tolerates a PASSWORD_VERIFIER without USER_ID_FOR_SRP but not without SRP_B", () => {
    const parameters = decode(ChallengeParameters.PasswordVerifier, { SALT: "s", SRP_B: "b", SECRET_BLOCK: "x" })
    assert.isUndefined(parameters.USER_ID_FOR_SRP)
    assertRefused(ChallengeParameters.PasswordVerifier, { SALT: "s", SECRET_BLOCK: "x" })
  })

  it("decodes DEVICE_PASSWORD_VERIFIER parameters", () => {
    const parameters = decode(ChallengeParameters.DevicePasswordVerifier, {
      SALT: "0a1b",
      SRP_B: "cd",
      SECRET_BLOCK: "blk",
      DEVICE_KEY: "us-east-1_0a1b2c3d-0000-4000-8000-000000000001",
      USERNAME: "alice"
    })
    assert.strictEqual(parameters.DEVICE_KEY, "us-east-1_0a1b2c3d-0000-4000-8000-000000000001")
  })

  it("decodes code delivery for SMS_MFA / EMAIL_OTP", () => {
    assert.deepStrictEqual(
      decode(ChallengeParameters.CodeDelivery, { CODE_DELIVERY_DELIVERY_MEDIUM: "EMAIL", CODE_DELIVERY_DESTINATION: "a***@e***" }),
      { CODE_DELIVERY_DELIVERY_MEDIUM: "EMAIL", CODE_DELIVERY_DESTINATION: "a***@e***" }
    )
    assertRefused(ChallengeParameters.CodeDelivery, { CODE_DELIVERY_DELIVERY_MEDIUM: "VOICE" })
  })

  it("decodes MFAS_CAN_CHOOSE and MFAS_CAN_SETUP from JSON strings, defaulting to []", () => {
    assert.deepStrictEqual(decode(ChallengeParameters.SelectMfaType, { MFAS_CAN_CHOOSE: '["SMS_MFA","SOFTWARE_TOKEN_MFA","EMAIL_OTP"]' }), {
      MFAS_CAN_CHOOSE: ["SMS_MFA", "SOFTWARE_TOKEN_MFA", "EMAIL_OTP"]
    })
    assert.deepStrictEqual(decode(ChallengeParameters.MfaSetup, { MFAS_CAN_SETUP: '["SOFTWARE_TOKEN_MFA","EMAIL_OTP"]' }), {
      MFAS_CAN_SETUP: ["SOFTWARE_TOKEN_MFA", "EMAIL_OTP"]
    })
    assert.deepStrictEqual(decode(ChallengeParameters.MfaSetup, {}), { MFAS_CAN_SETUP: [] })
    assertRefused(ChallengeParameters.SelectMfaType, { MFAS_CAN_CHOOSE: "SMS_MFA" })
  })

  it("encodes MFAS_CAN_SETUP back to a JSON string (what an emulator sends)", () => {
    assert.deepStrictEqual(Schema.encodeSync(ChallengeParameters.MfaSetup)({ MFAS_CAN_SETUP: ["SOFTWARE_TOKEN_MFA"] }), {
      MFAS_CAN_SETUP: '["SOFTWARE_TOKEN_MFA"]'
    })
  })

  it("decodes NEW_PASSWORD_REQUIRED requiredAttributes and userAttributes", () => {
    const parameters = decode(ChallengeParameters.NewPasswordRequired, {
      USER_ID_FOR_SRP: "alice",
      requiredAttributes: '["userAttributes.email","userAttributes.name"]',
      userAttributes: '{"email_verified":"true","phone_number_verified":"false","email":"alice@example.com"}'
    })
    assert.deepStrictEqual(parameters.requiredAttributes, ["userAttributes.email", "userAttributes.name"])
    assert.deepStrictEqual(parameters.userAttributes, {
      email_verified: "true",
      phone_number_verified: "false",
      email: "alice@example.com"
    })
    assert.deepStrictEqual(decode(ChallengeParameters.NewPasswordRequired, { requiredAttributes: "[]" }).requiredAttributes, [])
  })

  it("decodes WEB_AUTHN CREDENTIAL_REQUEST_OPTIONS into an object", () => {
    const options =
      '{"hints":[],"attestation":"none","attestationFormats":[],"challenge":"9DAxgg4vPiaxvAxc-JbMuw","timeout":180000,"rpId":"localhost","allowCredentials":[{"id":"1oG8PrTycHFuWdHAjIelCnsVx7XsrGIL44Whwr_8F8k","type":"public-key"}],"userVerification":"required"}'
    const parameters = decode(ChallengeParameters.WebAuthn, { CREDENTIAL_REQUEST_OPTIONS: options })
    const request = parameters.CREDENTIAL_REQUEST_OPTIONS
    assert.strictEqual(request.challenge, "9DAxgg4vPiaxvAxc-JbMuw")
    assert.strictEqual(request.rpId, "localhost")
    assert.strictEqual(request.timeout, 180000)
    assert.strictEqual(request.allowCredentials?.[0]?.id, "1oG8PrTycHFuWdHAjIelCnsVx7XsrGIL44Whwr_8F8k")
    assertRefused(ChallengeParameters.WebAuthn, { CREDENTIAL_REQUEST_OPTIONS: '{"rpId":"localhost"}' })
    assertRefused(ChallengeParameters.WebAuthn, { CREDENTIAL_REQUEST_OPTIONS: { challenge: "x" } })
  })

  it("keeps CUSTOM_CHALLENGE parameters verbatim", () => {
    assert.deepStrictEqual(decode(ChallengeParameters.CustomChallenge, { question: "2+2?", hint: "four" }), {
      question: "2+2?",
      hint: "four"
    })
  })
})
