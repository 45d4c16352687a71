import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import { OAuthTokenError } from "@cognito-effect/domain/OAuthError"
import { TokenStore } from "@cognito-effect/domain/services/TokenStore"
import { TokenProvider } from "@cognito-effect/domain/TokenProvider"
import * as OAuthTestLayer from "./steps/OAuthTestLayer.js"
import * as TestLayer from "./steps/TestLayer.js"

const markOAuth = Effect.flatMap(TokenStore, (store) => store.setOAuthMetadata(TestLayer.username, { oauthSignIn: true }))
const forceRefresh = Effect.flatMap(TokenProvider, (provider) => provider.getTokens({ forceRefresh: true }))

const fresh = () =>
  Either.right({
    access_token: Redacted.make(TestLayer.accessTokenString({ exp: TestLayer.farFuture + 60 })),
    expires_in: 3600,
    token_type: "Bearer"
  })

describe("refreshing a hosted-UI session", () => {
  it.effect("goes through /oauth2/token when the client asks for it, keeping the refresh token", () =>
    Effect.gen(function* () {
      yield* markOAuth
      const tokens = Option.getOrThrow(yield* forceRefresh)
      assert.strictEqual(tokens.accessToken.payload.exp, TestLayer.farFuture + 60)
      assert.strictEqual(Redacted.value(tokens.refreshToken!), TestLayer.refreshTokenString)
      assert.deepStrictEqual(yield* OAuthTestLayer.tokenRequests, [{
        url: "https://auth.example.com/oauth2/token",
        body: `grant_type=refresh_token&client_id=${TestLayer.clientId}&refresh_token=${encodeURIComponent(TestLayer.refreshTokenString)}`
      }])
      assert.deepStrictEqual(yield* TestLayer.requests, [])
      assert.deepStrictEqual((yield* TestLayer.events).map((e) => e.event), ["tokenRefresh"])
    }).pipe(Effect.provide(OAuthTestLayer.layer({ session: TestLayer.session(), refreshVia: "TokenEndpoint", tokenReplies: [fresh()] }))))

  it.effect("ends the session on invalid_grant, as on Cognito's NotAuthorizedException", () =>
    Effect.gen(function* () {
      yield* markOAuth
      assert.isTrue(Option.isNone(yield* forceRefresh))
      assert.isTrue(Option.isNone(yield* (yield* TokenStore).load))
      const [failure] = yield* TestLayer.events
      assert.deepStrictEqual(failure, {
        event: "tokenRefresh_failure",
        data: { error: { name: "NotAuthorizedException", message: "Refresh Token has been revoked", metadata: { httpStatusCode: 400 } } }
      })
    }).pipe(Effect.provide(OAuthTestLayer.layer({
      session: TestLayer.session(),
      refreshVia: "TokenEndpoint",
      tokenReplies: [Either.left(new OAuthTokenError({ error: "invalid_grant", message: "Refresh Token has been revoked", httpStatusCode: 400 }))]
    }))))

  it.effect("uses GetTokensFromRefreshToken by default, as Amplify does", () =>
    Effect.gen(function* () {
      yield* markOAuth
      yield* forceRefresh
      assert.deepStrictEqual(yield* TestLayer.operations, ["GetTokensFromRefreshToken"])
      assert.deepStrictEqual(yield* OAuthTestLayer.tokenRequests, [])
    }).pipe(Effect.provide(OAuthTestLayer.layer({
      session: TestLayer.session(),
      replies: { GetTokensFromRefreshToken: TestLayer.ok({ AuthenticationResult: { AccessToken: TestLayer.accessTokenString(), ExpiresIn: 3600 } }) }
    }))))

  it.effect("leaves sessions that did not come from the hosted UI to the API", () =>
    Effect.gen(function* () {
      yield* forceRefresh
      assert.deepStrictEqual(yield* TestLayer.operations, ["GetTokensFromRefreshToken"])
      assert.deepStrictEqual(yield* OAuthTestLayer.tokenRequests, [])
    }).pipe(Effect.provide(OAuthTestLayer.layer({
      session: TestLayer.session(),
      refreshVia: "TokenEndpoint",
      replies: { GetTokensFromRefreshToken: TestLayer.ok({ AuthenticationResult: { AccessToken: TestLayer.accessTokenString(), ExpiresIn: 3600 } }) }
    }))))
})
