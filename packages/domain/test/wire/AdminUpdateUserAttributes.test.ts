import { assert, describe, it } from "@effect/vitest"
import * as AdminUpdateUserAttributes from "@cognito-effect/domain/wire/AdminUpdateUserAttributes"
import * as Shapes from "@cognito-effect/domain/wire/Shapes"
import { assertRefused, assertTarget, decodeJson, wireJson } from "./wireTest.js"

describe("AdminUpdateUserAttributes", () => {
  it("targets AWSCognitoIdentityProviderService.AdminUpdateUserAttributes", () => {
    assertTarget(AdminUpdateUserAttributes.operation, "AWSCognitoIdentityProviderService.AdminUpdateUserAttributes")
  })

  it("encodes the attribute list built from a record", () => {
    const request: AdminUpdateUserAttributes.Request = {
      UserPoolId: "us-east-1_EXAMPLE",
      Username: "eve",
      UserAttributes: Shapes.recordToAttributes({ email_verified: "true", "custom:tier": "gold" })
    }
    assert.deepStrictEqual(wireJson(AdminUpdateUserAttributes.Request, request), {
      UserPoolId: "us-east-1_EXAMPLE",
      Username: "eve",
      UserAttributes: [{ Name: "email_verified", Value: "true" }, { Name: "custom:tier", Value: "gold" }]
    })
  })

  it("requires UserAttributes", () => {
    assertRefused(AdminUpdateUserAttributes.Request, { UserPoolId: "p", Username: "eve" })
    assert.deepStrictEqual(decodeJson(AdminUpdateUserAttributes.Response, "{}"), {})
  })
})
