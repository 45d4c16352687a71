import { assert, describe, it } from "@effect/vitest"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import * as AdminCreateUser from "@cognito-effect/domain/wire/AdminCreateUser"
import { assertRefused, assertSecret, assertTarget, decodeJson, wireJson } from "./wireTest.js"

describe("AdminCreateUser", () => {
  it("targets AWSCognitoIdentityProviderService.AdminCreateUser", () => {
    assertTarget(AdminCreateUser.operation, "AWSCognitoIdentityProviderService.AdminCreateUser")
  })

  it("encodes a suppressed invitation with a temporary password", () => {
    const request: AdminCreateUser.Request = {
      UserPoolId: "us-east-1_EXAMPLE",
      Username: "carol",
      UserAttributes: [{ Name: "email", Value: "carol@example.com" }, { Name: "email_verified", Value: "true" }],
      TemporaryPassword: Redacted.make("Temp-Passw0rd!"),
      MessageAction: "SUPPRESS",
      DesiredDeliveryMediums: ["EMAIL"]
    }
    assert.deepStrictEqual(wireJson(AdminCreateUser.Request, request), {
      UserPoolId: "us-east-1_EXAMPLE",
      Username: "carol",
      UserAttributes: [{ Name: "email", Value: "carol@example.com" }, { Name: "email_verified", Value: "true" }],
      TemporaryPassword: "Temp-Passw0rd!",
      MessageAction: "SUPPRESS",
      DesiredDeliveryMediums: ["EMAIL"]
    })
    const decoded = Schema.decodeUnknownSync(AdminCreateUser.Request)(wireJson(AdminCreateUser.Request, request))
    assertSecret(decoded.TemporaryPassword, "Temp-Passw0rd!")
  })

  it("refuses a missing pool or an unknown message action", () => {
    assertRefused(AdminCreateUser.Request, { Username: "carol" })
    assertRefused(AdminCreateUser.Request, { UserPoolId: "p", Username: "carol", MessageAction: "SEND" })
  })

  it("decodes the created user", () => {
    const response = decodeJson(
      AdminCreateUser.Response,
      `{"User":{"Attributes":[{"Name":"sub","Value":"d16b4aa8-8633-4b0c-a7ae-ffbbb9e0b6f0"},{"Name":"email","Value":"carol@example.com"}],"Enabled":true,"UserCreateDate":1689980857.949,"UserLastModifiedDate":1689980857.949,"UserStatus":"FORCE_CHANGE_PASSWORD","Username":"carol"}}`
    )
    assert.strictEqual(response.User?.UserStatus, "FORCE_CHANGE_PASSWORD")
    assert.strictEqual(response.User?.UserCreateDate?.getTime(), 1689980857949)
  })
})
