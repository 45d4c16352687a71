import { assert, describe, it } from "@effect/vitest"
import * as Redacted from "effect/Redacted"
import * as ListDevices from "@cognito-effect/domain/wire/ListDevices"
import * as Shapes from "@cognito-effect/domain/wire/Shapes"
import { assertRefused, assertTarget, decodeJson, wireJson } from "./wireTest.js"

describe("ListDevices", () => {
  it("targets AWSCognitoIdentityProviderService.ListDevices", () => {
    assertTarget(ListDevices.operation, "AWSCognitoIdentityProviderService.ListDevices")
  })

  it("encodes the request Amplify's fetchDevices sends", () => {
    assert.deepStrictEqual(wireJson(ListDevices.Request, { AccessToken: Redacted.make("eyJ.a.b"), Limit: 60 }), {
      AccessToken: "eyJ.a.b",
      Limit: 60
    })
    assertRefused(ListDevices.Request, { Limit: 60 })
  })

  it("decodes devices with fractional epoch-second dates (Amplify's fixture)", () => {
    const response = decodeJson(
      ListDevices.Response,
      `{"Devices":[{"DeviceAttributes":[{"Name":"device_status","Value":"valid"},{"Name":"device_name","Value":"Chrome on Linux"},{"Name":"last_ip_used","Value":"192.0.2.1"}],"DeviceCreateDate":1623956729.32,"DeviceKey":"us-east-1_0a1b2c3d-0000-4000-8000-000000000001","DeviceLastAuthenticatedDate":1623956729.32,"DeviceLastModifiedDate":1623956729.32}],"PaginationToken":"next"}`
    )
    const device = response.Devices![0]!
    assert.strictEqual(device.DeviceCreateDate?.getTime(), 1623956729320)
    assert.strictEqual(Shapes.attributesToRecord(device.DeviceAttributes ?? []).device_name, "Chrome on Linux")
    assertRefused(ListDevices.Response, { Devices: [{ DeviceCreateDate: "2021-06-17" }] })
  })
})
