import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Ref from "effect/Ref"
import { TransportError } from "@cognito-effect/domain/AuthError"
import { type CredentialsAndIdentityId, CredentialsProvider, type GetCredentialsOptions } from "@cognito-effect/domain/Credentials"
import { clearCredentials } from "@cognito-effect/domain/steps/clearCredentials"
import { fetchAuthSession } from "@cognito-effect/domain/steps/fetchAuthSession"
import { TokenStore } from "@cognito-effect/domain/services/TokenStore"
import * as TestLayer from "./TestLayer.js"

const issued: CredentialsAndIdentityId = {
  identityId: "us-east-1:9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d",
  credentials: {
    accessKeyId: "ASIAIOSFODNN7EXAMPLE",
    secretAccessKey: Redacted.make("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
    sessionToken: Redacted.make("IQoJb3JpZ2luX2VjEXAMPLE"),
    expiration: new Date(3_600_000)
  }
}

/** A credentials provider that records what it was asked and answers `answer`. */
const recordingProvider = (answer: Effect.Effect<Option.Option<CredentialsAndIdentityId>, TransportError>) =>
  Effect.gen(function* () {
    const asked = yield* Ref.make<ReadonlyArray<GetCredentialsOptions | "clear">>([])
    const layer = Layer.succeed(CredentialsProvider, {
      getCredentialsAndIdentityId: (options) => Effect.zipRight(Ref.update(asked, (all) => [...all, options]), answer),
      clearCredentials: Effect.void,
      clearCredentialsAndIdentityId: Ref.update(asked, (all) => [...all, "clear" as const])
    })
    return { layer, asked: Ref.get(asked) }
  })

describe("fetchAuthSession", () => {
  it.effect("a signed-out user gets an empty session, not an error", () =>
    Effect.gen(function* () {
      assert.deepStrictEqual(yield* fetchAuthSession(), {})
    }).pipe(Effect.provide(TestLayer.layer({ session: null }))))

  it.effect("signed in: the tokens, userSub, and the provider's credentials for those tokens", () =>
    Effect.gen(function* () {
      const { layer, asked } = yield* recordingProvider(Effect.succeed(Option.some(issued)))
      const session = yield* Effect.provide(fetchAuthSession({ forceRefresh: false }), layer)
      assert.strictEqual(session.userSub, TestLayer.sub)
      assert.strictEqual(Redacted.value(session.tokens!.accessToken.raw), TestLayer.accessTokenString())
      assert.deepStrictEqual(session.tokens!.signInDetails, { loginId: TestLayer.username, authFlowType: "USER_SRP_AUTH" })
      assert.strictEqual(session.identityId, issued.identityId)
      assert.strictEqual(session.credentials, issued.credentials)
      const [options] = yield* asked
      assert.isTrue(options !== "clear" && options!.authenticated && options!.forceRefresh === false)
    }).pipe(Effect.provide(TestLayer.layer())))

  it.effect("signed out: guest credentials when the provider has some", () =>
    Effect.gen(function* () {
      const { layer, asked } = yield* recordingProvider(Effect.succeed(Option.some(issued)))
      const session = yield* Effect.provide(fetchAuthSession({ forceRefresh: true }), layer)
      assert.deepStrictEqual(Object.keys(session).sort(), ["credentials", "identityId"])
      assert.deepStrictEqual(yield* asked, [{ authenticated: false, forceRefresh: true }])
    }).pipe(Effect.provide(TestLayer.layer({ session: null }))))

  it.effect("an identity-pool-only configuration never touches the user pool", () =>
    Effect.gen(function* () {
      const { layer } = yield* recordingProvider(Effect.succeed(Option.some(issued)))
      const session = yield* Effect.provide(fetchAuthSession(), layer)
      assert.strictEqual(session.identityId, issued.identityId)
      assert.isUndefined(session.tokens)
      assert.deepStrictEqual(yield* TestLayer.requests, [])
    }).pipe(Effect.provide(TestLayer.layer({ config: { Auth: { Cognito: { identityPoolId: "us-east-1:4a2e0b6a-3c1d-4f5e-8a9b-0c1d2e3f4a5b", allowGuestAccess: true } } } }))))

  it.effect("a credentials failure fails the call (as in Amplify) and leaves the tokens alone", () =>
    Effect.gen(function* () {
      const { layer } = yield* recordingProvider(Effect.fail(new TransportError({ reason: "Network", operation: "GetId", message: "offline" })))
      const error = yield* Effect.flip(Effect.provide(fetchAuthSession(), layer))
      assert.instanceOf(error, TransportError)
      assert.isTrue(Option.isSome(yield* Effect.flatMap(TokenStore, (store) => store.load)))
      const again = yield* fetchAuthSession()
      assert.isDefined(again.tokens)
    }).pipe(Effect.provide(TestLayer.layer())))

  it.effect("clearCredentials asks the provider to forget credentials and identity id", () =>
    Effect.gen(function* () {
      const { layer, asked } = yield* recordingProvider(Effect.succeed(Option.none()))
      yield* Effect.provide(clearCredentials(), layer)
      assert.deepStrictEqual(yield* asked, ["clear"])
      // without a provider there is nothing to clear
      yield* clearCredentials()
    }).pipe(Effect.provide(TestLayer.layer())))
})
