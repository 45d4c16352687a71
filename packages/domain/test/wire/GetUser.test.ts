import { assert, describe, it } from "@effect/vitest"
import * as Redacted from "effect/Redacted"
import * as GetUser from "@cognito-effect/domain/wire/GetUser"
import * as Shapes from "@cognito-effect/domain/wire/Shapes"
import { assertRefused, assertTarget, decodeJson, wireJson } from "./wireTest.js"

describe("GetUser", () => {
  it("targets AWSCognitoIdentityProviderService.GetUser", () => {
    assertTarget(GetUser.operation, "AWSCognitoIdentityProviderService.GetUser")
  })

  it("sends the access token", () => {
    assert.deepStrictEqual(wireJson(GetUser.Request, { AccessToken: Redacted.make("eyJ.a.b") }), { AccessToken: "eyJ.a.b" })
  })

  it("decodes attributes and MFA settings", () => {
    const response = decodeJson(
      GetUser.Response,
      `{"MFAOptions":[{"AttributeName":"phone_number","DeliveryMedium":"SMS"}],"PreferredMfaSetting":"SOFTWARE_TOKEN_MFA","UserAttributes":[{"Name":"sub","Value":"5f1b6a8e-0000-4000-8000-00000000abcd"},{"Name":"email_verified","Value":"true"},{"Name":"email","Value":"alice@example.com"}],"UserMFASettingList":["SOFTWARE_TOKEN_MFA","EMAIL_OTP"],"Username":"alice"}`
    )
    assert.strictEqual(response.Username, "alice")
    assert.strictEqual(response.PreferredMfaSetting, "SOFTWARE_TOKEN_MFA")
    assert.deepStrictEqual(response.UserMFASettingList, ["SOFTWARE_TOKEN_MFA", "EMAIL_OTP"])
    assert.deepStrictEqual(Shapes.attributesToRecord(response.UserAttributes), {
      sub: "5f1b6a8e-0000-4000-8000-00000000abcd",
      email_verified: "true",
      email: "alice@example.com"
    })
  })

  it("requires Username and UserAttributes in the answer", () => {
    assertRefused(GetUser.Response, { Username: "alice" })
    assertRefused(GetUser.Response, { UserAttributes: [] })
  })
})
