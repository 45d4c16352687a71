import { assert, describe, it } from "@effect/vitest"
import * as Redacted from "effect/Redacted"
import * as DeleteWebAuthnCredential from "@cognito-effect/domain/wire/DeleteWebAuthnCredential"
import { assertRefused, assertTarget, decodeJson, wireJson } from "./wireTest.js"

describe("DeleteWebAuthnCredential", () => {
  it("targets AWSCognitoIdentityProviderService.DeleteWebAuthnCredential", () => {
    assertTarget(DeleteWebAuthnCredential.operation, "AWSCognitoIdentityProviderService.DeleteWebAuthnCredential")
  })

  it("encodes access token and credential id, both required", () => {
    assert.deepStrictEqual(wireJson(DeleteWebAuthnCredential.Request, { AccessToken: Redacted.make("eyJ.a.b"), CredentialId: "cred-1" }), {
      AccessToken: "eyJ.a.b",
      CredentialId: "cred-1"
    })
    assertRefused(DeleteWebAuthnCredential.Request, { AccessToken: "eyJ.a.b" })
    assert.deepStrictEqual(decodeJson(DeleteWebAuthnCredential.Response, "{}"), {})
  })
})
