import { assert, describe, it } from "@effect/vitest"
import * as Redacted from "effect/Redacted"
import * as ForgetDevice from "@cognito-effect/domain/wire/ForgetDevice"
import { assertRefused, assertTarget, decodeJson, wireJson } from "./wireTest.js"

describe("ForgetDevice", () => {
  it("targets AWSCognitoIdentityProviderService.ForgetDevice", () => {
    assertTarget(ForgetDevice.operation, "AWSCognitoIdentityProviderService.ForgetDevice")
  })

  it("encodes access token and device key; the key is required", () => {
    assert.deepStrictEqual(
      wireJson(ForgetDevice.Request, { AccessToken: Redacted.make("eyJ.a.b"), DeviceKey: "us-east-1_0a1b2c3d-0000-4000-8000-000000000001" }),
      { AccessToken: "eyJ.a.b", DeviceKey: "us-east-1_0a1b2c3d-0000-4000-8000-000000000001" }
    )
    assertRefused(ForgetDevice.Request, { AccessToken: "eyJ.a.b" })
  })

  it("accepts an empty JSON object as the answer", () => {
    assert.deepStrictEqual(decodeJson(ForgetDevice.Response, "{}"), {})
  })
})
