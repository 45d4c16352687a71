import { assert, describe, it } from "@effect/vitest"
import * as SetUserPoolMfaConfig from "@cognito-effect/domain/wire/SetUserPoolMfaConfig"
import { assertRefused, assertTarget, decodeJson, wireJson } from "./wireTest.js"

describe("SetUserPoolMfaConfig", () => {
  it("targets AWSCognitoIdentityProviderService.SetUserPoolMfaConfig", () => {
    assertTarget(SetUserPoolMfaConfig.operation, "AWSCognitoIdentityProviderService.SetUserPoolMfaConfig")
  })

  it("encodes an optional TOTP + email configuration with passkeys", () => {
    const request: SetUserPoolMfaConfig.Request = {
      UserPoolId: "us-east-1_EXAMPLE",
      MfaConfiguration: "OPTIONAL",
      SoftwareTokenMfaConfiguration: { Enabled: true },
      EmailMfaConfiguration: { Message: "Your code is {####}", Subject: "Code" },
      WebAuthnConfiguration: { RelyingPartyId: "localhost", UserVerification: "preferred" }
    }
    assert.deepStrictEqual(wireJson(SetUserPoolMfaConfig.Request, request), {
      UserPoolId: "us-east-1_EXAMPLE",
      MfaConfiguration: "OPTIONAL",
      SoftwareTokenMfaConfiguration: { Enabled: true },
      EmailMfaConfiguration: { Message: "Your code is {####}", Subject: "Code" },
      WebAuthnConfiguration: { RelyingPartyId: "localhost", UserVerification: "preferred" }
    })
  })

  it("refuses a missing pool id or an unknown mode", () => {
    assertRefused(SetUserPoolMfaConfig.Request, { MfaConfiguration: "ON" })
    assertRefused(SetUserPoolMfaConfig.Request, { UserPoolId: "p", MfaConfiguration: "ALWAYS" })
  })

  it("decodes the resulting configuration", () => {
    const response = decodeJson(
      SetUserPoolMfaConfig.Response,
      `{"MfaConfiguration":"ON","SmsMfaConfiguration":{"SmsAuthenticationMessage":"{####}","SmsConfiguration":{"ExternalId":"x","SnsCallerArn":"arn:aws:iam::123456789012:role/sns"}},"SoftwareTokenMfaConfiguration":{"Enabled":true}}`
    )
    assert.strictEqual(response.MfaConfiguration, "ON")
    assert.strictEqual(response.SmsMfaConfiguration?.SmsConfiguration?.ExternalId, "x")
  })
})
