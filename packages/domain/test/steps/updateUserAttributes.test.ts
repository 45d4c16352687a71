import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { AuthConfigError, CognitoServiceError, UserUnAuthenticatedException } from "@cognito-effect/domain/AuthError"
import { outputFrom, updateUserAttributes } from "@cognito-effect/domain/steps/updateUserAttributes"
import * as TestLayer from "./TestLayer.js"

describe("updateUserAttributes", () => {
  it.effect("sends UpdateUserAttributes and marks attributes waiting for a code", () =>
    Effect.gen(function* () {
      const output = yield* updateUserAttributes({
        userAttributes: { email: "alice@new.example.com", name: "Alice Liddell", "custom:plan": "team" },
        options: { clientMetadata: { reason: "profile" } }
      })
      assert.deepStrictEqual(output, {
        email: {
          isUpdated: false,
          nextStep: {
            updateAttributeStep: "CONFIRM_ATTRIBUTE_WITH_CODE",
            codeDeliveryDetails: { destination: "a***@n***.com", deliveryMedium: "EMAIL", attributeName: "email" }
          }
        },
        name: { isUpdated: true, nextStep: { updateAttributeStep: "DONE" } },
        "custom:plan": { isUpdated: true, nextStep: { updateAttributeStep: "DONE" } }
      })
      assert.deepStrictEqual(yield* TestLayer.onlyRequest, {
        operation: "UpdateUserAttributes",
        target: "AWSCognitoIdentityProviderService.UpdateUserAttributes",
        body: {
          AccessToken: TestLayer.accessTokenString(),
          UserAttributes: [
            { Name: "email", Value: "alice@new.example.com" },
            { Name: "name", Value: "Alice Liddell" },
            { Name: "custom:plan", Value: "team" }
          ],
          ClientMetadata: { reason: "profile" }
        }
      })
    }).pipe(
      Effect.provide(
        TestLayer.layer({
          replies: {
            UpdateUserAttributes: TestLayer.ok({
              CodeDeliveryDetailsList: [{ Destination: "a***@n***.com", DeliveryMedium: "EMAIL", AttributeName: "email" }]
            })
          }
        })
      )
    ))

  it.effect("answers DONE for every attribute when Cognito sends no code, and sends an undefined value as a bare name", () =>
    Effect.gen(function* () {
      const output = yield* updateUserAttributes({ userAttributes: { nickname: "al", website: undefined } })
      assert.deepStrictEqual(output, {
        nickname: { isUpdated: true, nextStep: { updateAttributeStep: "DONE" } },
        website: { isUpdated: true, nextStep: { updateAttributeStep: "DONE" } }
      })
      assert.deepStrictEqual((yield* TestLayer.onlyRequest).body, {
        AccessToken: TestLayer.accessTokenString(),
        UserAttributes: [{ Name: "nickname", Value: "al" }, { Name: "website" }]
      })
    }).pipe(Effect.provide(TestLayer.layer({ replies: { UpdateUserAttributes: TestLayer.ok({}) } }))))

  it("maps deliveries Amplify's way: unnamed ones are skipped, unsent ones are added", () => {
    const output = outputFrom(["phone_number"], [
      { DeliveryMedium: "SMS", Destination: "+*******0100", AttributeName: "phone_number" },
      { DeliveryMedium: "EMAIL", Destination: "a***@e***.com" },
      { DeliveryMedium: "EMAIL", AttributeName: "email" }
    ])
    assert.deepStrictEqual(output, {
      phone_number: {
        isUpdated: false,
        nextStep: {
          updateAttributeStep: "CONFIRM_ATTRIBUTE_WITH_CODE",
          codeDeliveryDetails: { destination: "+*******0100", deliveryMedium: "SMS", attributeName: "phone_number" }
        }
      },
      email: {
        isUpdated: false,
        nextStep: { updateAttributeStep: "CONFIRM_ATTRIBUTE_WITH_CODE", codeDeliveryDetails: { deliveryMedium: "EMAIL", attributeName: "email" } }
      }
    })
  })

  it.effect("needs a session and sends nothing without one", () =>
    Effect.gen(function* () {
      const unauthenticated = yield* Effect.flip(updateUserAttributes({ userAttributes: { name: "x" } }))
      assert.instanceOf(unauthenticated, UserUnAuthenticatedException)
      assert.deepStrictEqual(yield* TestLayer.requests, [])
    }).pipe(Effect.provide(TestLayer.layer({ session: null }))))

  it.effect("reports the missing configuration first", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(updateUserAttributes({ userAttributes: { name: "x" } }))
      assert.instanceOf(error, AuthConfigError)
    }).pipe(Effect.provide(TestLayer.layer({ config: {}, session: null }))))

  it.effect("passes Cognito's error through with its name", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(updateUserAttributes({ userAttributes: { email: "taken@example.com" } }))
      assert.instanceOf(error, CognitoServiceError)
      assert.strictEqual(error.amplifyName, "AliasExistsException")
      assert.strictEqual(error.message, "An account with the given email already exists.")
    }).pipe(
      Effect.provide(
        TestLayer.layer({
          replies: { UpdateUserAttributes: TestLayer.serviceError("AliasExistsException", "An account with the given email already exists.") }
        })
      )
    ))
})
