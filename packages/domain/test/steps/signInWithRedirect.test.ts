import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { AuthConfigError, UserAlreadyAuthenticatedException } from "@cognito-effect/domain/AuthError"
import * as OAuth from "@cognito-effect/domain/OAuth"
import { InvalidOriginException, InvalidRedirectException, OAuthSignInException } from "@cognito-effect/domain/OAuthError"
import { signInWithRedirect } from "@cognito-effect/domain/steps/signInWithRedirect"
import * as OAuthTestLayer from "./OAuthTestLayer.js"
import * as TestLayer from "./TestLayer.js"

const { key } = OAuthTestLayer

const sentTo = Effect.map(OAuthTestLayer.navigations, (all) => {
  assert.strictEqual(all.length, 1)
  return new URL(all[0]!)
})

describe("signInWithRedirect", () => {
  it.effect("stores the flight under Amplify's keys and sends the browser to the hosted UI with PKCE", () =>
    Effect.gen(function* () {
      yield* signInWithRedirect()
      const url = yield* sentTo
      assert.strictEqual(url.origin + url.pathname, "https://auth.example.com/oauth2/authorize")
      const stored = yield* OAuthTestLayer.storage
      const state = stored.get(key("oauthState"))!
      const verifier = stored.get(key("oauthPKCE"))!
      assert.strictEqual(stored.get(key("inflightOAuth")), "true")
      assert.match(state, /^[A-Za-z0-9]{32}$/)
      assert.match(verifier, /^[A-Za-z0-9]{128}$/)
      assert.deepStrictEqual([...url.searchParams.entries()], [
        ["redirect_uri", OAuthTestLayer.callback],
        ["response_type", "code"],
        ["client_id", TestLayer.clientId],
        ["identity_provider", "COGNITO"],
        ["scope", "openid email aws.cognito.signin.user.admin"],
        ["state", state],
        ["code_challenge", OAuth.codeChallenge(verifier)],
        ["code_challenge_method", "S256"]
      ])
      assert.deepStrictEqual(yield* TestLayer.requests, [])
    }).pipe(Effect.provide(OAuthTestLayer.layer())))

  it.effect("carries the custom state, the provider and the options", () =>
    Effect.gen(function* () {
      yield* signInWithRedirect({
        provider: "Apple",
        customState: "/orders/42",
        options: { loginHint: "ada@example.com", lang: "fr", nonce: "n-0S6_WzA2Mj", prompt: "CONSENT" }
      })
      const params = (yield* sentTo).searchParams
      const state = (yield* OAuthTestLayer.storage).get(key("oauthState"))!
      assert.strictEqual(params.get("state"), state)
      assert.match(state, /^[A-Za-z0-9]{32}-2f6f72646572732f3432$/)
      assert.strictEqual(params.get("identity_provider"), "SignInWithApple")
      assert.strictEqual(params.get("login_hint"), "ada@example.com")
      assert.strictEqual(params.get("lang"), "fr")
      assert.strictEqual(params.get("nonce"), "n-0S6_WzA2Mj")
      assert.strictEqual(params.get("prompt"), "consent")
    }).pipe(Effect.provide(OAuthTestLayer.layer())))

  it.effect("picks the redirect URL of the page it runs on", () =>
    Effect.gen(function* () {
      yield* signInWithRedirect({ provider: { custom: "CorpOIDC" } })
      const params = (yield* sentTo).searchParams
      assert.strictEqual(params.get("redirect_uri"), "http://localhost:3000/")
      assert.strictEqual(params.get("identity_provider"), "CorpOIDC")
    }).pipe(Effect.provide(OAuthTestLayer.layer({ url: "http://localhost:3000/login" }))))

  it.effect("sends no PKCE challenge in the implicit flow", () =>
    Effect.gen(function* () {
      yield* signInWithRedirect()
      const params = (yield* sentTo).searchParams
      assert.strictEqual(params.get("response_type"), "token")
      assert.isFalse(params.has("code_challenge"))
    }).pipe(Effect.provide(OAuthTestLayer.layer({ config: OAuthTestLayer.config({ responseType: "token" }) }))))

  it.effect("refuses a signed-in user unless a prompt is asked for", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(signInWithRedirect())
      assert.instanceOf(error, UserAlreadyAuthenticatedException)
      assert.deepStrictEqual(yield* OAuthTestLayer.navigations, [])
      assert.strictEqual((yield* OAuthTestLayer.storage).size, 0)
      yield* signInWithRedirect({ options: { prompt: "LOGIN" } })
      assert.strictEqual((yield* OAuthTestLayer.navigations).length, 1)
    }).pipe(Effect.provide(OAuthTestLayer.layer({ session: TestLayer.session() }))))

  it.effect("fails with OAuthNotConfigureException without the OAuth configuration", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(signInWithRedirect())
      assert.instanceOf(error, AuthConfigError)
      assert.strictEqual(error.amplifyName, "OAuthNotConfigureException")
      assert.strictEqual(error.message, "oauth param not configured.")
    }).pipe(Effect.provide(OAuthTestLayer.layer({ config: TestLayer.config }))))

  it.effect("checks the user pool before the OAuth configuration", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(signInWithRedirect())
      assert.instanceOf(error, AuthConfigError)
      assert.strictEqual(error.amplifyName, "AuthUserPoolException")
    }).pipe(Effect.provide(OAuthTestLayer.layer({ config: {} }))))

  it.effect("refuses a page of another origin, storing nothing", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(signInWithRedirect())
      assert.instanceOf(error, InvalidOriginException)
      assert.strictEqual((yield* OAuthTestLayer.storage).size, 0)
      assert.deepStrictEqual(yield* OAuthTestLayer.navigations, [])
    }).pipe(Effect.provide(OAuthTestLayer.layer({ url: "https://evil.example.net/" }))))

  it.effect("refuses when no usable redirect URL is configured", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(signInWithRedirect())
      assert.instanceOf(error, InvalidRedirectException)
    }).pipe(Effect.provide(OAuthTestLayer.layer({ config: OAuthTestLayer.config({ redirectSignIn: ["myapp://callback"] }) }))))

  it.effect("clears the flight again when the browser refuses to leave", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(signInWithRedirect())
      assert.instanceOf(error, OAuthSignInException)
      assert.strictEqual(error.message, "navigation blocked")
      assert.strictEqual((yield* OAuthTestLayer.storage).size, 0)
    }).pipe(Effect.provide(OAuthTestLayer.layer({ navigationFails: true }))))
})
