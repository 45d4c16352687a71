import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import {
  AuthConfigError,
  AuthValidationError,
  CognitoServiceError,
  UserUnAuthenticatedException
} from "@cognito-effect/domain/AuthError"
import { updatePassword } from "@cognito-effect/domain/steps/updatePassword"
import * as TestLayer from "./TestLayer.js"

describe("updatePassword", () => {
  it.effect("sends ChangePassword with the access token and both passwords", () =>
    Effect.gen(function* () {
      const output = yield* updatePassword({ oldPassword: "0ld-Passw0rd!", newPassword: Redacted.make("N3w-Passw0rd!") })
      assert.isUndefined(output)
      assert.deepStrictEqual(yield* TestLayer.onlyRequest, {
        operation: "ChangePassword",
        target: "AWSCognitoIdentityProviderService.ChangePassword",
        body: {
          AccessToken: TestLayer.accessTokenString(),
          PreviousPassword: "0ld-Passw0rd!",
          ProposedPassword: "N3w-Passw0rd!"
        }
      })
    }).pipe(Effect.provide(TestLayer.layer({ replies: { ChangePassword: TestLayer.ok() } }))))

  it.effect("checks the old password, then the new one, before the session", () =>
    Effect.gen(function* () {
      for (const input of [
        { oldPassword: "", newPassword: "" },
        { oldPassword: Redacted.make(""), newPassword: "N3w-Passw0rd!" },
        { oldPassword: "0ld-Passw0rd!", newPassword: "" }
      ]) {
        const error = yield* Effect.flip(updatePassword(input))
        assert.instanceOf(error, AuthValidationError)
        assert.strictEqual(error.amplifyName, "EmptyUpdatePassword")
        assert.strictEqual(error.message, "oldPassword and newPassword are required to changePassword")
      }
      const error = yield* Effect.flip(updatePassword({ oldPassword: "0ld-Passw0rd!", newPassword: "N3w-Passw0rd!" }))
      assert.instanceOf(error, UserUnAuthenticatedException)
      assert.strictEqual(error.message, "User needs to be authenticated to call this API.")
      assert.deepStrictEqual(yield* TestLayer.requests, [])
    }).pipe(Effect.provide(TestLayer.layer({ session: null }))))

  it.effect("reports the missing configuration first", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(updatePassword({ oldPassword: "", newPassword: "" }))
      assert.instanceOf(error, AuthConfigError)
      assert.strictEqual(error.amplifyName, "AuthUserPoolException")
    }).pipe(Effect.provide(TestLayer.layer({ config: {}, session: null }))))

  it.effect("passes Cognito's error through with its name", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(updatePassword({ oldPassword: "wrong-0ld", newPassword: "N3w-Passw0rd!" }))
      assert.instanceOf(error, CognitoServiceError)
      assert.strictEqual(error.amplifyName, "NotAuthorizedException")
      assert.strictEqual(error.message, "Incorrect username or password.")
      assert.notInclude(String(error), "wrong-0ld")
    }).pipe(
      Effect.provide(
        TestLayer.layer({ replies: { ChangePassword: TestLayer.serviceError("NotAuthorizedException", "Incorrect username or password.") } })
      )
    ))
})
