import { assert, describe, it } from "@effect/vitest"
import * as Redacted from "effect/Redacted"
import * as UpdateDeviceStatus from "@cognito-effect/domain/wire/UpdateDeviceStatus"
import { assertRefused, assertTarget, decodeJson, wireJson } from "./wireTest.js"

describe("UpdateDeviceStatus", () => {
  it("targets AWSCognitoIdentityProviderService.UpdateDeviceStatus", () => {
    assertTarget(UpdateDeviceStatus.operation, "AWSCognitoIdentityProviderService.UpdateDeviceStatus")
  })

  it("encodes the request Amplify's rememberDevice sends", () => {
    assert.deepStrictEqual(
      wireJson(UpdateDeviceStatus.Request, {
        AccessToken: Redacted.make("eyJ.a.b"),
        DeviceKey: "us-east-1_0a1b2c3d-0000-4000-8000-000000000001",
        DeviceRememberedStatus: "remembered"
      }),
      { AccessToken: "eyJ.a.b", DeviceKey: "us-east-1_0a1b2c3d-0000-4000-8000-000000000001", DeviceRememberedStatus: "remembered" }
    )
  })

  it("refuses an unknown status", () => {
    assertRefused(UpdateDeviceStatus.Request, { AccessToken: "t", DeviceKey: "k", DeviceRememberedStatus: "REMEMBERED" })
    assert.deepStrictEqual(decodeJson(UpdateDeviceStatus.Response, "{}"), {})
  })
})
