import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import {
  AuthConfigError,
  AuthValidationError,
  CognitoServiceError,
  UserUnAuthenticatedException
} from "@cognito-effect/domain/AuthError"
import { confirmUserAttribute } from "@cognito-effect/domain/steps/confirmUserAttribute"
import * as TestLayer from "./TestLayer.js"

describe("confirmUserAttribute", () => {
  it.effect("sends VerifyUserAttribute with the attribute and the code", () =>
    Effect.gen(function* () {
      const output = yield* confirmUserAttribute({ userAttributeKey: "email", confirmationCode: "731904" })
      assert.isUndefined(output)
      assert.deepStrictEqual(yield* TestLayer.onlyRequest, {
        operation: "VerifyUserAttribute",
        target: "AWSCognitoIdentityProviderService.VerifyUserAttribute",
        body: { AccessToken: TestLayer.accessTokenString(), AttributeName: "email", Code: "731904" }
      })
    }).pipe(Effect.provide(TestLayer.layer({ replies: { VerifyUserAttribute: TestLayer.ok() } }))))

  it.effect("checks the code before the session", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(confirmUserAttribute({ userAttributeKey: "email", confirmationCode: "" }))
      assert.instanceOf(error, AuthValidationError)
      assert.strictEqual(error.amplifyName, "EmptyConfirmUserAttributeCode")
      assert.strictEqual(error.message, "confirmation code is required to confirmUserAttribute")
      const unauthenticated = yield* Effect.flip(confirmUserAttribute({ userAttributeKey: "email", confirmationCode: "731904" }))
      assert.instanceOf(unauthenticated, UserUnAuthenticatedException)
      assert.deepStrictEqual(yield* TestLayer.requests, [])
    }).pipe(Effect.provide(TestLayer.layer({ session: null }))))

  it.effect("checks the configuration before the code", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(confirmUserAttribute({ userAttributeKey: "email", confirmationCode: "" }))
      assert.instanceOf(error, AuthConfigError)
      assert.strictEqual(error.amplifyName, "AuthUserPoolException")
    }).pipe(Effect.provide(TestLayer.layer({ config: {} }))))

  it.effect("passes Cognito's error through with its name", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(confirmUserAttribute({ userAttributeKey: "phone_number", confirmationCode: "000000" }))
      assert.instanceOf(error, CognitoServiceError)
      assert.strictEqual(error.amplifyName, "ExpiredCodeException")
      assert.strictEqual(error.message, "Invalid code provided, please request a code again.")
    }).pipe(
      Effect.provide(
        TestLayer.layer({
          replies: { VerifyUserAttribute: TestLayer.serviceError("ExpiredCodeException", "Invalid code provided, please request a code again.") }
        })
      )
    ))
})
