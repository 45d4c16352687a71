import { assert, describe, it } from "@effect/vitest"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import * as VerifySoftwareToken from "@cognito-effect/domain/wire/VerifySoftwareToken"
import { assertRefused, assertSecret, assertTarget, decodeJson, wireJson } from "./wireTest.js"

describe("VerifySoftwareToken", () => {
  it("targets AWSCognitoIdentityProviderService.VerifySoftwareToken", () => {
    assertTarget(VerifySoftwareToken.operation, "AWSCognitoIdentityProviderService.VerifySoftwareToken")
  })

  it("encodes the MFA_SETUP request with a friendly device name", () => {
    const request: VerifySoftwareToken.Request = {
      UserCode: Redacted.make("123456"),
      Session: Redacted.make("AYABeTotpSetupSession001"),
      FriendlyDeviceName: "My phone"
    }
    assert.deepStrictEqual(wireJson(VerifySoftwareToken.Request, request), {
      UserCode: "123456",
      Session: "AYABeTotpSetupSession001",
      FriendlyDeviceName: "My phone"
    })
  })

  it("decodes the user code as a secret and requires it", () => {
    const decoded = Schema.decodeUnknownSync(VerifySoftwareToken.Request)({ AccessToken: "eyJ.a.b", UserCode: "654321" })
    assertSecret(decoded.UserCode, "654321")
    assertSecret(decoded.AccessToken, "eyJ.a.b")
    assertRefused(VerifySoftwareToken.Request, { AccessToken: "eyJ.a.b" })
  })

  it("decodes Status and Session", () => {
    const response = decodeJson(VerifySoftwareToken.Response, `{"Session":"AYABeAfterVerify00000001","Status":"SUCCESS"}`)
    assert.strictEqual(response.Status, "SUCCESS")
    assertSecret(response.Session, "AYABeAfterVerify00000001")
    assertRefused(VerifySoftwareToken.Response, { Status: "MAYBE" })
  })
})
