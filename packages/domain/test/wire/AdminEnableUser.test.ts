import { assert, describe, it } from "@effect/vitest"
import * as AdminEnableUser from "@cognito-effect/domain/wire/AdminEnableUser"
import { assertRefused, assertTarget, decodeJson, wireJson } from "./wireTest.js"

describe("AdminEnableUser", () => {
  it("targets AWSCognitoIdentityProviderService.AdminEnableUser", () => {
    assertTarget(AdminEnableUser.operation, "AWSCognitoIdentityProviderService.AdminEnableUser")
  })

  it("sends pool and user, both required", () => {
    assert.deepStrictEqual(wireJson(AdminEnableUser.Request, { UserPoolId: "us-east-1_EXAMPLE", Username: "frank" }), {
      UserPoolId: "us-east-1_EXAMPLE",
      Username: "frank"
    })
    assertRefused(AdminEnableUser.Request, { UserPoolId: "us-east-1_EXAMPLE" })
    assertRefused(AdminEnableUser.Request, { Username: "frank" })
  })

  it("accepts the empty JSON answer", () => {
    assert.deepStrictEqual(decodeJson(AdminEnableUser.Response, "{}"), {})
  })
})
