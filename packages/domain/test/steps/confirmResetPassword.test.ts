import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import { AuthConfigError, AuthValidationError, CognitoServiceError } from "@cognito-effect/domain/AuthError"
import { confirmResetPassword } from "@cognito-effect/domain/steps/confirmResetPassword"
import * as TestLayer from "./TestLayer.js"

const valid = { username: "alice", newPassword: "N3w-Passw0rd!", confirmationCode: "204816" }

const validationCode = (input: Parameters<typeof confirmResetPassword>[0]) =>
  Effect.map(Effect.flip(confirmResetPassword(input)), (error) => {
    assert.instanceOf(error, AuthValidationError)
    return error.amplifyName
  })

describe("confirmResetPassword", () => {
  it.effect("sends ConfirmForgotPassword with the code and the new password", () =>
    Effect.gen(function* () {
      const output = yield* confirmResetPassword({ ...valid, options: { clientMetadata: { flow: "reset" } } })
      assert.isUndefined(output)
      assert.deepStrictEqual(yield* TestLayer.onlyRequest, {
        operation: "ConfirmForgotPassword",
        target: "AWSCognitoIdentityProviderService.ConfirmForgotPassword",
        body: {
          ClientId: TestLayer.clientId,
          Username: "alice",
          ConfirmationCode: "204816",
          Password: "N3w-Passw0rd!",
          ClientMetadata: { flow: "reset" }
        }
      })
    }).pipe(Effect.provide(TestLayer.layer({ session: null, replies: { ConfirmForgotPassword: TestLayer.ok() } }))))

  it.effect("accepts a Redacted password", () =>
    Effect.gen(function* () {
      yield* confirmResetPassword({ ...valid, newPassword: Redacted.make("S3cret-Redacted") })
      const request = yield* TestLayer.onlyRequest
      assert.strictEqual((request.body as { Password: string }).Password, "S3cret-Redacted")
    }).pipe(Effect.provide(TestLayer.layer({ replies: { ConfirmForgotPassword: TestLayer.ok() } }))))

  it.effect("checks configuration, then username, new password and code, in Amplify's order", () =>
    Effect.gen(function* () {
      assert.strictEqual(yield* validationCode({ username: "", newPassword: "", confirmationCode: "" }), "EmptyConfirmResetPasswordUsername")
      assert.strictEqual(yield* validationCode({ ...valid, newPassword: "", confirmationCode: "" }), "EmptyConfirmResetPasswordNewPassword")
      assert.strictEqual(
        yield* validationCode({ ...valid, newPassword: Redacted.make(""), confirmationCode: "" }),
        "EmptyConfirmResetPasswordNewPassword"
      )
      assert.strictEqual(yield* validationCode({ ...valid, confirmationCode: "" }), "EmptyConfirmResetPasswordConfirmationCode")
      const error = yield* Effect.flip(confirmResetPassword({ ...valid, confirmationCode: "" }))
      assert.strictEqual(error.message, "confirmationCode is required to confirmResetPassword")
      assert.deepStrictEqual(yield* TestLayer.requests, [])
    }).pipe(Effect.provide(TestLayer.layer())))

  it.effect("reports the missing configuration before an empty username", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(confirmResetPassword({ username: "", newPassword: "", confirmationCode: "" }))
      assert.instanceOf(error, AuthConfigError)
      assert.strictEqual(error.amplifyName, "AuthUserPoolException")
    }).pipe(Effect.provide(TestLayer.layer({ config: {} }))))

  it.effect("passes Cognito's error through with its name", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(confirmResetPassword(valid))
      assert.instanceOf(error, CognitoServiceError)
      assert.strictEqual(error.amplifyName, "CodeMismatchException")
      assert.strictEqual(error.message, "Invalid verification code provided, please try again.")
    }).pipe(
      Effect.provide(
        TestLayer.layer({
          replies: {
            ConfirmForgotPassword: TestLayer.serviceError("CodeMismatchException", "Invalid verification code provided, please try again.")
          }
        })
      )
    ))
})
