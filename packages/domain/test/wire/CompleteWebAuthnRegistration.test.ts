import { assert, describe, it } from "@effect/vitest"
import * as Redacted from "effect/Redacted"
import * as CompleteWebAuthnRegistration from "@cognito-effect/domain/wire/CompleteWebAuthnRegistration"
import { assertRefused, assertTarget, decodeJson, wireJson } from "./wireTest.js"

const credential = {
  id: "1oG8PrTycHFuWdHAjIelCnsVx7XsrGIL44Whwr_8F8k",
  rawId: "1oG8PrTycHFuWdHAjIelCnsVx7XsrGIL44Whwr_8F8k",
  type: "public-key",
  clientExtensionResults: {},
  authenticatorAttachment: "platform",
  response: {
    clientDataJSON: "eyJ0eXBlIjoid2ViYXV0aG4uY3JlYXRlIn0",
    attestationObject: "o2NmbXRkbm9uZQ",
    transports: ["internal"],
    publicKeyAlgorithm: -7,
    authenticatorData: "SZYN5YgOjGh0NBcPZHZgW4_krrmihjLHmVzzuoMdl2M"
  }
}

describe("CompleteWebAuthnRegistration", () => {
  it("targets AWSCognitoIdentityProviderService.CompleteWebAuthnRegistration", () => {
    assertTarget(CompleteWebAuthnRegistration.operation, "AWSCognitoIdentityProviderService.CompleteWebAuthnRegistration")
  })

  it("sends the credential as a JSON object", () => {
    assert.deepStrictEqual(wireJson(CompleteWebAuthnRegistration.Request, { AccessToken: Redacted.make("eyJ.a.b"), Credential: credential }), {
      AccessToken: "eyJ.a.b",
      Credential: credential
    })
  })

  it("refuses a credential sent as a string, or none", () => {
    assertRefused(CompleteWebAuthnRegistration.Request, { AccessToken: "t", Credential: JSON.stringify(credential) })
    assertRefused(CompleteWebAuthnRegistration.Request, { AccessToken: "t" })
    assert.deepStrictEqual(decodeJson(CompleteWebAuthnRegistration.Response, "{}"), {})
  })
})
