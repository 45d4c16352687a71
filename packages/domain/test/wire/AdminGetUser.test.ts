import { assert, describe, it } from "@effect/vitest"
import * as AdminGetUser from "@cognito-effect/domain/wire/AdminGetUser"
import { assertRefused, assertTarget, decodeJson, wireJson } from "./wireTest.js"

describe("AdminGetUser", () => {
  it("targets AWSCognitoIdentityProviderService.AdminGetUser", () => {
    assertTarget(AdminGetUser.operation, "AWSCognitoIdentityProviderService.AdminGetUser")
  })

  it("sends pool and user", () => {
    assert.deepStrictEqual(wireJson(AdminGetUser.Request, { UserPoolId: "us-east-1_EXAMPLE", Username: "eve" }), {
      UserPoolId: "us-east-1_EXAMPLE",
      Username: "eve"
    })
    assertRefused(AdminGetUser.Request, { Username: "eve" })
  })

  it("decodes status, dates and MFA settings", () => {
    const user = decodeJson(
      AdminGetUser.Response,
      `{"Enabled":true,"PreferredMfaSetting":"EMAIL_OTP","UserAttributes":[{"Name":"sub","Value":"d16b4aa8-8633-4b0c-a7ae-ffbbb9e0b6f0"}],"UserCreateDate":1689980857.949,"UserLastModifiedDate":1689980857.949,"UserMFASettingList":["EMAIL_OTP"],"UserStatus":"CONFIRMED","Username":"eve"}`
    )
    assert.strictEqual(user.UserStatus, "CONFIRMED")
    assert.isTrue(user.Enabled)
    assert.strictEqual(user.UserLastModifiedDate?.getTime(), 1689980857949)
    assertRefused(AdminGetUser.Response, { Username: "eve", UserStatus: "SLEEPING" })
    assertRefused(AdminGetUser.Response, { Enabled: true })
  })
})
