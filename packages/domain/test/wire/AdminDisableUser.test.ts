import { assert, describe, it } from "@effect/vitest"
import * as AdminDisableUser from "@cognito-effect/domain/wire/AdminDisableUser"
import { assertRefused, assertTarget, decodeJson, wireJson } from "./wireTest.js"

describe("AdminDisableUser", () => {
  it("targets AWSCognitoIdentityProviderService.AdminDisableUser", () => {
    assertTarget(AdminDisableUser.operation, "AWSCognitoIdentityProviderService.AdminDisableUser")
  })

  it("sends pool and user, both required", () => {
    assert.deepStrictEqual(wireJson(AdminDisableUser.Request, { UserPoolId: "us-east-1_EXAMPLE", Username: "frank" }), {
      UserPoolId: "us-east-1_EXAMPLE",
      Username: "frank"
    })
    assertRefused(AdminDisableUser.Request, { UserPoolId: "us-east-1_EXAMPLE" })
    assertRefused(AdminDisableUser.Request, { Username: "frank" })
  })

  it("accepts the empty JSON answer", () => {
    assert.deepStrictEqual(decodeJson(AdminDisableUser.Response, "{}"), {})
  })
})
