import { assert, describe, it } from "@effect/vitest"
import { assertSome } from "@effect/vitest/utils"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as TestClock from "effect/TestClock"
import { CognitoServiceError, TransportError } from "@cognito-effect/domain/AuthError"
import { RefreshLock } from "@cognito-effect/domain/services/RefreshLock"
import { TokenStore } from "@cognito-effect/domain/services/TokenStore"
import * as TokenProvider from "@cognito-effect/domain/TokenProvider"
import * as TestLayer from "./steps/TestLayer.js"

/** Expired at the TestClock's start (epoch 0): `exp` 1 s is inside the 5 s margin. */
const expired = TestLayer.session({ exp: 1 })

const freshAccessToken = (jti: string) =>
  TestLayer.jwt({
    sub: TestLayer.sub,
    token_use: "access",
    client_id: TestLayer.clientId,
    username: TestLayer.username,
    exp: TestLayer.farFuture,
    iat: 1_700_003_600,
    jti
  })

const refreshed = (options: { readonly refreshToken?: string; readonly jti?: string } = {}) =>
  TestLayer.ok({
    AuthenticationResult: {
      AccessToken: freshAccessToken(options.jti ?? "8e7d6c5b-4a39-4281-b7c6-d5e4f3a2b1c0"),
      IdToken: TestLayer.idTokenString(),
      ExpiresIn: 3600,
      TokenType: "Bearer",
      ...(options.refreshToken === undefined ? {} : { RefreshToken: options.refreshToken })
    }
  })

const getTokens = (options?: TokenProvider.GetTokensOptions) =>
  Effect.flatMap(TokenProvider.TokenProvider, (provider) => provider.getTokens(options))

const stored = Effect.flatMap(TokenStore, (store) => store.load)

const rawAccessToken = (tokens: Option.Option<{ readonly accessToken: { readonly raw: Redacted.Redacted<string> } }>) =>
  Option.map(tokens, (t) => Redacted.value(t.accessToken.raw))

/** A lock that locks nothing: what is left is the provider's own sharing. */
const noLock = Layer.succeed(RefreshLock, { withLock: (_name, effect) => effect })

describe("TokenProvider", () => {
  it.effect("answers a fresh session from the store without a request", () =>
    Effect.gen(function* () {
      assert.isTrue(Option.isSome(yield* getTokens()))
      assert.deepStrictEqual(yield* TestLayer.requests, [])
    }).pipe(Effect.provide(TestLayer.layer())))

  it.effect("refreshes within Amplify's 5-second margin of exp, counting the clock drift", () =>
    Effect.gen(function* () {
      // exp at 100 s; drift −2 s (the server clock is behind): expired once now − 2 s + 5 s > 100 s.
      // At 96 s it is fresh only because the drift counts (without it: 96 + 5 > 100).
      yield* TestClock.setTime(96_000)
      yield* getTokens()
      assert.deepStrictEqual(yield* TestLayer.requests, [])
      yield* TestClock.setTime(97_001)
      yield* getTokens()
      assert.deepStrictEqual(yield* TestLayer.operations, ["GetTokensFromRefreshToken"])
    }).pipe(
      Effect.provide(TestLayer.layer({ session: { ...TestLayer.session({ exp: 100 }), clockDrift: -2_000 }, replies: { GetTokensFromRefreshToken: refreshed() } }))
    ))

  it.effect("keeps the refresh token when none comes back, stores a rotated one when it does", () =>
    Effect.gen(function* () {
      yield* getTokens()
      const kept = yield* stored
      assert.strictEqual(Option.getOrThrow(kept).refreshToken && Redacted.value(Option.getOrThrow(kept).refreshToken!), TestLayer.refreshTokenString)
      yield* getTokens({ forceRefresh: true })
      const rotated = Option.getOrThrow(yield* stored)
      assert.strictEqual(Redacted.value(rotated.refreshToken!), "rotated-refresh-token")
      assert.deepStrictEqual(rotated.signInDetails, expired.signInDetails)
      assert.deepStrictEqual(yield* TestLayer.events, [{ event: "tokenRefresh" }, { event: "tokenRefresh" }])
    }).pipe(
      Effect.provide(
        TestLayer.layer({
          session: expired,
          replies: { GetTokensFromRefreshToken: [refreshed(), refreshed({ refreshToken: "rotated-refresh-token", jti: "second" })] }
        })
      )
    ))

  it.effect("concurrent callers share one refresh, even with no lock at all", () =>
    Effect.gen(function* () {
      const results = yield* Effect.all(Array.from({ length: 100 }, () => getTokens()), { concurrency: "unbounded" })
      assert.deepStrictEqual(yield* TestLayer.operations, ["GetTokensFromRefreshToken"])
      assert.strictEqual(new Set(results.map((r) => Option.getOrThrow(rawAccessToken(r)))).size, 1)
    }).pipe(
      Effect.provide(
        Layer.fresh(TokenProvider.TokenProvider.layer).pipe(
          Layer.provideMerge(Layer.mergeAll(TestLayer.layer({ session: expired, replies: { GetTokensFromRefreshToken: refreshed() } }), noLock))
        )
      )
    ))

  describe("instances sharing one session (tabs)", () => {
    const twoInstances = Effect.gen(function* () {
      const first = yield* TokenProvider.make
      const second = yield* TokenProvider.make
      return yield* Effect.all([first.getTokens(), second.getTokens()], { concurrency: 2 })
    })

    it.effect("with the shared lock, the second re-reads the session instead of refreshing again", () =>
      Effect.gen(function* () {
        const [a, b] = yield* twoInstances
        assert.deepStrictEqual(yield* TestLayer.operations, ["GetTokensFromRefreshToken"])
        assertSome(rawAccessToken(b), Option.getOrThrow(rawAccessToken(a)))
      }).pipe(Effect.provide(TestLayer.layer({ session: expired, replies: { GetTokensFromRefreshToken: refreshed() } }))))

    it.effect("without it, both refresh (what rotation punishes)", () =>
      Effect.gen(function* () {
        yield* twoInstances
        assert.deepStrictEqual(yield* TestLayer.operations, ["GetTokensFromRefreshToken", "GetTokensFromRefreshToken"])
      }).pipe(Effect.provide(Layer.mergeAll(TestLayer.layer({ session: expired, replies: { GetTokensFromRefreshToken: refreshed() } }), noLock))))
  })

  describe("failures", () => {
    const transient: ReadonlyArray<readonly [string, TestLayer.Reply, string]> = [
      ["an HTML page instead of JSON", { status: 200, headers: { "content-type": "text/html" }, body: "<html>captive portal</html>" }, "Unknown"],
      ["a 500", { ...TestLayer.serviceError("InternalErrorException", "An internal error occurred."), status: 500 }, "InternalErrorException"],
      ["throttling", TestLayer.serviceError("TooManyRequestsException", "Too many requests"), "TooManyRequestsException"]
    ]

    for (const [name, reply, amplifyName] of transient) {
      it.effect(`${name} keeps the session and fails with a typed error (retried when retryable)`, () =>
        Effect.gen(function* () {
          const fiber = yield* Effect.fork(Effect.flip(getTokens()))
          // Amplify's backoff between the attempts runs on the TestClock.
          yield* TestClock.adjust("5 seconds")
          const error = yield* Fiber.join(fiber)
          assert.isTrue(error instanceof TransportError || error instanceof CognitoServiceError)
          assert.strictEqual(error.amplifyName, amplifyName)
          assert.isTrue(Option.isSome(yield* stored))
          const attempts = (yield* TestLayer.operations).length
          assert.strictEqual(attempts, amplifyName === "Unknown" ? 1 : 3)
          assert.deepStrictEqual((yield* TestLayer.events).map((e) => e.event), ["tokenRefresh_failure"])
        }).pipe(Effect.provide(TestLayer.layer({ session: expired, replies: { GetTokensFromRefreshToken: reply } }))))
    }

    it.effect("a session without a refresh token (implicit grant) fails with TokenRefreshException and is kept", () => {
      const { refreshToken: _, ...implicit } = expired
      return Effect.gen(function* () {
        const error = yield* Effect.flip(getTokens())
        assert.strictEqual(error.amplifyName, "TokenRefreshException")
        assert.isTrue(Option.isSome(yield* stored))
        assert.deepStrictEqual(yield* TestLayer.operations, [])
        assert.deepStrictEqual((yield* TestLayer.events).map((e) => e.event), ["tokenRefresh_failure"])
      }).pipe(Effect.provide(TestLayer.layer({ session: implicit })))
    })

    for (const name of TokenProvider.sessionEndingErrors) {
      it.effect(`${name} ends the session`, () =>
        Effect.gen(function* () {
          const outcome = yield* Effect.either(getTokens())
          assert.isTrue(Option.isNone(yield* stored))
          if (name === "NotAuthorizedException") {
            assert.isTrue(outcome._tag === "Right" && Option.isNone(outcome.right))
          } else {
            assert.strictEqual(outcome._tag === "Left" && outcome.left instanceof CognitoServiceError && outcome.left.exception, name)
          }
          const events = yield* TestLayer.events
          // The event's error carries the service's metadata, as Amplify's does.
          assert.deepStrictEqual(events, [{
            event: "tokenRefresh_failure",
            data: { error: { name, message: "Refresh Token has been revoked", metadata: { httpStatusCode: 400, requestId: TestLayer.requestId } } }
          }])
        }).pipe(
          Effect.provide(
            TestLayer.layer({ session: expired, replies: { GetTokensFromRefreshToken: TestLayer.serviceError(name, "Refresh Token has been revoked") } })
          )
        ))
    }
  })

  describe("client metadata", () => {
    it.effect("sends the caller's, else the provider's", () =>
      Effect.gen(function* () {
        yield* getTokens({ forceRefresh: true, clientMetadata: { from: "caller" } })
        yield* getTokens({ forceRefresh: true })
        const bodies = (yield* TestLayer.requests).map((r) => (r.body as { ClientMetadata?: unknown }).ClientMetadata)
        assert.deepStrictEqual(bodies, [{ from: "caller" }, { from: "provider" }])
      }).pipe(
        Effect.provide(
          Layer.fresh(TokenProvider.TokenProvider.layer).pipe(
            Layer.provideMerge(
              Layer.mergeAll(
                Layer.succeed(TokenProvider.ClientMetadataProvider, Effect.succeed({ from: "provider" })),
                TestLayer.layer({ replies: { GetTokensFromRefreshToken: [refreshed({ jti: "a" }), refreshed({ jti: "b" })] } })
              )
            )
          )
        )
      ))
  })
})
