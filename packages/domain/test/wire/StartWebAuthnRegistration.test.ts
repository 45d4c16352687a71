import { assert, describe, it } from "@effect/vitest"
import * as Redacted from "effect/Redacted"
import * as StartWebAuthnRegistration from "@cognito-effect/domain/wire/StartWebAuthnRegistration"
import { assertRefused, assertTarget, decodeJson, wireJson } from "./wireTest.js"

describe("StartWebAuthnRegistration", () => {
  it("targets AWSCognitoIdentityProviderService.StartWebAuthnRegistration", () => {
    assertTarget(StartWebAuthnRegistration.operation, "AWSCognitoIdentityProviderService.StartWebAuthnRegistration")
  })

  it("sends the access token", () => {
    assert.deepStrictEqual(wireJson(StartWebAuthnRegistration.Request, { AccessToken: Redacted.make("eyJ.a.b") }), {
      AccessToken: "eyJ.a.b"
    })
  })

  it("decodes CredentialCreationOptions as a JSON object, not a string", () => {
    const response = decodeJson(
      StartWebAuthnRegistration.Response,
      `{"CredentialCreationOptions":{"authenticatorSelection":{"requireResidentKey":true,"residentKey":"required","userVerification":"required"},"challenge":"zsBch6DlNLUb6SgRdzHysw","excludeCredentials":[],"pubKeyCredParams":[{"alg":-7,"type":"public-key"},{"alg":-257,"type":"public-key"}],"rp":{"id":"localhost","name":"localhost"},"timeout":60000,"user":{"displayName":"","id":"M2M0NjMyMGI","name":"james"}}}`
    )
    assert.strictEqual(response.CredentialCreationOptions.challenge, "zsBch6DlNLUb6SgRdzHysw")
    assert.deepStrictEqual(response.CredentialCreationOptions.rp, { id: "localhost", name: "localhost" })
    assertRefused(StartWebAuthnRegistration.Response, { CredentialCreationOptions: "{\"challenge\":\"x\"}" })
    assertRefused(StartWebAuthnRegistration.Response, {})
  })
})
