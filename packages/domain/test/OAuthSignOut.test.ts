import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { InvalidPreferredRedirectUrlException, OAuthSignOutException } from "@cognito-effect/domain/OAuthError"
import { TokenStore } from "@cognito-effect/domain/services/TokenStore"
import { signOut } from "@cognito-effect/domain/steps/signOut"
import * as OAuthTestLayer from "./steps/OAuthTestLayer.js"
import * as TestLayer from "./steps/TestLayer.js"

const { key } = OAuthTestLayer
const logout = (uri: string) =>
  `https://auth.example.com/logout?client_id=${TestLayer.clientId}&logout_uri=${encodeURIComponent(uri)}`

const hostedUiSession = {
  session: TestLayer.session(),
  stored: { [key("oauthSignIn")]: "true,false", [key("inflightOAuth")]: "false" }
}

describe("signOut of a hosted-UI session", () => {
  it.effect("signs out locally, then sends the browser to /logout with the sign-out URL of this page", () =>
    Effect.gen(function* () {
      yield* signOut()
      assert.isTrue(Option.isNone(yield* (yield* TokenStore).load))
      assert.deepStrictEqual((yield* TestLayer.events).map((e) => e.event), ["signedOut"])
      assert.deepStrictEqual(yield* OAuthTestLayer.navigations, [logout(OAuthTestLayer.signedOutPage)])
      assert.strictEqual((yield* OAuthTestLayer.storage).size, 0)
    }).pipe(Effect.provide(OAuthTestLayer.layer(hostedUiSession))))

  it.effect("recognises the session by its oauthMetadata when the mark is gone (storage shared with another app)", () =>
    Effect.gen(function* () {
      yield* (yield* TokenStore).setOAuthMetadata(TestLayer.username, { oauthSignIn: true })
      yield* signOut()
      assert.deepStrictEqual(yield* OAuthTestLayer.navigations, [logout("http://localhost:3000/bye")])
    }).pipe(Effect.provide(OAuthTestLayer.layer({ session: TestLayer.session(), url: "http://localhost:3000/app" }))))

  it.effect("uses the preferred sign-out URL when it is configured", () =>
    Effect.gen(function* () {
      yield* signOut({ oauth: { redirectUrl: "http://localhost:3000/bye" } })
      assert.deepStrictEqual(yield* OAuthTestLayer.navigations, [logout("http://localhost:3000/bye")])
    }).pipe(Effect.provide(OAuthTestLayer.layer(hostedUiSession))))

  it.effect("refuses an unknown preferred URL before touching the session", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(signOut({ global: true, oauth: { redirectUrl: "https://evil.example.net/" } }))
      assert.instanceOf(error, InvalidPreferredRedirectUrlException)
      assert.isTrue(Option.isSome(yield* (yield* TokenStore).load))
      assert.deepStrictEqual(yield* TestLayer.requests, [])
      assert.deepStrictEqual(yield* OAuthTestLayer.navigations, [])
      assert.deepStrictEqual(yield* TestLayer.events, [])
    }).pipe(Effect.provide(OAuthTestLayer.layer(hostedUiSession))))

  it.effect("does not leave the page for a session that did not come from the hosted UI, but forgets OAuth state", () =>
    Effect.gen(function* () {
      yield* signOut({ oauth: { redirectUrl: "https://not-checked.example.net/" } })
      assert.deepStrictEqual(yield* OAuthTestLayer.navigations, [])
      assert.strictEqual((yield* OAuthTestLayer.storage).size, 0)
      assert.deepStrictEqual((yield* TestLayer.events).map((e) => e.event), ["signedOut"])
    }).pipe(Effect.provide(OAuthTestLayer.layer({
      session: TestLayer.session(),
      stored: { [key("inflightOAuth")]: "true", [key("oauthState")]: "abc" }
    }))))

  it.effect("reports a browser that refuses to leave as OAuthSignOutException, after the local sign-out", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(signOut())
      assert.instanceOf(error, OAuthSignOutException)
      assert.strictEqual(error.message, "An error occurred when attempting to log out from OAuth provider.")
      assert.isTrue(Option.isNone(yield* (yield* TokenStore).load))
    }).pipe(Effect.provide(OAuthTestLayer.layer({ ...hostedUiSession, navigationFails: true }))))
})
