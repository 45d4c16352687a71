import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { AuthConfigError, AuthValidationError, CognitoServiceError } from "@cognito-effect/domain/AuthError"
import { resetPassword } from "@cognito-effect/domain/steps/resetPassword"
import * as TestLayer from "./TestLayer.js"

const delivery = { Destination: "a***@e***.com", DeliveryMedium: "EMAIL", AttributeName: "email" }

describe("resetPassword", () => {
  it.effect("sends ForgotPassword and answers CONFIRM_RESET_PASSWORD_WITH_CODE", () =>
    Effect.gen(function* () {
      const output = yield* resetPassword({ username: "alice", options: { clientMetadata: { source: "web" } } })
      assert.deepStrictEqual(output, {
        isPasswordReset: false,
        nextStep: {
          resetPasswordStep: "CONFIRM_RESET_PASSWORD_WITH_CODE",
          codeDeliveryDetails: { destination: "a***@e***.com", deliveryMedium: "EMAIL", attributeName: "email" }
        }
      })
      assert.deepStrictEqual(yield* TestLayer.onlyRequest, {
        operation: "ForgotPassword",
        target: "AWSCognitoIdentityProviderService.ForgotPassword",
        body: { ClientId: TestLayer.clientId, Username: "alice", ClientMetadata: { source: "web" } }
      })
    }).pipe(Effect.provide(TestLayer.layer({ replies: { ForgotPassword: TestLayer.ok({ CodeDeliveryDetails: delivery }) } }))))

  it.effect("works signed out, omits absent members and keeps absent delivery fields absent", () =>
    Effect.gen(function* () {
      const output = yield* resetPassword({ username: "+15555550100" })
      assert.deepStrictEqual(output.nextStep, {
        resetPasswordStep: "CONFIRM_RESET_PASSWORD_WITH_CODE",
        codeDeliveryDetails: { deliveryMedium: "SMS" }
      })
      assert.deepStrictEqual((yield* TestLayer.onlyRequest).body, { ClientId: TestLayer.clientId, Username: "+15555550100" })
    }).pipe(
      Effect.provide(
        TestLayer.layer({ session: null, replies: { ForgotPassword: TestLayer.ok({ CodeDeliveryDetails: { DeliveryMedium: "SMS" } }) } })
      )
    ))

  it.effect("checks the username before the configuration (Amplify's order)", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(resetPassword({ username: "" }))
      assert.instanceOf(error, AuthValidationError)
      assert.strictEqual(error.amplifyName, "EmptyResetPasswordUsername")
      assert.strictEqual(error.message, "username is required to resetPassword")
      assert.deepStrictEqual(yield* TestLayer.requests, [])
    }).pipe(Effect.provide(TestLayer.layer({ config: {} }))))

  it.effect("fails with AuthUserPoolException when the user pool is not configured", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(resetPassword({ username: "alice" }))
      assert.instanceOf(error, AuthConfigError)
      assert.strictEqual(error.amplifyName, "AuthUserPoolException")
    }).pipe(Effect.provide(TestLayer.layer({ config: {} }))))

  it.effect("passes Cognito's error through with its name", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(resetPassword({ username: "mallory" }))
      assert.instanceOf(error, CognitoServiceError)
      assert.strictEqual(error.amplifyName, "UserNotFoundException")
      assert.strictEqual(error.message, "Username/client id combination not found.")
      assert.strictEqual(error.operation, "ForgotPassword")
      assert.strictEqual(error.metadata.httpStatusCode, 400)
    }).pipe(
      Effect.provide(
        TestLayer.layer({
          replies: { ForgotPassword: TestLayer.serviceError("UserNotFoundException", "Username/client id combination not found.") }
        })
      )
    ))
})
