import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { AuthConfigError, CognitoServiceError, UserUnAuthenticatedException } from "@cognito-effect/domain/AuthError"
import { mfaSettings, updateMFAPreference } from "@cognito-effect/domain/steps/updateMFAPreference"
import * as TestLayer from "./TestLayer.js"

describe("updateMFAPreference", () => {
  it("maps each preference as Amplify does", () => {
    assert.deepStrictEqual(mfaSettings("DISABLED"), { Enabled: false })
    assert.deepStrictEqual(mfaSettings("ENABLED"), { Enabled: true })
    assert.deepStrictEqual(mfaSettings("PREFERRED"), { Enabled: true, PreferredMfa: true })
    assert.deepStrictEqual(mfaSettings("NOT_PREFERRED"), { Enabled: true, PreferredMfa: false })
  })

  it.effect("sends SetUserMFAPreference with one settings member per factor given", () =>
    Effect.gen(function* () {
      const output = yield* updateMFAPreference({ sms: "NOT_PREFERRED", totp: "PREFERRED", email: "DISABLED" })
      assert.isUndefined(output)
      assert.deepStrictEqual(yield* TestLayer.onlyRequest, {
        operation: "SetUserMFAPreference",
        target: "AWSCognitoIdentityProviderService.SetUserMFAPreference",
        body: {
          AccessToken: TestLayer.accessTokenString(),
          SMSMfaSettings: { Enabled: true, PreferredMfa: false },
          SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
          EmailMfaSettings: { Enabled: false }
        }
      })
    }).pipe(Effect.provide(TestLayer.layer({ replies: { SetUserMFAPreference: TestLayer.ok() } }))))

  it.effect("leaves out the factors not given", () =>
    Effect.gen(function* () {
      yield* updateMFAPreference({ totp: "ENABLED" })
      yield* updateMFAPreference({})
      const [first, second] = yield* TestLayer.requests
      assert.deepStrictEqual(first!.body, { AccessToken: TestLayer.accessTokenString(), SoftwareTokenMfaSettings: { Enabled: true } })
      assert.deepStrictEqual(second!.body, { AccessToken: TestLayer.accessTokenString() })
    }).pipe(Effect.provide(TestLayer.layer({ replies: { SetUserMFAPreference: TestLayer.ok() } }))))

  it.effect("needs a session and sends nothing without one", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(updateMFAPreference({ totp: "PREFERRED" }))
      assert.instanceOf(error, UserUnAuthenticatedException)
      assert.deepStrictEqual(yield* TestLayer.requests, [])
    }).pipe(Effect.provide(TestLayer.layer({ session: null }))))

  it.effect("reports the missing configuration first", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(updateMFAPreference({ totp: "PREFERRED" }))
      assert.instanceOf(error, AuthConfigError)
    }).pipe(Effect.provide(TestLayer.layer({ config: {}, session: null }))))

  it.effect("passes Cognito's error through with its name", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(updateMFAPreference({ totp: "PREFERRED" }))
      assert.instanceOf(error, CognitoServiceError)
      assert.strictEqual(error.amplifyName, "InvalidParameterException")
      assert.strictEqual(error.message, "User has not verified software token mfa")
    }).pipe(
      Effect.provide(
        TestLayer.layer({
          replies: { SetUserMFAPreference: TestLayer.serviceError("InvalidParameterException", "User has not verified software token mfa") }
        })
      )
    ))
})
