import { assert, describe, it } from "@effect/vitest"
import * as AdminDeleteUser from "@cognito-effect/domain/wire/AdminDeleteUser"
import { assertRefused, assertTarget, decodeJson, wireJson } from "./wireTest.js"

describe("AdminDeleteUser", () => {
  it("targets AWSCognitoIdentityProviderService.AdminDeleteUser", () => {
    assertTarget(AdminDeleteUser.operation, "AWSCognitoIdentityProviderService.AdminDeleteUser")
  })

  it("sends pool and user, both required", () => {
    assert.deepStrictEqual(wireJson(AdminDeleteUser.Request, { UserPoolId: "us-east-1_EXAMPLE", Username: "frank" }), {
      UserPoolId: "us-east-1_EXAMPLE",
      Username: "frank"
    })
    assertRefused(AdminDeleteUser.Request, { UserPoolId: "us-east-1_EXAMPLE" })
    assertRefused(AdminDeleteUser.Request, { Username: "frank" })
  })

  it("accepts the empty JSON answer", () => {
    assert.deepStrictEqual(decodeJson(AdminDeleteUser.Response, "{}"), {})
  })
})
