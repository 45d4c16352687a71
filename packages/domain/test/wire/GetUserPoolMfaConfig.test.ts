import { assert, describe, it } from "@effect/vitest"
import * as GetUserPoolMfaConfig from "@cognito-effect/domain/wire/GetUserPoolMfaConfig"
import { assertRefused, assertTarget, decodeJson, wireJson } from "./wireTest.js"

describe("GetUserPoolMfaConfig", () => {
  it("targets AWSCognitoIdentityProviderService.GetUserPoolMfaConfig", () => {
    assertTarget(GetUserPoolMfaConfig.operation, "AWSCognitoIdentityProviderService.GetUserPoolMfaConfig")
  })

  it("sends the pool id", () => {
    assert.deepStrictEqual(wireJson(GetUserPoolMfaConfig.Request, { UserPoolId: "us-east-1_EXAMPLE" }), { UserPoolId: "us-east-1_EXAMPLE" })
    assertRefused(GetUserPoolMfaConfig.Request, {})
  })

  it("decodes the configuration", () => {
    const response = decodeJson(
      GetUserPoolMfaConfig.Response,
      `{"EmailMfaConfiguration":{"Message":"{####}","Subject":"Sign-in code"},"MfaConfiguration":"OPTIONAL","SoftwareTokenMfaConfiguration":{"Enabled":true},"WebAuthnConfiguration":{"RelyingPartyId":"example.com","UserVerification":"required","FactorConfiguration":"SINGLE_FACTOR_ONLY"}}`
    )
    assert.strictEqual(response.WebAuthnConfiguration?.UserVerification, "required")
    assert.strictEqual(response.EmailMfaConfiguration?.Subject, "Sign-in code")
    assertRefused(GetUserPoolMfaConfig.Response, { WebAuthnConfiguration: { UserVerification: "maybe" } })
  })
})
