import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { CognitoServiceError, DeviceMetadataNotFoundException } from "@cognito-effect/domain/AuthError"
import { rememberDevice } from "@cognito-effect/domain/steps/rememberDevice"
import * as TestLayer from "./TestLayer.js"

describe("rememberDevice", () => {
  it.effect("marks this device remembered", () =>
    Effect.gen(function* () {
      assert.isUndefined(yield* rememberDevice())
      const sent = yield* TestLayer.onlyRequest
      assert.strictEqual(sent.operation, "UpdateDeviceStatus")
      assert.deepStrictEqual(sent.body, {
        AccessToken: TestLayer.accessTokenString(),
        DeviceKey: TestLayer.device.deviceKey,
        DeviceRememberedStatus: "remembered"
      })
    }).pipe(
      Effect.provide(TestLayer.layer({ devices: { [TestLayer.username]: TestLayer.device }, replies: { UpdateDeviceStatus: TestLayer.ok() } }))
    ))

  it.effect("without device keys: DeviceMetadataNotFoundException and no request", () =>
    Effect.gen(function* () {
      assert.instanceOf(yield* Effect.flip(rememberDevice()), DeviceMetadataNotFoundException)
      assert.deepStrictEqual(yield* TestLayer.requests, [])
    }).pipe(Effect.provide(TestLayer.layer({ devices: { bob: TestLayer.device } }))))

  it.effect("passes Cognito's refusal on", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(rememberDevice())
      assert.instanceOf(error, CognitoServiceError)
      assert.strictEqual(error.amplifyName, "ResourceNotFoundException")
    }).pipe(
      Effect.provide(
        TestLayer.layer({
          devices: { [TestLayer.username]: TestLayer.device },
          replies: { UpdateDeviceStatus: TestLayer.serviceError("ResourceNotFoundException", "Device does not exist.") }
        })
      )
    ))
})
