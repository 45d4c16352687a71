import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import {
  AuthConfigError,
  CognitoServiceError,
  TransportError,
  UserUnAuthenticatedException
} from "@cognito-effect/domain/AuthError"
import { fetchUserAttributes } from "@cognito-effect/domain/steps/fetchUserAttributes"
import * as TestLayer from "./TestLayer.js"

const getUser = {
  Username: TestLayer.username,
  UserAttributes: [
    { Name: "sub", Value: TestLayer.sub },
    { Name: "email_verified", Value: "true" },
    { Name: "phone_number", Value: "+15555550100" },
    { Name: "email", Value: "alice@example.com" },
    { Name: "custom:plan", Value: "pro" }
  ],
  PreferredMfaSetting: "SOFTWARE_TOKEN_MFA",
  UserMFASettingList: ["SOFTWARE_TOKEN_MFA"]
}

const rotated = TestLayer.accessTokenString({ exp: TestLayer.farFuture + 3600 })

describe("fetchUserAttributes", () => {
  it.effect("sends GetUser with the access token and answers the attributes as a record", () =>
    Effect.gen(function* () {
      const attributes = yield* fetchUserAttributes()
      assert.deepStrictEqual(attributes, {
        sub: TestLayer.sub,
        email_verified: "true",
        phone_number: "+15555550100",
        email: "alice@example.com",
        "custom:plan": "pro"
      })
      assert.deepStrictEqual(yield* TestLayer.onlyRequest, {
        operation: "GetUser",
        target: "AWSCognitoIdentityProviderService.GetUser",
        body: { AccessToken: TestLayer.accessTokenString() }
      })
    }).pipe(Effect.provide(TestLayer.layer({ replies: { GetUser: TestLayer.ok(getUser) } }))))

  it.effect("refreshes an expired session and sends the new access token", () =>
    Effect.gen(function* () {
      yield* fetchUserAttributes()
      const sent = yield* TestLayer.requests
      assert.deepStrictEqual(sent.map((r) => r.operation), ["GetTokensFromRefreshToken", "GetUser"])
      assert.deepStrictEqual(sent[1]!.body, { AccessToken: rotated })
    }).pipe(
      Effect.provide(
        TestLayer.layer({
          session: TestLayer.session({ exp: 1 }),
          replies: {
            GetTokensFromRefreshToken: TestLayer.ok({ AuthenticationResult: { AccessToken: rotated, IdToken: TestLayer.idTokenString() } }),
            GetUser: TestLayer.ok(getUser)
          }
        })
      )
    ))

  it.effect("fails with UserUnAuthenticatedException when signed out, without a request", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(fetchUserAttributes())
      assert.instanceOf(error, UserUnAuthenticatedException)
      assert.deepStrictEqual(yield* TestLayer.requests, [])
    }).pipe(Effect.provide(TestLayer.layer({ session: null }))))

  it.effect("checks the configuration before the session", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(fetchUserAttributes())
      assert.instanceOf(error, AuthConfigError)
      assert.strictEqual(error.amplifyName, "AuthUserPoolException")
    }).pipe(Effect.provide(TestLayer.layer({ config: {}, session: null }))))

  it.effect("passes Cognito's error through with its name", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(fetchUserAttributes())
      assert.instanceOf(error, CognitoServiceError)
      assert.strictEqual(error.amplifyName, "NotAuthorizedException")
      assert.strictEqual(error.message, "Access Token has been revoked")
    }).pipe(
      Effect.provide(
        TestLayer.layer({ replies: { GetUser: TestLayer.serviceError("NotAuthorizedException", "Access Token has been revoked") } })
      )
    ))

  it.effect("refuses a GetUser answer without UserAttributes as an invalid response", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(fetchUserAttributes())
      assert.instanceOf(error, TransportError)
      assert.strictEqual(error.reason, "InvalidResponse")
    }).pipe(Effect.provide(TestLayer.layer({ replies: { GetUser: TestLayer.ok({ Username: "alice" }) } }))))
})
