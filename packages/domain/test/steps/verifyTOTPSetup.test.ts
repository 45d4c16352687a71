import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import {
  AuthConfigError,
  AuthValidationError,
  CognitoServiceError,
  UserUnAuthenticatedException
} from "@cognito-effect/domain/AuthError"
import { verifyTOTPSetup } from "@cognito-effect/domain/steps/verifyTOTPSetup"
import * as TestLayer from "./TestLayer.js"

describe("verifyTOTPSetup", () => {
  it.effect("sends VerifySoftwareToken with the code and the device name", () =>
    Effect.gen(function* () {
      const output = yield* verifyTOTPSetup({ code: "492039", options: { friendlyDeviceName: "Alice's phone" } })
      assert.isUndefined(output)
      assert.deepStrictEqual(yield* TestLayer.onlyRequest, {
        operation: "VerifySoftwareToken",
        target: "AWSCognitoIdentityProviderService.VerifySoftwareToken",
        body: { AccessToken: TestLayer.accessTokenString(), UserCode: "492039", FriendlyDeviceName: "Alice's phone" }
      })
    }).pipe(Effect.provide(TestLayer.layer({ replies: { VerifySoftwareToken: TestLayer.ok({ Status: "SUCCESS" }) } }))))

  it.effect("omits the device name when none is given, and does not read Status", () =>
    Effect.gen(function* () {
      yield* verifyTOTPSetup({ code: "492039" })
      assert.deepStrictEqual((yield* TestLayer.onlyRequest).body, { AccessToken: TestLayer.accessTokenString(), UserCode: "492039" })
    }).pipe(Effect.provide(TestLayer.layer({ replies: { VerifySoftwareToken: TestLayer.ok({ Status: "ERROR" }) } }))))

  it.effect("checks the code before the session", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(verifyTOTPSetup({ code: "" }))
      assert.instanceOf(error, AuthValidationError)
      assert.strictEqual(error.amplifyName, "EmptyVerifyTOTPSetupCode")
      assert.strictEqual(error.message, "code is required to verifyTotpSetup")
      const unauthenticated = yield* Effect.flip(verifyTOTPSetup({ code: "492039" }))
      assert.instanceOf(unauthenticated, UserUnAuthenticatedException)
      assert.deepStrictEqual(yield* TestLayer.requests, [])
    }).pipe(Effect.provide(TestLayer.layer({ session: null }))))

  it.effect("checks the configuration before the code", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(verifyTOTPSetup({ code: "" }))
      assert.instanceOf(error, AuthConfigError)
    }).pipe(Effect.provide(TestLayer.layer({ config: {} }))))

  it.effect("passes a wrong code's error through with its name", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(verifyTOTPSetup({ code: "000000" }))
      assert.instanceOf(error, CognitoServiceError)
      assert.strictEqual(error.amplifyName, "EnableSoftwareTokenMFAException")
      assert.strictEqual(error.message, "Code mismatch")
    }).pipe(
      Effect.provide(
        TestLayer.layer({ replies: { VerifySoftwareToken: TestLayer.serviceError("EnableSoftwareTokenMFAException", "Code mismatch") } })
      )
    ))
})
