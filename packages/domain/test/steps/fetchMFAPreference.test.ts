import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { AuthConfigError, CognitoServiceError, UserUnAuthenticatedException } from "@cognito-effect/domain/AuthError"
import { fetchMFAPreference } from "@cognito-effect/domain/steps/fetchMFAPreference"
import * as TestLayer from "./TestLayer.js"

const getUser = (mfa: Record<string, unknown>) =>
  TestLayer.ok({
    Username: TestLayer.username,
    UserAttributes: [{ Name: "sub", Value: TestLayer.sub }, { Name: "email", Value: "alice@example.com" }],
    ...mfa
  })

describe("fetchMFAPreference", () => {
  it.effect("sends GetUser and maps Cognito's MFA names to Amplify's", () =>
    Effect.gen(function* () {
      const output = yield* fetchMFAPreference()
      assert.deepStrictEqual(output, { enabled: ["SMS", "TOTP", "EMAIL"], preferred: "TOTP" })
      assert.deepStrictEqual(yield* TestLayer.onlyRequest, {
        operation: "GetUser",
        target: "AWSCognitoIdentityProviderService.GetUser",
        body: { AccessToken: TestLayer.accessTokenString() }
      })
    }).pipe(
      Effect.provide(
        TestLayer.layer({
          replies: {
            GetUser: getUser({
              PreferredMfaSetting: "SOFTWARE_TOKEN_MFA",
              UserMFASettingList: ["SMS_MFA", "SOFTWARE_TOKEN_MFA", "EMAIL_OTP"]
            })
          }
        })
      )
    ))

  it.effect("answers an empty object for a user without MFA", () =>
    Effect.gen(function* () {
      assert.deepStrictEqual(yield* fetchMFAPreference(), {})
    }).pipe(Effect.provide(TestLayer.layer({ replies: { GetUser: getUser({}) } }))))

  it.effect("keeps an empty list as an empty list, and drops names it does not know", () =>
    Effect.gen(function* () {
      assert.deepStrictEqual(yield* fetchMFAPreference(), { enabled: [] })
      assert.deepStrictEqual(yield* fetchMFAPreference(), { enabled: ["EMAIL"] })
    }).pipe(
      Effect.provide(
        TestLayer.layer({
          replies: {
            GetUser: [
              getUser({ UserMFASettingList: [] }),
              getUser({ UserMFASettingList: ["WEB_AUTHN", "EMAIL_OTP"], PreferredMfaSetting: "WEB_AUTHN" })
            ]
          }
        })
      )
    ))

  it.effect("needs a session and sends nothing without one", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(fetchMFAPreference())
      assert.instanceOf(error, UserUnAuthenticatedException)
      assert.deepStrictEqual(yield* TestLayer.requests, [])
    }).pipe(Effect.provide(TestLayer.layer({ session: null }))))

  it.effect("reports the missing configuration first", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(fetchMFAPreference())
      assert.instanceOf(error, AuthConfigError)
    }).pipe(Effect.provide(TestLayer.layer({ config: {}, session: null }))))

  it.effect("passes Cognito's error through with its name", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(fetchMFAPreference())
      assert.instanceOf(error, CognitoServiceError)
      assert.strictEqual(error.amplifyName, "UserNotFoundException")
    }).pipe(
      Effect.provide(TestLayer.layer({ replies: { GetUser: TestLayer.serviceError("UserNotFoundException", "User does not exist.") } }))
    ))
})
