import { assert, describe, it } from "@effect/vitest"
import * as GetCredentialsForIdentity from "@cognito-effect/domain/wire/GetCredentialsForIdentity"
import { assertHidden, assertRefused, assertSecret, assertTarget, decodeJson, wireJson } from "./wireTest.js"

describe("GetCredentialsForIdentity", () => {
  it("targets AWSCognitoIdentityService.GetCredentialsForIdentity", () => {
    assertTarget(GetCredentialsForIdentity.operation, "AWSCognitoIdentityService.GetCredentialsForIdentity")
  })

  it("encodes a guest request without Logins", () => {
    assert.deepStrictEqual(
      wireJson(GetCredentialsForIdentity.Request, { IdentityId: "us-east-1:4a2e0b6a-0000-4000-8000-000000000001", Logins: undefined }),
      { IdentityId: "us-east-1:4a2e0b6a-0000-4000-8000-000000000001" }
    )
    assertRefused(GetCredentialsForIdentity.Request, {})
  })

  it("decodes credentials with secrets redacted and Expiration as a Date", () => {
    const response = decodeJson(
      GetCredentialsForIdentity.Response,
      `{"Credentials":{"AccessKeyId":"ASIAIOSFODNN7EXAMPLE","Expiration":1.700003600E9,"SecretKey":"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY","SessionToken":"IQoJb3JpZ2luX2VjEXAMPLE"},"IdentityId":"us-east-1:4a2e0b6a-0000-4000-8000-000000000001"}`
    )
    const credentials = response.Credentials!
    assert.strictEqual(credentials.AccessKeyId, "ASIAIOSFODNN7EXAMPLE")
    assertSecret(credentials.SecretKey, "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
    assertSecret(credentials.SessionToken, "IQoJb3JpZ2luX2VjEXAMPLE")
    assert.strictEqual(credentials.Expiration?.getTime(), 1700003600000)
    assertHidden(response, "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "IQoJb3JpZ2luX2VjEXAMPLE")
  })
})
