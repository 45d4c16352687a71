import { assert, describe, it } from "@effect/vitest"
import * as Redacted from "effect/Redacted"
import * as ListWebAuthnCredentials from "@cognito-effect/domain/wire/ListWebAuthnCredentials"
import { assertRefused, assertTarget, decodeJson, wireJson } from "./wireTest.js"

describe("ListWebAuthnCredentials", () => {
  it("targets AWSCognitoIdentityProviderService.ListWebAuthnCredentials", () => {
    assertTarget(ListWebAuthnCredentials.operation, "AWSCognitoIdentityProviderService.ListWebAuthnCredentials")
  })

  it("encodes paging members only when given", () => {
    assert.deepStrictEqual(
      wireJson(ListWebAuthnCredentials.Request, { AccessToken: Redacted.make("eyJ.a.b"), MaxResults: 20, NextToken: undefined }),
      { AccessToken: "eyJ.a.b", MaxResults: 20 }
    )
  })

  it("decodes credentials with CreatedAt as a Date", () => {
    const response = decodeJson(
      ListWebAuthnCredentials.Response,
      `{"Credentials":[{"AuthenticatorAttachment":"platform","AuthenticatorTransports":["internal","hybrid"],"CreatedAt":1731453476.54,"CredentialId":"1oG8PrTycHFuWdHAjIelCnsVx7XsrGIL44Whwr_8F8k","FriendlyCredentialName":"MacBook","RelyingPartyId":"localhost"}],"NextToken":"n1"}`
    )
    const credential = response.Credentials[0]!
    assert.strictEqual(credential.CreatedAt.getTime(), 1731453476540)
    assert.deepStrictEqual(credential.AuthenticatorTransports, ["internal", "hybrid"])
    assert.strictEqual(response.NextToken, "n1")
    assertRefused(ListWebAuthnCredentials.Response, {})
    assertRefused(ListWebAuthnCredentials.Response, { Credentials: [{ CredentialId: "x" }] })
  })
})
