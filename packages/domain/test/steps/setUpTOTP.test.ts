import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import {
  AuthConfigError,
  CognitoServiceError,
  SetUpTOTPException,
  UserUnAuthenticatedException
} from "@cognito-effect/domain/AuthError"
import { setUpTOTP } from "@cognito-effect/domain/steps/setUpTOTP"
import * as TestLayer from "./TestLayer.js"

const secretCode = "T2JOBIUWWXAZ3FTTFZHL6WIZIR7JLMEVGEVJGNDZ2ZYAPXQ6U3JA"

describe("setUpTOTP", () => {
  it.effect("sends AssociateSoftwareToken with the access token and answers the secret and the URI builder", () =>
    Effect.gen(function* () {
      const output = yield* setUpTOTP()
      assert.strictEqual(output.sharedSecret, secretCode)
      // Amplify's quirk: the default account name is JSON.stringify(cognito:username), quotes included.
      assert.strictEqual(
        output.getSetupUri("MyApp").href,
        `otpauth://totp/MyApp:%22alice%22?secret=${secretCode}&issuer=MyApp`
      )
      assert.strictEqual(
        output.getSetupUri("My App", "alice@example.com").href,
        `otpauth://totp/My%20App:alice@example.com?secret=${secretCode}&issuer=My%20App`
      )
      assert.deepStrictEqual(yield* TestLayer.onlyRequest, {
        operation: "AssociateSoftwareToken",
        target: "AWSCognitoIdentityProviderService.AssociateSoftwareToken",
        body: { AccessToken: TestLayer.accessTokenString() }
      })
    }).pipe(Effect.provide(TestLayer.layer({ replies: { AssociateSoftwareToken: TestLayer.ok({ SecretCode: secretCode }) } }))))

  it.effect("names the account after cognito:username, not the alias the session is stored under", () =>
    Effect.gen(function* () {
      const output = yield* setUpTOTP()
      assert.strictEqual(
        output.getSetupUri("MyApp").href,
        `otpauth://totp/MyApp:%22${TestLayer.sub}%22?secret=${secretCode}&issuer=MyApp`
      )
    }).pipe(
      Effect.provide(
        TestLayer.layer({
          session: TestLayer.session({ cognitoUsername: TestLayer.sub, storedUsername: "alice@example.com" }),
          replies: { AssociateSoftwareToken: TestLayer.ok({ SecretCode: secretCode }) }
        })
      )
    ))

  it.effect("names the account after the access token's username when there is no ID token", () =>
    Effect.gen(function* () {
      const output = yield* setUpTOTP()
      assert.strictEqual(output.getSetupUri("MyApp").href, `otpauth://totp/MyApp:%22alice.l%22?secret=${secretCode}&issuer=MyApp`)
    }).pipe(
      Effect.provide(
        TestLayer.layer({
          session: TestLayer.session({ withIdToken: false, cognitoUsername: "alice.l", storedUsername: "alice@example.com" }),
          replies: { AssociateSoftwareToken: TestLayer.ok({ SecretCode: secretCode }) }
        })
      )
    ))

  it.effect("fails with SetUpTOTPException when Cognito returns no secret", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(setUpTOTP())
      assert.instanceOf(error, SetUpTOTPException)
      assert.strictEqual(error.amplifyName, "SetUpTOTPException")
      assert.strictEqual(error.message, "Failed to set up TOTP.")
    }).pipe(Effect.provide(TestLayer.layer({ replies: { AssociateSoftwareToken: TestLayer.ok({}) } }))))

  it.effect("needs a session and sends nothing without one", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(setUpTOTP())
      assert.instanceOf(error, UserUnAuthenticatedException)
      assert.deepStrictEqual(yield* TestLayer.requests, [])
    }).pipe(Effect.provide(TestLayer.layer({ session: null }))))

  it.effect("reports the missing configuration first", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(setUpTOTP())
      assert.instanceOf(error, AuthConfigError)
    }).pipe(Effect.provide(TestLayer.layer({ config: {}, session: null }))))

  it.effect("passes Cognito's error through with its name", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(setUpTOTP())
      assert.instanceOf(error, CognitoServiceError)
      assert.strictEqual(error.amplifyName, "SoftwareTokenMFANotFoundException")
    }).pipe(
      Effect.provide(
        TestLayer.layer({
          replies: {
            AssociateSoftwareToken: TestLayer.serviceError("SoftwareTokenMFANotFoundException", "Software Token MFA is not enabled for the user pool.")
          }
        })
      )
    ))
})
