import { assert, describe, it } from "@effect/vitest"
import * as Redacted from "effect/Redacted"
import * as GetDevice from "@cognito-effect/domain/wire/GetDevice"
import { assertRefused, assertTarget, decodeJson, wireJson } from "./wireTest.js"

describe("GetDevice", () => {
  it("targets AWSCognitoIdentityProviderService.GetDevice", () => {
    assertTarget(GetDevice.operation, "AWSCognitoIdentityProviderService.GetDevice")
  })

  it("encodes the device key and access token", () => {
    assert.deepStrictEqual(
      wireJson(GetDevice.Request, { DeviceKey: "us-east-1_0a1b2c3d-0000-4000-8000-000000000001", AccessToken: Redacted.make("eyJ.a.b") }),
      { DeviceKey: "us-east-1_0a1b2c3d-0000-4000-8000-000000000001", AccessToken: "eyJ.a.b" }
    )
    assertRefused(GetDevice.Request, { AccessToken: "eyJ.a.b" })
  })

  it("requires the Device in the answer and decodes its dates", () => {
    const response = decodeJson(
      GetDevice.Response,
      `{"Device":{"DeviceAttributes":[{"Name":"device_status","Value":"valid"},{"Name":"device_name","Value":"Chrome"}],"DeviceCreateDate":1623956729.32,"DeviceKey":"us-east-1_0a1b2c3d-0000-4000-8000-000000000001","DeviceLastAuthenticatedDate":1623956729.32,"DeviceLastModifiedDate":1623956729.32}}`
    )
    assert.strictEqual(response.Device.DeviceCreateDate?.getTime(), 1623956729320)
    assertRefused(GetDevice.Response, {})
  })
})
