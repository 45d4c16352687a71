import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { AuthConfigError, CognitoServiceError, UserUnAuthenticatedException } from "@cognito-effect/domain/AuthError"
import { sendUserAttributeVerificationCode } from "@cognito-effect/domain/steps/sendUserAttributeVerificationCode"
import * as TestLayer from "./TestLayer.js"

describe("sendUserAttributeVerificationCode", () => {
  it.effect("sends GetUserAttributeVerificationCode and answers where the code went", () =>
    Effect.gen(function* () {
      const output = yield* sendUserAttributeVerificationCode({
        userAttributeKey: "email",
        options: { clientMetadata: { template: "verify" } }
      })
      assert.deepStrictEqual(output, { destination: "a***@e***.com", deliveryMedium: "EMAIL", attributeName: "email" })
      assert.deepStrictEqual(yield* TestLayer.onlyRequest, {
        operation: "GetUserAttributeVerificationCode",
        target: "AWSCognitoIdentityProviderService.GetUserAttributeVerificationCode",
        body: { AccessToken: TestLayer.accessTokenString(), AttributeName: "email", ClientMetadata: { template: "verify" } }
      })
    }).pipe(
      Effect.provide(
        TestLayer.layer({
          replies: {
            GetUserAttributeVerificationCode: TestLayer.ok({
              CodeDeliveryDetails: { Destination: "a***@e***.com", DeliveryMedium: "EMAIL", AttributeName: "email" }
            })
          }
        })
      )
    ))

  it.effect("omits absent options and delivery fields", () =>
    Effect.gen(function* () {
      const output = yield* sendUserAttributeVerificationCode({ userAttributeKey: "phone_number" })
      assert.deepStrictEqual(output, {})
      assert.deepStrictEqual((yield* TestLayer.onlyRequest).body, {
        AccessToken: TestLayer.accessTokenString(),
        AttributeName: "phone_number"
      })
    }).pipe(Effect.provide(TestLayer.layer({ replies: { GetUserAttributeVerificationCode: TestLayer.ok({}) } }))))

  it.effect("needs a session and sends nothing without one", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(sendUserAttributeVerificationCode({ userAttributeKey: "email" }))
      assert.instanceOf(error, UserUnAuthenticatedException)
      assert.deepStrictEqual(yield* TestLayer.requests, [])
    }).pipe(Effect.provide(TestLayer.layer({ session: null }))))

  it.effect("reports the missing configuration first", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(sendUserAttributeVerificationCode({ userAttributeKey: "email" }))
      assert.instanceOf(error, AuthConfigError)
    }).pipe(Effect.provide(TestLayer.layer({ config: {}, session: null }))))

  it.effect("passes Cognito's error through with its name", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(sendUserAttributeVerificationCode({ userAttributeKey: "phone_number" }))
      assert.instanceOf(error, CognitoServiceError)
      assert.strictEqual(error.amplifyName, "CodeDeliveryFailureException")
    }).pipe(
      Effect.provide(
        TestLayer.layer({
          replies: {
            GetUserAttributeVerificationCode: TestLayer.serviceError("CodeDeliveryFailureException", "Unable to deliver the code.")
          }
        })
      )
    ))
})
