import { assert, describe, it } from "@effect/vitest"
import { assertSome } from "@effect/vitest/utils"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import { TransportError } from "@cognito-effect/domain/AuthError"
import { OAuthSignInException, OAuthStateMismatchException, OAuthTokenError } from "@cognito-effect/domain/OAuthError"
import { TokenStore } from "@cognito-effect/domain/services/TokenStore"
import { completeSignInWithRedirect, isReturning } from "@cognito-effect/domain/steps/completeSignInWithRedirect"
import * as OAuthTestLayer from "./OAuthTestLayer.js"
import * as TestLayer from "./TestLayer.js"

const { callback, key } = OAuthTestLayer

const state = "q8VxJ2nC5aLr0TzWm3Hs9YbKd7Ue1GfP"
const verifier = "V".repeat(128)
const inFlight = {
  [key("inflightOAuth")]: "true",
  [key("oauthState")]: state,
  [key("oauthPKCE")]: verifier
}
const customState = `${state}-2f6f72646572732f3432`

const failureEvent = Effect.map(TestLayer.events, (events) => {
  const last = events.at(-1)
  assert.strictEqual(last?.event, "signInWithRedirect_failure")
  return last?.event === "signInWithRedirect_failure" ? last.data.error : undefined
})

const flightCleared = Effect.map(OAuthTestLayer.storage, (stored) => {
  for (const name of ["inflightOAuth", "oauthState", "oauthPKCE"]) assert.isFalse(stored.has(key(name)), name)
})

describe("completeSignInWithRedirect", () => {
  it.effect("exchanges the code with the verifier and stores an OAuth session", () =>
    Effect.gen(function* () {
      assert.isTrue(yield* isReturning)
      assert.deepStrictEqual(yield* completeSignInWithRedirect(), { isSignedIn: true })
      assert.deepStrictEqual(yield* OAuthTestLayer.tokenRequests, [{
        url: "https://auth.example.com/oauth2/token",
        body: `grant_type=authorization_code&code=6f7a2c1e-88b0-4c41-9d7e-1a2b3c4d5e6f&client_id=${TestLayer.clientId}` +
          `&redirect_uri=${encodeURIComponent(callback)}&code_verifier=${verifier}`
      }])
      const session = Option.getOrThrow(yield* (yield* TokenStore).load)
      assert.strictEqual(session.username, TestLayer.username)
      assert.strictEqual(Redacted.value(session.refreshToken!), TestLayer.refreshTokenString)
      assert.isUndefined(session.signInDetails)
      assertSome(yield* (yield* TokenStore).getOAuthMetadata(TestLayer.username), { oauthSignIn: true })
      yield* flightCleared
      assert.strictEqual((yield* OAuthTestLayer.storage).get(key("oauthSignIn")), "true,false")
      assert.deepStrictEqual(yield* OAuthTestLayer.replacements, [callback])
      assert.deepStrictEqual((yield* TestLayer.events).map((e) => e.event), ["signInWithRedirect", "signedIn"])
      assert.deepStrictEqual((yield* TestLayer.events).at(-1), {
        event: "signedIn",
        data: { username: TestLayer.username, userId: TestLayer.sub }
      })
      assert.isFalse(yield* isReturning)
    }).pipe(
      Effect.provide(OAuthTestLayer.layer({
        url: `${callback}?code=6f7a2c1e-88b0-4c41-9d7e-1a2b3c4d5e6f&state=${state}`,
        stored: inFlight,
        tokenReplies: [OAuthTestLayer.tokens()]
      }))
    ))

  it.effect("hands back the custom state, announced before signInWithRedirect and signedIn", () =>
    Effect.gen(function* () {
      assert.deepStrictEqual(yield* completeSignInWithRedirect(), { isSignedIn: true, customState: "/orders/42" })
      const events = yield* TestLayer.events
      assert.deepStrictEqual(events.map((e) => e.event), ["customOAuthState", "signInWithRedirect", "signedIn"])
      assert.deepStrictEqual(events[0], { event: "customOAuthState", data: "/orders/42" })
    }).pipe(
      Effect.provide(OAuthTestLayer.layer({
        url: `${callback}?code=c0de&state=${customState}`,
        stored: { ...inFlight, [key("oauthState")]: customState },
        tokenReplies: [OAuthTestLayer.tokens()]
      }))
    ))

  it.effect("does nothing when no redirect is in flight", () =>
    Effect.gen(function* () {
      assert.isFalse(yield* isReturning)
      assert.deepStrictEqual(yield* completeSignInWithRedirect(), { isSignedIn: false })
      assert.deepStrictEqual(yield* OAuthTestLayer.tokenRequests, [])
      assert.deepStrictEqual(yield* TestLayer.events, [])
    }).pipe(Effect.provide(OAuthTestLayer.layer({ url: `${callback}?code=c0de&state=${state}` }))))

  it.effect("refuses a tampered state before any token request", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(completeSignInWithRedirect())
      assert.instanceOf(error, OAuthStateMismatchException)
      assert.strictEqual(error.amplifyName, "oauthSignInError")
      assert.strictEqual(error.message, "An error occurred while validating the state.")
      assert.deepStrictEqual(yield* OAuthTestLayer.tokenRequests, [])
      assert.deepStrictEqual(yield* failureEvent, {
        name: "oauthSignInError",
        message: "An error occurred while validating the state.",
        recoverySuggestion: "Try to initiate an OAuth flow from Amplify"
      })
      yield* flightCleared
      assert.isTrue(Option.isNone(yield* (yield* TokenStore).load))
    }).pipe(
      Effect.provide(OAuthTestLayer.layer({ url: `${callback}?code=c0de&state=${state.replace("q", "Q")}`, stored: inFlight }))
    ))

  it.effect("fails with the hosted UI's error description", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(completeSignInWithRedirect())
      assert.instanceOf(error, OAuthSignInException)
      assert.strictEqual(error.message, "User denied consent")
      assert.strictEqual(error.recoverySuggestion, "Make sure Cognito Hosted UI has been configured correctly")
      assert.deepStrictEqual((yield* failureEvent)?.name, "OAuthSignInException")
      yield* flightCleared
    }).pipe(
      Effect.provide(OAuthTestLayer.layer({
        url: `${callback}?error_description=User%20denied%20consent&error=access_denied&state=${state}`,
        stored: inFlight
      }))
    ))

  it.effect("reads a return without a code as a cancelled flow", () =>
    Effect.gen(function* () {
      assert.isFalse(yield* isReturning)
      const error = yield* Effect.flip(completeSignInWithRedirect())
      assert.instanceOf(error, OAuthSignInException)
      assert.strictEqual(error.message, "User cancelled OAuth flow.")
    }).pipe(Effect.provide(OAuthTestLayer.layer({ url: callback, stored: inFlight }))))

  it.effect("turns the token endpoint's refusal into OAuthSignInException", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(completeSignInWithRedirect())
      assert.instanceOf(error, OAuthSignInException)
      assert.strictEqual(error.message, "invalid_grant")
      yield* flightCleared
      assert.deepStrictEqual(yield* OAuthTestLayer.replacements, [])
    }).pipe(
      Effect.provide(OAuthTestLayer.layer({
        url: `${callback}?code=c0de&state=${state}`,
        stored: inFlight,
        tokenReplies: [Either.left(new OAuthTokenError({ error: "invalid_grant", message: "invalid_grant", httpStatusCode: 400 }))]
      }))
    ))

  it.effect("keeps a transport failure typed, and clears the flight", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(completeSignInWithRedirect())
      assert.instanceOf(error, TransportError)
      assert.strictEqual((yield* failureEvent)?.name, "NetworkError")
      yield* flightCleared
    }).pipe(
      Effect.provide(OAuthTestLayer.layer({
        url: `${callback}?code=c0de&state=${state}`,
        stored: inFlight,
        tokenReplies: [Either.left(new TransportError({ reason: "Network", operation: "oauth2/token", message: "unreachable" }))]
      }))
    ))

  it.effect("sends no verifier when none was stored (Amplify's rule; Cognito then refuses a PKCE code)", () =>
    Effect.gen(function* () {
      yield* completeSignInWithRedirect()
      const [request] = yield* OAuthTestLayer.tokenRequests
      assert.notInclude(request!.body, "code_verifier")
    }).pipe(
      Effect.provide(OAuthTestLayer.layer({
        url: `${callback}?code=c0de&state=${state}`,
        stored: { [key("inflightOAuth")]: "true", [key("oauthState")]: state },
        tokenReplies: [OAuthTestLayer.tokens()]
      }))
    ))

  it.effect("takes the implicit flow's tokens from the fragment", () =>
    Effect.gen(function* () {
      assert.deepStrictEqual(yield* completeSignInWithRedirect(), { isSignedIn: true })
      assert.deepStrictEqual(yield* OAuthTestLayer.tokenRequests, [])
      const session = Option.getOrThrow(yield* (yield* TokenStore).load)
      assert.isUndefined(session.refreshToken)
      assert.strictEqual(session.username, TestLayer.username)
    }).pipe(
      Effect.provide(OAuthTestLayer.layer({
        config: OAuthTestLayer.config({ responseType: "token" }),
        url: `${callback}#access_token=${TestLayer.accessTokenString()}&id_token=${TestLayer.idTokenString()}` +
          `&token_type=Bearer&expires_in=3600&state=${state}`,
        stored: inFlight
      }))
    ))
})
