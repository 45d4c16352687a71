import { assert, describe, it } from "@effect/vitest"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import * as GetId from "@cognito-effect/domain/wire/GetId"
import { assertHidden, assertRefused, assertSecret, assertTarget, decodeJson, jwt, wireJson } from "./wireTest.js"

describe("GetId", () => {
  it("targets AWSCognitoIdentityService.GetId", () => {
    assertTarget(GetId.operation, "AWSCognitoIdentityService.GetId")
    assert.strictEqual(GetId.operation.service, "CognitoIdentity")
  })

  it("encodes a guest request with an empty Logins object, not an omitted one", () => {
    assert.deepStrictEqual(wireJson(GetId.Request, { IdentityPoolId: "us-east-1:00000000-0000-0000-0000-000000000000", Logins: {} }), {
      IdentityPoolId: "us-east-1:00000000-0000-0000-0000-000000000000",
      Logins: {}
    })
  })

  it("encodes an authenticated request keyed by the ID token's issuer and hides the token once decoded", () => {
    const idToken = jwt({ iss: "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_EXAMPLE", sub: "u1" })
    const request: GetId.Request = {
      IdentityPoolId: "us-east-1:00000000-0000-0000-0000-000000000000",
      Logins: { "cognito-idp.us-east-1.amazonaws.com/us-east-1_EXAMPLE": Redacted.make(idToken) }
    }
    const json = wireJson(GetId.Request, request)
    assert.deepStrictEqual(json, {
      IdentityPoolId: "us-east-1:00000000-0000-0000-0000-000000000000",
      Logins: { "cognito-idp.us-east-1.amazonaws.com/us-east-1_EXAMPLE": idToken }
    })
    const decoded = Schema.decodeUnknownSync(GetId.Request)(json)
    assertSecret(decoded.Logins?.["cognito-idp.us-east-1.amazonaws.com/us-east-1_EXAMPLE"], idToken)
    assertHidden(decoded, idToken)
  })

  it("requires the pool id and decodes the identity id", () => {
    assertRefused(GetId.Request, { Logins: {} })
    assert.deepStrictEqual(decodeJson(GetId.Response, `{"IdentityId":"us-east-1:4a2e0b6a-0000-4000-8000-000000000001"}`), {
      IdentityId: "us-east-1:4a2e0b6a-0000-4000-8000-000000000001"
    })
  })
})
