import { assert, describe, it } from "@effect/vitest"
import * as Redacted from "effect/Redacted"
import * as AssociateSoftwareToken from "@cognito-effect/domain/wire/AssociateSoftwareToken"
import { assertHidden, assertRefused, assertSecret, assertTarget, decodeJson, wireJson } from "./wireTest.js"

describe("AssociateSoftwareToken", () => {
  it("targets AWSCognitoIdentityProviderService.AssociateSoftwareToken", () => {
    assertTarget(AssociateSoftwareToken.operation, "AWSCognitoIdentityProviderService.AssociateSoftwareToken")
  })

  it("encodes either the access token (setUpTOTP) or the sign-in session (MFA_SETUP)", () => {
    assert.deepStrictEqual(wireJson(AssociateSoftwareToken.Request, { AccessToken: Redacted.make("eyJ.a.b") }), { AccessToken: "eyJ.a.b" })
    assert.deepStrictEqual(wireJson(AssociateSoftwareToken.Request, { Session: Redacted.make("AYABeMfaSetup00000000001") }), {
      Session: "AYABeMfaSetup00000000001"
    })
    assertRefused(AssociateSoftwareToken.Request, { AccessToken: 1 })
  })

  it("decodes the secret code and the new session as secrets", () => {
    const response = decodeJson(
      AssociateSoftwareToken.Response,
      `{"SecretCode":"JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP","Session":"AYABeTotpSetupSession001"}`
    )
    assertSecret(response.SecretCode, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    assertSecret(response.Session, "AYABeTotpSetupSession001")
    assertHidden(response, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
  })
})
