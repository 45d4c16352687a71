import { assert, describe, it } from "@effect/vitest"
import * as AdminListDevices from "@cognito-effect/domain/wire/AdminListDevices"
import { assertRefused, assertTarget, decodeJson, wireJson } from "./wireTest.js"

describe("AdminListDevices", () => {
  it("targets AWSCognitoIdentityProviderService.AdminListDevices", () => {
    assertTarget(AdminListDevices.operation, "AWSCognitoIdentityProviderService.AdminListDevices")
  })

  it("encodes pool, user and limit", () => {
    assert.deepStrictEqual(wireJson(AdminListDevices.Request, { UserPoolId: "us-east-1_EXAMPLE", Username: "g", Limit: 60 }), {
      UserPoolId: "us-east-1_EXAMPLE",
      Username: "g",
      Limit: 60
    })
    assertRefused(AdminListDevices.Request, { UserPoolId: "us-east-1_EXAMPLE" })
  })

  it("decodes devices", () => {
    const response = decodeJson(
      AdminListDevices.Response,
      `{"Devices":[{"DeviceAttributes":[{"Name":"device_status","Value":"valid"}],"DeviceCreateDate":1700000000,"DeviceKey":"us-east-1_0a1b2c3d-0000-4000-8000-000000000001"}]}`
    )
    assert.strictEqual(response.Devices?.[0]?.DeviceCreateDate?.toISOString(), "2023-11-14T22:13:20.000Z")
    assert.isUndefined(response.PaginationToken)
  })
})
