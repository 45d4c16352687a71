import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { CognitoServiceError, DeviceMetadataNotFoundException, UserUnAuthenticatedException } from "@cognito-effect/domain/AuthError"
import { TokenStore } from "@cognito-effect/domain/services/TokenStore"
import { forgetDevice } from "@cognito-effect/domain/steps/forgetDevice"
import * as TestLayer from "./TestLayer.js"

const otherKey = "us-east-1_0b9a8c7d-6e5f-4a3b-9c2d-1e0f9a8b7c6d"
const withDevice = (replies: TestLayer.Options["replies"] = { ForgetDevice: TestLayer.ok() }) =>
  TestLayer.layer({ devices: { [TestLayer.username]: TestLayer.device }, replies })

const localKeys = Effect.flatMap(TokenStore, (store) => store.getDeviceMetadata(TestLayer.username))

describe("forgetDevice", () => {
  it.effect("without input: forgets this device and its local keys", () =>
    Effect.gen(function* () {
      yield* forgetDevice()
      const sent = yield* TestLayer.onlyRequest
      assert.deepStrictEqual(sent.body, { AccessToken: TestLayer.accessTokenString(), DeviceKey: TestLayer.device.deviceKey })
      assert.isTrue(Option.isNone(yield* localKeys))
    }).pipe(Effect.provide(withDevice())))

  it.effect("another device by id: this device's keys stay", () =>
    Effect.gen(function* () {
      yield* forgetDevice({ device: { id: otherKey } })
      assert.deepStrictEqual((yield* TestLayer.onlyRequest).body, { AccessToken: TestLayer.accessTokenString(), DeviceKey: otherKey })
      assert.isTrue(Option.isSome(yield* localKeys))
    }).pipe(Effect.provide(withDevice())))

  it.effect("this device by id: its keys go as well", () =>
    Effect.gen(function* () {
      yield* forgetDevice({ device: { id: TestLayer.device.deviceKey } })
      assert.isTrue(Option.isNone(yield* localKeys))
    }).pipe(Effect.provide(withDevice())))

  it.effect("by id needs no local keys", () =>
    Effect.gen(function* () {
      yield* forgetDevice({ device: { id: otherKey } })
      assert.deepStrictEqual(yield* TestLayer.operations, ["ForgetDevice"])
    }).pipe(Effect.provide(TestLayer.layer({ replies: { ForgetDevice: TestLayer.ok() } }))))

  it.effect("without input and without local keys: DeviceMetadataNotFoundException, no request", () =>
    Effect.gen(function* () {
      assert.instanceOf(yield* Effect.flip(forgetDevice()), DeviceMetadataNotFoundException)
      assert.deepStrictEqual(yield* TestLayer.requests, [])
    }).pipe(Effect.provide(TestLayer.layer({}))))

  it.effect("a refusal keeps the local keys", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(forgetDevice())
      assert.instanceOf(error, CognitoServiceError)
      assert.isTrue(Option.isSome(yield* localKeys))
    }).pipe(Effect.provide(withDevice({ ForgetDevice: TestLayer.serviceError("NotAuthorizedException", "Access Token has been revoked") }))))

  it.effect("needs a signed-in user", () =>
    Effect.gen(function* () {
      assert.instanceOf(yield* Effect.flip(forgetDevice({ device: { id: otherKey } })), UserUnAuthenticatedException)
    }).pipe(Effect.provide(TestLayer.layer({ session: null }))))
})
