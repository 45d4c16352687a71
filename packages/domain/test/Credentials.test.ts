import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Ref from "effect/Ref"
import * as TestClock from "effect/TestClock"
import * as AuthConfig from "@cognito-effect/domain/AuthConfig"
import { CognitoServiceError, UserUnAuthenticatedException } from "@cognito-effect/domain/AuthError"
import * as AwsJson from "@cognito-effect/domain/AwsJson"
import * as Credentials from "@cognito-effect/domain/Credentials"
import { IdentityClient } from "@cognito-effect/domain/services/IdentityClient"
import { IdentityIdStore } from "@cognito-effect/domain/services/IdentityIdStore"
import { KeyValueStorage } from "@cognito-effect/domain/services/KeyValueStorage"
import * as Tokens from "@cognito-effect/domain/Tokens"
import * as TestLayer from "./steps/TestLayer.js"

const identityPoolId = "us-east-1:4a2e0b6a-3c1d-4f5e-8a9b-0c1d2e3f4a5b"
const guestId = "us-east-1:0f1e2d3c-4b5a-4968-8776-655443322110"
const userId = "us-east-1:9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d"
const storageKey = `com.amplify.Cognito.${identityPoolId}.identityId`

const config = (allowGuestAccess: boolean, withPool = true) =>
  Either.getOrThrow(
    AuthConfig.parse({
      Auth: {
        Cognito: {
          userPoolId: TestLayer.userPoolId,
          userPoolClientId: TestLayer.clientId,
          ...(withPool ? { identityPoolId, allowGuestAccess } : {})
        }
      }
    })
  )

/** `GetCredentialsForIdentity`'s answer; Expiration in epoch seconds. */
const credentials = (accessKeyId: string, expiration: number, identityId?: string) =>
  TestLayer.ok({
    ...(identityId === undefined ? {} : { IdentityId: identityId }),
    Credentials: {
      AccessKeyId: accessKeyId,
      SecretKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
      SessionToken: "IQoJb3JpZ2luX2VjEXAMPLE",
      Expiration: expiration
    }
  })

interface Sent {
  readonly operation: string
  readonly body: Record<string, unknown>
}

/** The provider over a scripted identity client and a map storage; answers come in order per operation. */
const setup = (options: {
  readonly allowGuestAccess?: boolean
  readonly withPool?: boolean
  readonly replies: Readonly<Record<string, ReadonlyArray<AwsJson.WireResponse>>>
  readonly stored?: Readonly<Record<string, string>>
}) =>
  Effect.gen(function* () {
    const sent = yield* Ref.make<ReadonlyArray<Sent>>([])
    const items = new Map(Object.entries(options.stored ?? {}))
    const counts = new Map<string, number>()
    const send: AwsJson.Send = (request) =>
      Effect.gen(function* () {
        yield* Ref.update(sent, (all) => [...all, { operation: request.operation, body: JSON.parse(request.body) }])
        const n = counts.get(request.operation) ?? 0
        counts.set(request.operation, n + 1)
        const reply = options.replies[request.operation]?.[n]
        return reply ?? (yield* Effect.dieMessage(`no answer for ${request.operation} #${n + 1}`))
      })
    const layer = Credentials.CredentialsProvider.layer.pipe(
      Layer.provideMerge(IdentityIdStore.layer),
      Layer.provideMerge(
        Layer.mergeAll(
          Layer.succeed(AuthConfig.AuthConfig, config(options.allowGuestAccess ?? false, options.withPool ?? true)),
          Layer.succeed(IdentityClient, AwsJson.makeClient(send, { retry: { maxAttempts: 1 } })),
          Layer.succeed(KeyValueStorage, {
            getItem: (key) => Effect.sync(() => Option.fromNullable(items.get(key))),
            setItem: (key, value) => Effect.sync(() => void items.set(key, value)),
            removeItem: (key) => Effect.sync(() => void items.delete(key)),
            clear: Effect.sync(() => items.clear())
          })
        )
      )
    )
    const provider = yield* Effect.provide(Credentials.CredentialsProvider, layer)
    return { provider, items, sent: Ref.get(sent) }
  })

const signedIn = (idToken = TestLayer.idTokenString()): Credentials.GetCredentialsOptions => ({
  authenticated: true,
  tokens: { ...TestLayer.session(), idToken: Either.getOrThrow(Tokens.decode(idToken)) }
})
const guest: Credentials.GetCredentialsOptions = { authenticated: false }

const hour = 3600

describe("Credentials", () => {
  it("the logins map keys the ID token by its issuer without the scheme", () => {
    const logins = Either.getOrThrow(Credentials.loginsFor(Either.getOrThrow(Tokens.decode(TestLayer.idTokenString()))))
    assert.deepStrictEqual(Object.keys(logins), [`cognito-idp.us-east-1.amazonaws.com/${TestLayer.userPoolId}`])
    assert.strictEqual(Redacted.value(Object.values(logins)[0]!), TestLayer.idTokenString())
    const noIssuer = Either.getOrThrow(Tokens.decode(TestLayer.jwt({ sub: "x" })))
    assert.strictEqual(Either.getLeft(Credentials.loginsFor(noIssuer)).pipe(Option.getOrThrow).code, "InvalidIdTokenException")
  })

  it("credentials are reused for 50 minutes, never past their Expiration", () => {
    assert.strictEqual(Credentials.refreshAt(0, new Date(hour * 1000)), 50 * 60 * 1000)
    assert.strictEqual(Credentials.refreshAt(0, new Date(20 * 60 * 1000)), 15 * 60 * 1000)
    assert.strictEqual(Credentials.refreshAt(0, new Date(4 * 60 * 1000)), 2 * 60 * 1000)
    assert.strictEqual(Credentials.refreshAt(0, undefined), 50 * 60 * 1000)
  })

  it.effect("nothing without an identity pool, nor for a guest unless guests are allowed", () =>
    Effect.gen(function* () {
      const noPool = yield* setup({ withPool: false, replies: {} })
      assert.isTrue(Option.isNone(yield* noPool.provider.getCredentialsAndIdentityId(signedIn())))
      const closed = yield* setup({ allowGuestAccess: false, replies: {} })
      assert.isTrue(Option.isNone(yield* closed.provider.getCredentialsAndIdentityId(guest)))
      assert.deepStrictEqual(yield* closed.sent, [])
    }))

  it.effect("a guest: GetId with empty logins, credentials without logins, the id kept in storage, cached", () =>
    Effect.gen(function* () {
      const { provider, items, sent } = yield* setup({
        allowGuestAccess: true,
        replies: {
          GetId: [TestLayer.ok({ IdentityId: guestId })],
          GetCredentialsForIdentity: [credentials("ASIAGUEST1", hour, guestId), credentials("ASIAGUEST2", 2 * hour, guestId)]
        }
      })
      const first = Option.getOrThrow(yield* provider.getCredentialsAndIdentityId(guest))
      assert.strictEqual(first.identityId, guestId)
      assert.strictEqual(first.credentials.accessKeyId, "ASIAGUEST1")
      assert.strictEqual(Redacted.value(first.credentials.secretAccessKey), "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
      assert.strictEqual(first.credentials.expiration?.getTime(), hour * 1000)
      assert.strictEqual(items.get(storageKey), guestId)
      assert.deepStrictEqual(yield* sent, [
        { operation: "GetId", body: { IdentityPoolId: identityPoolId, Logins: {} } },
        { operation: "GetCredentialsForIdentity", body: { IdentityId: guestId } }
      ])
      yield* TestClock.adjust("49 minutes")
      assert.strictEqual(Option.getOrThrow(yield* provider.getCredentialsAndIdentityId(guest)).credentials.accessKeyId, "ASIAGUEST1")
      yield* TestClock.adjust("1 minute")
      assert.strictEqual(Option.getOrThrow(yield* provider.getCredentialsAndIdentityId(guest)).credentials.accessKeyId, "ASIAGUEST2")
      assert.strictEqual((yield* sent).filter((s) => s.operation === "GetId").length, 1)
    }))

  it.effect("short credentials are replaced before their Expiration", () =>
    Effect.gen(function* () {
      const { provider } = yield* setup({
        allowGuestAccess: true,
        stored: { [storageKey]: guestId },
        replies: { GetCredentialsForIdentity: [credentials("ASIASHORT1", 20 * 60, guestId), credentials("ASIASHORT2", hour, guestId)] }
      })
      yield* provider.getCredentialsAndIdentityId(guest)
      yield* TestClock.adjust("14 minutes")
      assert.strictEqual(Option.getOrThrow(yield* provider.getCredentialsAndIdentityId(guest)).credentials.accessKeyId, "ASIASHORT1")
      yield* TestClock.adjust("1 minute")
      assert.strictEqual(Option.getOrThrow(yield* provider.getCredentialsAndIdentityId(guest)).credentials.accessKeyId, "ASIASHORT2")
    }))

  it.effect("signed in: logins on both calls, the primary id in memory only, new credentials for a new ID token", () =>
    Effect.gen(function* () {
      const { provider, items, sent } = yield* setup({
        replies: {
          GetId: [TestLayer.ok({ IdentityId: userId })],
          GetCredentialsForIdentity: [credentials("ASIAUSER1", hour, userId), credentials("ASIAUSER2", hour, userId), credentials("ASIAUSER3", hour, userId)]
        }
      })
      const login = { [`cognito-idp.us-east-1.amazonaws.com/${TestLayer.userPoolId}`]: TestLayer.idTokenString() }
      const first = Option.getOrThrow(yield* provider.getCredentialsAndIdentityId(signedIn()))
      assert.strictEqual(first.identityId, userId)
      assert.isFalse(items.has(storageKey))
      assert.strictEqual(Option.getOrThrow(yield* provider.getCredentialsAndIdentityId(signedIn())).credentials.accessKeyId, "ASIAUSER1")
      const refreshedIdToken = TestLayer.idTokenString({ exp: TestLayer.farFuture + 1 })
      const second = Option.getOrThrow(yield* provider.getCredentialsAndIdentityId(signedIn(refreshedIdToken)))
      assert.strictEqual(second.credentials.accessKeyId, "ASIAUSER2")
      const forced = Option.getOrThrow(yield* provider.getCredentialsAndIdentityId({ ...signedIn(refreshedIdToken), forceRefresh: true }))
      assert.strictEqual(forced.credentials.accessKeyId, "ASIAUSER3")
      assert.deepStrictEqual((yield* sent).slice(0, 2), [
        { operation: "GetId", body: { IdentityPoolId: identityPoolId, Logins: login } },
        { operation: "GetCredentialsForIdentity", body: { IdentityId: userId, Logins: login } }
      ])
      assert.strictEqual((yield* sent).filter((s) => s.operation === "GetId").length, 1)
    }))

  it.effect("a guest who signs in keeps the guest's identity id, as Amplify does: Cognito links the login to it", () =>
    Effect.gen(function* () {
      const { provider, items, sent } = yield* setup({
        stored: { [storageKey]: guestId },
        replies: { GetCredentialsForIdentity: [credentials("ASIALINKED", hour, guestId), credentials("ASIAAGAIN", hour, guestId)] }
      })
      const login = { [`cognito-idp.us-east-1.amazonaws.com/${TestLayer.userPoolId}`]: TestLayer.idTokenString() }
      assert.strictEqual(Option.getOrThrow(yield* provider.getCredentialsAndIdentityId(signedIn())).identityId, guestId)
      // Now the user's: in memory only, no longer the stored guest's.
      assert.isFalse(items.has(storageKey))
      yield* provider.getCredentialsAndIdentityId({ ...signedIn(), forceRefresh: true })
      assert.deepStrictEqual(yield* sent, [
        { operation: "GetCredentialsForIdentity", body: { IdentityId: guestId, Logins: login } },
        { operation: "GetCredentialsForIdentity", body: { IdentityId: guestId, Logins: login } }
      ])
    }))

  it.effect("a signing-in guest whose login already has an identity gets that one; a guest id another login took is replaced", () =>
    Effect.gen(function* () {
      const merged = yield* setup({ stored: { [storageKey]: guestId }, replies: { GetCredentialsForIdentity: [credentials("ASIAMERGED", hour, userId)] } })
      assert.strictEqual(Option.getOrThrow(yield* merged.provider.getCredentialsAndIdentityId(signedIn())).identityId, userId)

      const taken = yield* setup({
        stored: { [storageKey]: guestId },
        replies: {
          GetCredentialsForIdentity: [
            TestLayer.serviceError("NotAuthorizedException", "Logins don't match. Please include at least one valid login for this identity or identity pool."),
            credentials("ASIAOWN", hour, userId)
          ],
          GetId: [TestLayer.ok({ IdentityId: userId })]
        }
      })
      assert.strictEqual(Option.getOrThrow(yield* taken.provider.getCredentialsAndIdentityId(signedIn())).identityId, userId)
      assert.deepStrictEqual((yield* taken.sent).map((s) => s.operation), ["GetCredentialsForIdentity", "GetId", "GetCredentialsForIdentity"])
    }))

  it.effect("concurrent callers share one fetch", () =>
    Effect.gen(function* () {
      const { provider, sent } = yield* setup({
        replies: { GetId: [TestLayer.ok({ IdentityId: userId })], GetCredentialsForIdentity: [credentials("ASIAONCE", hour, userId)] }
      })
      const all = yield* Effect.all(Array.from({ length: 25 }, () => provider.getCredentialsAndIdentityId(signedIn())), { concurrency: "unbounded" })
      assert.strictEqual(new Set(all.map((c) => Option.getOrThrow(c).credentials.accessKeyId)).size, 1)
      assert.deepStrictEqual((yield* sent).map((s) => s.operation), ["GetId", "GetCredentialsForIdentity"])
    }))

  it.effect("clearCredentialsAndIdentityId forgets both; clearCredentials only the credentials", () =>
    Effect.gen(function* () {
      const { provider, items, sent } = yield* setup({
        allowGuestAccess: true,
        replies: {
          GetId: [TestLayer.ok({ IdentityId: guestId }), TestLayer.ok({ IdentityId: userId })],
          GetCredentialsForIdentity: [credentials("A1", hour, guestId), credentials("A2", hour, guestId), credentials("A3", hour, userId)]
        }
      })
      yield* provider.getCredentialsAndIdentityId(guest)
      yield* provider.clearCredentials
      assert.strictEqual(Option.getOrThrow(yield* provider.getCredentialsAndIdentityId(guest)).credentials.accessKeyId, "A2")
      assert.strictEqual(items.get(storageKey), guestId)
      yield* provider.clearCredentialsAndIdentityId
      assert.isFalse(items.has(storageKey))
      assert.strictEqual(Option.getOrThrow(yield* provider.getCredentialsAndIdentityId(guest)).identityId, userId)
      assert.deepStrictEqual((yield* sent).map((s) => s.operation), [
        "GetId", "GetCredentialsForIdentity", "GetCredentialsForIdentity", "GetId", "GetCredentialsForIdentity"
      ])
    }))

  it.effect("a stored guest id the pool does not know is replaced once", () =>
    Effect.gen(function* () {
      const { provider, items } = yield* setup({
        allowGuestAccess: true,
        stored: { [storageKey]: "us-east-1:00000000-0000-4000-8000-000000000000" },
        replies: {
          GetId: [TestLayer.ok({ IdentityId: guestId })],
          GetCredentialsForIdentity: [
            TestLayer.serviceError("ResourceNotFoundException", "Identity 'us-east-1:00000000-0000-4000-8000-000000000000' not found."),
            credentials("ASIANEW", hour, guestId)
          ]
        }
      })
      assert.strictEqual(Option.getOrThrow(yield* provider.getCredentialsAndIdentityId(guest)).identityId, guestId)
      assert.strictEqual(items.get(storageKey), guestId)
    }))

  it.effect("Amplify's errors for answers it cannot use", () =>
    Effect.gen(function* () {
      const noId = yield* setup({ allowGuestAccess: true, replies: { GetId: [TestLayer.ok({})] } })
      const getId = yield* Effect.flip(noId.provider.getCredentialsAndIdentityId(guest))
      assert.strictEqual(getId.amplifyName, "GetIdResponseException")

      const noKeys = yield* setup({
        allowGuestAccess: true,
        stored: { [storageKey]: guestId },
        replies: { GetCredentialsForIdentity: [TestLayer.ok({ IdentityId: guestId, Credentials: { AccessKeyId: "ASIA" } })] }
      })
      assert.strictEqual((yield* Effect.flip(noKeys.provider.getCredentialsAndIdentityId(guest))).amplifyName, "CredentialsNotFoundException")

      const withoutIdToken = yield* setup({ replies: {} })
      const { idToken: _dropped, ...accessOnly } = TestLayer.session()
      const error = yield* Effect.flip(withoutIdToken.provider.getCredentialsAndIdentityId({ authenticated: true, tokens: accessOnly }))
      assert.instanceOf(error, UserUnAuthenticatedException)

      const refused = yield* setup({ replies: { GetId: [TestLayer.serviceError("NotAuthorizedException", "Token is not from a supported provider of this identity pool.")] } })
      const service = yield* Effect.flip(refused.provider.getCredentialsAndIdentityId(signedIn()))
      assert.instanceOf(service, CognitoServiceError)
      assert.strictEqual(service.amplifyName, "NotAuthorizedException")
    }))
})
