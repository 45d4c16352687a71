import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import { CognitoServiceError, TransportError, UserUnAuthenticatedException } from "@cognito-effect/domain/AuthError"
import * as Authenticated from "@cognito-effect/domain/Authenticated"
import { TokenStore } from "@cognito-effect/domain/services/TokenStore"
import * as TestLayer from "./steps/TestLayer.js"

/** Expired at the TestClock's start (epoch 0): `exp` 1 s is inside the 5 s margin. */
const expired = TestLayer.session({ exp: 1 })

const rotatedAccessToken = TestLayer.jwt({
  sub: TestLayer.sub,
  token_use: "access",
  scope: "aws.cognito.signin.user.admin",
  client_id: TestLayer.clientId,
  username: TestLayer.username,
  exp: TestLayer.farFuture,
  iat: 1_700_003_600,
  jti: "8e7d6c5b-4a39-4281-b7c6-d5e4f3a2b1c0"
})

describe("Authenticated", () => {
  it.effect("answers the stored session and its raw access token, without a request", () =>
    Effect.gen(function* () {
      const session = yield* Authenticated.tokens
      assert.strictEqual(session.username, TestLayer.username)
      assert.strictEqual(Redacted.value(yield* Authenticated.accessToken), TestLayer.accessTokenString())
      assert.deepStrictEqual(yield* TestLayer.requests, [])
    }).pipe(Effect.provide(TestLayer.layer())))

  it.effect("fails with Amplify's UserUnAuthenticatedException when signed out", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(Authenticated.accessToken)
      assert.instanceOf(error, UserUnAuthenticatedException)
      assert.strictEqual(error.amplifyName, "UserUnAuthenticatedException")
      assert.strictEqual(error.message, "User needs to be authenticated to call this API.")
      assert.strictEqual(error.recoverySuggestion, "Sign in before calling this API again.")
    }).pipe(Effect.provide(TestLayer.layer({ session: null }))))

  it.effect("refreshes an expired session first and answers the new access token", () =>
    Effect.gen(function* () {
      assert.strictEqual(Redacted.value(yield* Authenticated.accessToken), rotatedAccessToken)
      assert.deepStrictEqual(yield* TestLayer.onlyRequest, {
        operation: "GetTokensFromRefreshToken",
        target: "AWSCognitoIdentityProviderService.GetTokensFromRefreshToken",
        body: { ClientId: TestLayer.clientId, RefreshToken: TestLayer.refreshTokenString }
      })
      assert.deepStrictEqual(yield* TestLayer.events, [{ event: "tokenRefresh" }])
    }).pipe(
      Effect.provide(
        TestLayer.layer({
          session: expired,
          replies: {
            GetTokensFromRefreshToken: TestLayer.ok({
              AuthenticationResult: {
                AccessToken: rotatedAccessToken,
                IdToken: TestLayer.idTokenString(),
                ExpiresIn: 3600,
                TokenType: "Bearer"
              }
            })
          }
        })
      )
    ))

  it.effect("reads a refresh refused with NotAuthorizedException as signed out", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(Authenticated.tokens)
      assert.instanceOf(error, UserUnAuthenticatedException)
      assert.isTrue(Option.isNone(yield* (yield* TokenStore).load))
    }).pipe(
      Effect.provide(
        TestLayer.layer({
          session: expired,
          replies: { GetTokensFromRefreshToken: TestLayer.serviceError("NotAuthorizedException", "Refresh Token has been revoked") }
        })
      )
    ))

  it.effect("passes a refresh failure that does not end the session through, keeping the session", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(Authenticated.tokens)
      assert.instanceOf(error, TransportError)
      assert.strictEqual(error.reason, "InvalidResponse")
      assert.isTrue(Option.isSome(yield* (yield* TokenStore).load))
    }).pipe(
      Effect.provide(
        TestLayer.layer({
          session: expired,
          replies: { GetTokensFromRefreshToken: { status: 200, headers: { "content-type": "text/html" }, body: "<html>captive portal</html>" } }
        })
      )
    ))

  it.effect("passes other session-ending refresh errors through by name", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(Authenticated.tokens)
      assert.instanceOf(error, CognitoServiceError)
      assert.strictEqual(error.amplifyName, "UserNotFoundException")
      assert.isTrue(Option.isNone(yield* (yield* TokenStore).load))
    }).pipe(
      Effect.provide(
        TestLayer.layer({
          session: expired,
          replies: { GetTokensFromRefreshToken: TestLayer.serviceError("UserNotFoundException", "User does not exist.") }
        })
      )
    ))
})
