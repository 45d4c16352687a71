import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { CognitoServiceError, UserUnAuthenticatedException } from "@cognito-effect/domain/AuthError"
import { updateUserAttribute } from "@cognito-effect/domain/steps/updateUserAttribute"
import * as TestLayer from "./TestLayer.js"

describe("updateUserAttribute", () => {
  it.effect("sends one attribute and answers its outcome alone", () =>
    Effect.gen(function* () {
      const output = yield* updateUserAttribute({
        userAttribute: { attributeKey: "phone_number", value: "+15555550199" },
        options: { clientMetadata: { reason: "phone" } }
      })
      assert.deepStrictEqual(output, {
        isUpdated: false,
        nextStep: {
          updateAttributeStep: "CONFIRM_ATTRIBUTE_WITH_CODE",
          codeDeliveryDetails: { destination: "+*******0199", deliveryMedium: "SMS", attributeName: "phone_number" }
        }
      })
      assert.deepStrictEqual(yield* TestLayer.onlyRequest, {
        operation: "UpdateUserAttributes",
        target: "AWSCognitoIdentityProviderService.UpdateUserAttributes",
        body: {
          AccessToken: TestLayer.accessTokenString(),
          UserAttributes: [{ Name: "phone_number", Value: "+15555550199" }],
          ClientMetadata: { reason: "phone" }
        }
      })
    }).pipe(
      Effect.provide(
        TestLayer.layer({
          replies: {
            UpdateUserAttributes: TestLayer.ok({
              CodeDeliveryDetailsList: [{ Destination: "+*******0199", DeliveryMedium: "SMS", AttributeName: "phone_number" }]
            })
          }
        })
      )
    ))

  it.effect("answers DONE when no code is needed", () =>
    Effect.gen(function* () {
      const output = yield* updateUserAttribute({ userAttribute: { attributeKey: "custom:plan", value: "team" } })
      assert.deepStrictEqual(output, { isUpdated: true, nextStep: { updateAttributeStep: "DONE" } })
      assert.deepStrictEqual((yield* TestLayer.onlyRequest).body, {
        AccessToken: TestLayer.accessTokenString(),
        UserAttributes: [{ Name: "custom:plan", Value: "team" }]
      })
    }).pipe(Effect.provide(TestLayer.layer({ replies: { UpdateUserAttributes: TestLayer.ok({}) } }))))

  it.effect("needs a session", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(updateUserAttribute({ userAttribute: { attributeKey: "name", value: "A" } }))
      assert.instanceOf(error, UserUnAuthenticatedException)
    }).pipe(Effect.provide(TestLayer.layer({ session: null }))))

  it.effect("passes Cognito's error through with its name", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(updateUserAttribute({ userAttribute: { attributeKey: "custom:unknown", value: "1" } }))
      assert.instanceOf(error, CognitoServiceError)
      assert.strictEqual(error.amplifyName, "InvalidParameterException")
    }).pipe(
      Effect.provide(
        TestLayer.layer({
          replies: {
            UpdateUserAttributes: TestLayer.serviceError("InvalidParameterException", "Attribute does not exist in the schema.")
          }
        })
      )
    ))
})
