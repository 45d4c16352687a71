import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { AuthConfigError, CognitoServiceError, UserUnAuthenticatedException } from "@cognito-effect/domain/AuthError"
import { deleteUserAttributes } from "@cognito-effect/domain/steps/deleteUserAttributes"
import * as TestLayer from "./TestLayer.js"

describe("deleteUserAttributes", () => {
  it.effect("sends DeleteUserAttributes with the names", () =>
    Effect.gen(function* () {
      const output = yield* deleteUserAttributes({ userAttributeKeys: ["nickname", "custom:plan"] })
      assert.isUndefined(output)
      assert.deepStrictEqual(yield* TestLayer.onlyRequest, {
        operation: "DeleteUserAttributes",
        target: "AWSCognitoIdentityProviderService.DeleteUserAttributes",
        body: { AccessToken: TestLayer.accessTokenString(), UserAttributeNames: ["nickname", "custom:plan"] }
      })
    }).pipe(Effect.provide(TestLayer.layer({ replies: { DeleteUserAttributes: TestLayer.ok() } }))))

  it.effect("needs a session and sends nothing without one", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(deleteUserAttributes({ userAttributeKeys: ["nickname"] }))
      assert.instanceOf(error, UserUnAuthenticatedException)
      assert.deepStrictEqual(yield* TestLayer.requests, [])
    }).pipe(Effect.provide(TestLayer.layer({ session: null }))))

  it.effect("reports the missing configuration first", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(deleteUserAttributes({ userAttributeKeys: ["nickname"] }))
      assert.instanceOf(error, AuthConfigError)
    }).pipe(Effect.provide(TestLayer.layer({ config: {}, session: null }))))

  it.effect("passes Cognito's error through with its name", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(deleteUserAttributes({ userAttributeKeys: ["email"] }))
      assert.instanceOf(error, CognitoServiceError)
      assert.strictEqual(error.amplifyName, "InvalidParameterException")
      assert.strictEqual(error.message, "Cannot delete a required attribute: email.")
    }).pipe(
      Effect.provide(
        TestLayer.layer({
          replies: { DeleteUserAttributes: TestLayer.serviceError("InvalidParameterException", "Cannot delete a required attribute: email.") }
        })
      )
    ))
})
