import { assert, describe, it } from "@effect/vitest"
import { assertSome } from "@effect/vitest/utils"
import * as TokenStoreLive from "@cognito-effect/adapters/TokenStore"
import { AuthConfig, type ResolvedAuthConfig } from "@cognito-effect/domain/AuthConfig"
import { StorageError } from "@cognito-effect/domain/AuthError"
import type { KeyValueStorageService } from "@cognito-effect/domain/services/KeyValueStorage"
import { KeyValueStorage } from "@cognito-effect/domain/services/KeyValueStorage"
import { TokenStore, type TokenStoreService } from "@cognito-effect/domain/services/TokenStore"
import * as Tokens from "@cognito-effect/domain/Tokens"
import {
  CognitoAccessToken,
  CognitoIdToken,
  CognitoRefreshToken,
  CognitoUser,
  CognitoUserPool,
  CognitoUserSession
} from "amazon-cognito-identity-js"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"

const clientId = "5m1d1cgfm1h0vs3ahkq0jcd7rb"
const userPoolId = "us-east-1_Ab12Cd34E"
const prefix = `CognitoIdentityServiceProvider.${clientId}`
const iss = `https://cognito-idp.us-east-1.amazonaws.com/${userPoolId}`

const config: ResolvedAuthConfig = {
  userPool: {
    userPoolId,
    userPoolClientId: clientId,
    region: "us-east-1",
    poolName: "Ab12Cd34E",
    endpoint: "https://cognito-idp.us-east-1.amazonaws.com/",
    endpointOverridden: false,
    signUpVerificationMethod: "code"
  }
}

// -----------------------------------------------------------------------------
// sessions as Cognito issues them
// -----------------------------------------------------------------------------

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url")
const jwt = (payload: object) => `${b64url({ kid: "k1", alg: "RS256" })}.${b64url(payload)}.c2lnbmF0dXJl`

const nowSeconds = Math.floor(Date.now() / 1000)

/** Access + ID + refresh tokens of one authentication of `username` (`tag` makes it unique). */
const issue = (username: string, tag: string, options: { readonly withIdToken?: boolean; readonly sub?: string } = {}) => {
  const sub = options.sub ?? `sub-${username}`
  const shared = { sub, iss, auth_time: nowSeconds, origin_jti: `origin-${tag}`, event_id: `event-${tag}`, iat: nowSeconds }
  const access = jwt({
    ...shared,
    token_use: "access",
    scope: "aws.cognito.signin.user.admin",
    exp: nowSeconds + 3600,
    jti: `jti-a-${tag}`,
    client_id: clientId,
    username
  })
  const id = jwt({
    ...shared,
    token_use: "id",
    aud: clientId,
    "cognito:username": username,
    email: `${username}@example.com`,
    exp: nowSeconds + 3600,
    jti: `jti-i-${tag}`
  })
  return { access, id, refresh: `eyJjdHkiOiJKV1QiLCJlbmMiOiJBMjU2R0NNIn0.refresh-${tag}.iv.cipher.tag` }
}

const decoded = (raw: string) => Either.getOrThrow(Tokens.decode(raw))

const tokenSet = (
  username: string,
  tag: string,
  options: { readonly withIdToken?: boolean; readonly clockDrift?: number } = {}
): Tokens.TokenSet => {
  const raw = issue(username, tag)
  return {
    username,
    accessToken: decoded(raw.access),
    ...(options.withIdToken === false ? {} : { idToken: decoded(raw.id) }),
    refreshToken: Redacted.make(raw.refresh),
    clockDrift: options.clockDrift ?? -1234,
    signInDetails: { loginId: `${username}@example.com`, authFlowType: "USER_SRP_AUTH" }
  }
}

/** Everything a session is made of, comparable with deepStrictEqual. */
const fingerprint = (tokens: Option.Option<Tokens.TokenSet>) =>
  Option.map(tokens, (t) => ({
    username: t.username,
    accessToken: Redacted.value(t.accessToken.raw),
    idToken: t.idToken && Redacted.value(t.idToken.raw),
    refreshToken: t.refreshToken && Redacted.value(t.refreshToken),
    clockDrift: t.clockDrift,
    signInDetails: t.signInDetails
  }))

// -----------------------------------------------------------------------------
// storages
// -----------------------------------------------------------------------------

const mapStorage = (
  map: Map<string, string>,
  options: { readonly failAfterWrites?: number; readonly yieldEachCall?: boolean } = {}
): KeyValueStorageService => {
  let writes = 0
  const pause = options.yieldEachCall ? Effect.yieldNow() : Effect.void
  const write = (operation: "setItem" | "removeItem", key: string, run: () => void) =>
    Effect.zipRight(
      pause,
      Effect.suspend(() => {
        if (options.failAfterWrites !== undefined && writes >= options.failAfterWrites) {
          return Effect.fail(new StorageError({ operation, key, message: "simulated crash" }))
        }
        writes++
        run()
        return Effect.void
      })
    )
  return {
    getItem: (key) => Effect.zipRight(pause, Effect.sync(() => Option.fromNullable(map.get(key)))),
    setItem: (key, value) => write("setItem", key, () => map.set(key, value)),
    removeItem: (key) => write("removeItem", key, () => map.delete(key)),
    clear: Effect.sync(() => map.clear())
  }
}

const storeOver = (storage: KeyValueStorageService, resolved: ResolvedAuthConfig = config) =>
  TokenStoreLive.make.pipe(
    Effect.provideService(KeyValueStorage, storage),
    Effect.provideService(AuthConfig, resolved)
  )

const countWrites = (f: (store: TokenStoreService) => Effect.Effect<unknown, StorageError>, seed: Map<string, string>) =>
  Effect.gen(function*() {
    let writes = 0
    const inner = mapStorage(new Map(seed))
    const counting: KeyValueStorageService = {
      ...inner,
      setItem: (k, v) => Effect.zipRight(Effect.sync(() => writes++), inner.setItem(k, v)),
      removeItem: (k) => Effect.zipRight(Effect.sync(() => writes++), inner.removeItem(k))
    }
    yield* f(yield* storeOver(counting))
    return writes
  })

const sessionKeys = ["accessToken", "idToken", "refreshToken", "clockDrift", "signInDetails", "oauthMetadata"]

// -----------------------------------------------------------------------------

describe("TokenStore", () => {
  it("creates Amplify's 10 per-user keys", () => {
    const keys = TokenStoreLive.createKeysForAuthStorage(TokenStoreLive.AUTH_KEY_PREFIX, `${clientId}.alice`)
    assert.deepStrictEqual(Object.keys(keys).sort(), [
      "accessToken",
      "clockDrift",
      "deviceGroupKey",
      "deviceKey",
      "idToken",
      "oauthMetadata",
      "oidcProvider",
      "randomPasswordKey",
      "refreshToken",
      "signInDetails"
    ])
    assert.strictEqual(keys.accessToken, `${prefix}.alice.accessToken`)
    assert.strictEqual(keys.randomPasswordKey, `${prefix}.alice.randomPasswordKey`)
    assert.strictEqual(TokenStoreLive.lastAuthUserKey(clientId), `${prefix}.LastAuthUser`)
  })

  it.effect("round-trips a session under Amplify's keys", () =>
    Effect.gen(function*() {
      const store = yield* TokenStore
      assert.isTrue(Option.isNone(yield* store.load))
      const session = tokenSet("alice@example.com", "s1")
      yield* store.store(session)
      assertSome(fingerprint(yield* store.load), Option.getOrThrow(fingerprint(Option.some(session))))
      const storage = yield* KeyValueStorage
      assertSome(yield* storage.getItem(`${prefix}.LastAuthUser`), "alice@example.com")
      assertSome(yield* storage.getItem(`${prefix}.alice@example.com.clockDrift`), "-1234")
      assertSome(
        yield* storage.getItem(`${prefix}.alice@example.com.signInDetails`),
        `{"loginId":"alice@example.com@example.com","authFlowType":"USER_SRP_AUTH"}`
      )
    }).pipe(Effect.provide(TokenStoreLive.layer), Effect.provide(layerStorage())))

  it.effect("stores a session without ID token or sign-in details and removes stale ones", () =>
    Effect.gen(function*() {
      const store = yield* TokenStore
      yield* store.store(tokenSet("alice", "s1"))
      const { signInDetails: _, ...bare } = tokenSet("alice", "s2", { withIdToken: false })
      yield* store.store(bare)
      const loaded = yield* store.load
      assertSome(fingerprint(loaded), Option.getOrThrow(fingerprint(Option.some(bare))))
      const storage = yield* KeyValueStorage
      assert.isTrue(Option.isNone(yield* storage.getItem(`${prefix}.alice.idToken`)))
      assert.isTrue(Option.isNone(yield* storage.getItem(`${prefix}.alice.signInDetails`)))
    }).pipe(Effect.provide(TokenStoreLive.layer), Effect.provide(layerStorage())))

  it.effect("clear removes the session and LastAuthUser, keeps device keys", () =>
    Effect.gen(function*() {
      const store = yield* TokenStore
      const storage = yield* KeyValueStorage
      yield* store.store(tokenSet("alice", "s1"))
      yield* store.setOAuthMetadata("alice", { oauthSignIn: true })
      yield* store.storeDeviceMetadata("alice", device("d1"))
      yield* store.clear
      assert.isTrue(Option.isNone(yield* store.load))
      for (const key of [...sessionKeys.map((k) => `${prefix}.alice.${k}`), `${prefix}.LastAuthUser`]) {
        assert.isTrue(Option.isNone(yield* storage.getItem(key)), key)
      }
      assertSome(deviceFingerprint(yield* store.getDeviceMetadata("alice")), Option.getOrThrow(deviceFingerprint(Option.some(device("d1")))))
    }).pipe(Effect.provide(TokenStoreLive.layer), Effect.provide(layerStorage())))

  it.effect("storing another user's session removes the previous user's session keys, not its device", () =>
    Effect.gen(function*() {
      const store = yield* TokenStore
      const storage = yield* KeyValueStorage
      yield* store.store(tokenSet("alice", "s1"))
      yield* store.storeDeviceMetadata("alice", device("d1"))
      yield* store.store(tokenSet("bob", "s2"))
      assert.strictEqual(Option.getOrThrow(yield* store.load).username, "bob")
      for (const key of sessionKeys) {
        assert.isTrue(Option.isNone(yield* storage.getItem(`${prefix}.alice.${key}`)), key)
      }
      assert.isTrue(Option.isSome(yield* store.getDeviceMetadata("alice")))
    }).pipe(Effect.provide(TokenStoreLive.layer), Effect.provide(layerStorage())))

  describe("reading what others wrote", () => {
    it.effect("reads a session seeded the way Amplify v6 writes it", () =>
      Effect.gen(function*() {
        const raw = issue("alice", "amp")
        const map = new Map<string, string>([
          // DefaultTokenStore.storeTokens + cacheCognitoTokens, in their order
          [`${prefix}.LastAuthUser`, "alice"],
          [`${prefix}.alice.accessToken`, raw.access],
          [`${prefix}.alice.idToken`, raw.id],
          [`${prefix}.alice.refreshToken`, raw.refresh],
          [`${prefix}.alice.deviceKey`, "us-east-1_0b3e7c9a-device"],
          [`${prefix}.alice.deviceGroupKey`, "-Xyz12AbC"],
          [`${prefix}.alice.randomPasswordKey`, "c2VjcmV0LXJhbmRvbQ=="],
          [`${prefix}.alice.signInDetails`, `{"loginId":"alice","authFlowType":"USER_SRP_AUTH"}`],
          [`${prefix}.alice.clockDrift`, "-52"],
          [`${prefix}.alice.oauthMetadata`, `{"oauthSignIn":true}`]
        ])
        const store = yield* storeOver(mapStorage(map))
        const loaded = Option.getOrThrow(yield* store.load)
        assert.strictEqual(loaded.username, "alice")
        assert.strictEqual(Redacted.value(loaded.accessToken.raw), raw.access)
        assert.strictEqual(loaded.idToken && Redacted.value(loaded.idToken.raw), raw.id)
        assert.strictEqual(loaded.refreshToken && Redacted.value(loaded.refreshToken), raw.refresh)
        assert.strictEqual(loaded.clockDrift, -52)
        assert.deepStrictEqual(loaded.signInDetails, { loginId: "alice", authFlowType: "USER_SRP_AUTH" })
        const deviceMetadata = Option.getOrThrow(yield* store.getDeviceMetadata("alice"))
        assert.strictEqual(deviceMetadata.deviceKey, "us-east-1_0b3e7c9a-device")
        assert.strictEqual(Redacted.value(deviceMetadata.randomPassword), "c2VjcmV0LXJhbmRvbQ==")
        assertSome(yield* store.getOAuthMetadata("alice"), { oauthSignIn: true })
      }))

    it.effect("reads a session cached by amazon-cognito-identity-js (v5)", () =>
      Effect.gen(function*() {
        const map = new Map<string, string>()
        const pool = new CognitoUserPool({ UserPoolId: userPoolId, ClientId: clientId, Storage: syncStorage(map) })
        const user = new CognitoUser({ Username: "alice", Pool: pool, Storage: syncStorage(map) })
        const raw = issue("alice", "v5")
        user.setSignInUserSession(
          new CognitoUserSession({
            IdToken: new CognitoIdToken({ IdToken: raw.id }),
            AccessToken: new CognitoAccessToken({ AccessToken: raw.access }),
            RefreshToken: new CognitoRefreshToken({ RefreshToken: raw.refresh })
          })
        )
        const store = yield* storeOver(mapStorage(map))
        const loaded = Option.getOrThrow(yield* store.load)
        assert.strictEqual(loaded.username, "alice")
        assert.strictEqual(Redacted.value(loaded.accessToken.raw), raw.access)
        assert.strictEqual(loaded.idToken && Redacted.value(loaded.idToken.raw), raw.id)
        assert.strictEqual(loaded.refreshToken && Redacted.value(loaded.refreshToken), raw.refresh)
        // v5 measured its drift itself (in seconds); Amplify v6 and we read the number as it is.
        assert.strictEqual(loaded.clockDrift, Number(map.get(`${prefix}.alice.clockDrift`)))
      }))

    it.effect("writes a session amazon-cognito-identity-js (v5) reads back", () =>
      Effect.gen(function*() {
        const map = new Map<string, string>()
        const session = tokenSet("alice", "ours", { clockDrift: 0 })
        yield* (yield* storeOver(mapStorage(map))).store(session)
        const pool = new CognitoUserPool({ UserPoolId: userPoolId, ClientId: clientId, Storage: syncStorage(map) })
        const user = pool.getCurrentUser()
        assert.isNotNull(user)
        assert.strictEqual(user!.getUsername(), "alice")
        const read = yield* Effect.async<CognitoUserSession, Error>((resume) =>
          user!.getSession((error: Error | null, result: CognitoUserSession | null) =>
            resume(error === null && result !== null ? Effect.succeed(result) : Effect.fail(error ?? new Error("no session")))
          )
        )
        assert.strictEqual(read.getAccessToken().getJwtToken(), Redacted.value(session.accessToken.raw))
        assert.strictEqual(read.getIdToken().getJwtToken(), Redacted.value(session.idToken!.raw))
        assert.strictEqual(read.getRefreshToken().getToken(), Redacted.value(session.refreshToken!))
      }))

    it.effect("writes a session Amplify v6's loadTokens reads back", () =>
      Effect.gen(function*() {
        const map = new Map<string, string>()
        const session = tokenSet("alice@example.com", "ours")
        yield* (yield* storeOver(mapStorage(map))).store(session)
        const amplify = amplifyV6LoadTokens(map, clientId)
        assert.isNotNull(amplify)
        assert.strictEqual(amplify!.username, "alice@example.com")
        assert.strictEqual(amplify!.accessToken, Redacted.value(session.accessToken.raw))
        assert.strictEqual(amplify!.idToken, Redacted.value(session.idToken!.raw))
        assert.strictEqual(amplify!.refreshToken, Redacted.value(session.refreshToken!))
        assert.strictEqual(amplify!.clockDrift, -1234)
        assert.deepStrictEqual(amplify!.signInDetails, session.signInDetails)
      }))

    it.effect("uses the literal 'username' when LastAuthUser is absent, as Amplify does", () =>
      Effect.gen(function*() {
        const raw = issue("username", "legacy")
        const map = new Map([[`${prefix}.username.accessToken`, raw.access]])
        const loaded = Option.getOrThrow(yield* (yield* storeOver(mapStorage(map))).load)
        assert.strictEqual(loaded.username, "username")
        assert.strictEqual(loaded.clockDrift, 0)
        assert.isUndefined(loaded.idToken)
        assert.isUndefined(loaded.refreshToken)
      }))
  })

  describe("corrupt content", () => {
    const seeded = (overrides: Record<string, string>) => {
      const raw = issue("alice", "s1")
      const map = new Map<string, string>([
        [`${prefix}.LastAuthUser`, "alice"],
        [`${prefix}.alice.accessToken`, raw.access],
        [`${prefix}.alice.idToken`, raw.id],
        [`${prefix}.alice.refreshToken`, raw.refresh],
        [`${prefix}.alice.clockDrift`, "10"],
        [`${prefix}.alice.signInDetails`, `{"loginId":"alice"}`]
      ])
      for (const [k, v] of Object.entries(overrides)) map.set(`${prefix}.alice.${k}`, v)
      return Effect.flatMap(storeOver(mapStorage(map)), (store) => store.load)
    }

    it.effect("a non-JWT access token reads as signed out", () =>
      Effect.gen(function*() {
        assert.isTrue(Option.isNone(yield* seeded({ accessToken: "not-a-jwt" })))
        assert.isTrue(Option.isNone(yield* seeded({ accessToken: "a.%%%.c" })))
        assert.isTrue(Option.isNone(yield* seeded({ accessToken: `x.${b64url([1, 2])}.y` })))
        assert.isTrue(Option.isNone(yield* seeded({ accessToken: "" })))
      }))

    it.effect("bad signInDetails JSON, NaN clockDrift, a corrupt ID token are dropped, not fatal", () =>
      Effect.gen(function*() {
        const loaded = Option.getOrThrow(yield* seeded({ signInDetails: "{loginId:", clockDrift: "NaN", idToken: "garbage" }))
        assert.isUndefined(loaded.signInDetails)
        assert.strictEqual(loaded.clockDrift, 0)
        assert.isUndefined(loaded.idToken)
        assert.isDefined(loaded.refreshToken)
        const wrongShape = Option.getOrThrow(yield* seeded({ signInDetails: `{"loginId":42}`, clockDrift: "12abc" }))
        assert.isUndefined(wrongShape.signInDetails)
        assert.strictEqual(wrongShape.clockDrift, 0)
        const nullDetails = Option.getOrThrow(yield* seeded({ signInDetails: "null", refreshToken: "" }))
        assert.isUndefined(nullDetails.signInDetails)
        assert.isUndefined(nullDetails.refreshToken)
      }))

    it.effect("an ID token from another session is dropped", () =>
      Effect.gen(function*() {
        const other = issue("alice", "s0")
        const loaded = Option.getOrThrow(yield* seeded({ idToken: other.id }))
        assert.isUndefined(loaded.idToken)
        const otherUser = issue("mallory", "s1", { sub: "sub-mallory" })
        assert.isUndefined(Option.getOrThrow(yield* seeded({ idToken: otherUser.id })).idToken)
        const same = issue("alice", "s1")
        assert.isDefined(Option.getOrThrow(yield* seeded({ idToken: same.id })).idToken)
      }))

    it("sameSession compares the claims tokens issued together share", () => {
      const access = decoded(jwt({ sub: "s", origin_jti: "o", event_id: "e", client_id: clientId }))
      assert.isTrue(TokenStoreLive.sameSession(access, decoded(jwt({ sub: "s", origin_jti: "o", aud: clientId }))))
      assert.isTrue(TokenStoreLive.sameSession(access, decoded(jwt({ sub: "s", aud: ["other", clientId] }))))
      assert.isFalse(TokenStoreLive.sameSession(access, decoded(jwt({ sub: "s", aud: "another-client" }))))
      assert.isFalse(TokenStoreLive.sameSession(access, decoded(jwt({ sub: "s", event_id: "e2" }))))
      assert.isFalse(TokenStoreLive.sameSession(access, decoded(jwt({ sub: "t" }))))
    })

    it.effect("a partial device entry reads as no device", () =>
      Effect.gen(function*() {
        const map = new Map([
          [`${prefix}.alice.deviceKey`, "dk"],
          [`${prefix}.alice.deviceGroupKey`, "gk"]
        ])
        const store = yield* storeOver(mapStorage(map))
        assert.isTrue(Option.isNone(yield* store.getDeviceMetadata("alice")))
        map.set(`${prefix}.alice.randomPasswordKey`, "pw")
        assert.isTrue(Option.isSome(yield* store.getDeviceMetadata("alice")))
      }))

    it.effect("corrupt oauthMetadata reads as none", () =>
      Effect.gen(function*() {
        const map = new Map([[`${prefix}.alice.oauthMetadata`, "{oops"]])
        const store = yield* storeOver(mapStorage(map))
        assert.isTrue(Option.isNone(yield* store.getOAuthMetadata("alice")))
        yield* store.setOAuthMetadata("alice", { oauthSignIn: false })
        assertSome(yield* store.getOAuthMetadata("alice"), { oauthSignIn: false })
        assert.strictEqual(map.get(`${prefix}.alice.oauthMetadata`), `{"oauthSignIn":false}`)
      }))
  })

  describe("crash safety", () => {
    /** Old → new transitions worth crashing in. */
    const transitions: ReadonlyArray<readonly [string, Tokens.TokenSet | undefined, Tokens.TokenSet]> = [
      ["first sign-in", undefined, tokenSet("alice", "n1")],
      ["refresh of the same user", tokenSet("alice", "o1"), tokenSet("alice", "n1", { clockDrift: 99 })],
      ["another user", tokenSet("alice", "o1"), tokenSet("bob", "n1")],
      ["new session gains an ID token", tokenSet("alice", "o1", { withIdToken: false }), tokenSet("alice", "n1")],
      ["new session loses its ID token", tokenSet("alice", "o1"), tokenSet("alice", "n1", { withIdToken: false })]
    ]

    const seededWith = (session: Tokens.TokenSet | undefined) =>
      Effect.gen(function*() {
        const map = new Map<string, string>()
        if (session !== undefined) yield* (yield* storeOver(mapStorage(map))).store(session)
        return map
      })

    for (const [name, old, next] of transitions) {
      it.effect(`a store interrupted after any write reads as old, new or signed out (${name})`, () =>
        Effect.gen(function*() {
          const seed = yield* seededWith(old)
          const total = yield* countWrites((store) => store.store(next), seed)
          const allowed = [Option.none(), fingerprint(Option.fromNullable(old)), fingerprint(Option.some(next))]
          const seen = new Set<string>()
          for (let n = 0; n <= total; n++) {
            const map = new Map(seed)
            const exit = yield* Effect.exit((yield* storeOver(mapStorage(map, { failAfterWrites: n }))).store(next))
            assert.strictEqual(Exit.isSuccess(exit), n === total, `write ${n} of ${total}`)
            const healthy = yield* storeOver(mapStorage(map))
            const read = fingerprint(yield* healthy.load)
            assert.isTrue(
              allowed.some((a) => JSON.stringify(a) === JSON.stringify(read)),
              `after ${n} writes: ${JSON.stringify(read)}`
            )
            seen.add(JSON.stringify(read))
            // A sign-out after the crash leaves no session key behind.
            yield* healthy.clear
            const leftovers = Array.from(map.keys()).filter((k) => sessionKeys.some((s) => k.endsWith(`.${s}`)))
            assert.deepStrictEqual(leftovers, [], `after ${n} writes`)
          }
          assert.isTrue(seen.has(JSON.stringify(fingerprint(Option.some(next)))))
        }))
    }

    it.effect("a clear interrupted after any write reads as the old session or signed out", () =>
      Effect.gen(function*() {
        const old = tokenSet("alice", "o1")
        const seed = yield* seededWith(old)
        const total = yield* countWrites((store) => store.clear, seed)
        assert.isAbove(total, 1)
        for (let n = 0; n <= total; n++) {
          const map = new Map(seed)
          yield* Effect.exit((yield* storeOver(mapStorage(map, { failAfterWrites: n }))).clear)
          const healthy = yield* storeOver(mapStorage(map))
          const read = fingerprint(yield* healthy.load)
          assert.isTrue(n === 0 ? Option.isSome(read) : Option.isNone(read), `after ${n} writes`)
          yield* healthy.clear
          assert.deepStrictEqual(Array.from(map.keys()), [], `a retried clear finishes the job after ${n} writes`)
        }
      }))

    it.effect("device keys interrupted mid-write read as the old device, the new one, or none", () =>
      Effect.gen(function*() {
        const seed = new Map<string, string>()
        yield* (yield* storeOver(mapStorage(seed))).storeDeviceMetadata("alice", device("old"))
        const allowed = [Option.none(), Option.some(device("old")), Option.some(device("new"))].map(deviceFingerprint)
        for (let n = 0; n <= 4; n++) {
          const map = new Map(seed)
          yield* Effect.exit((yield* storeOver(mapStorage(map, { failAfterWrites: n }))).storeDeviceMetadata("alice", device("new")))
          const read = deviceFingerprint(yield* (yield* storeOver(mapStorage(map))).getDeviceMetadata("alice"))
          assert.isTrue(allowed.some((a) => JSON.stringify(a) === JSON.stringify(read)), `after ${n} writes`)
        }
      }))

    it.effect("two fibers storing different sessions leave one of them, whole", () =>
      Effect.gen(function*() {
        for (const [a, b] of [
          [tokenSet("alice", "a1"), tokenSet("bob", "b1")],
          [tokenSet("alice", "a1"), tokenSet("alice", "a2", { withIdToken: false, clockDrift: 7 })]
        ] as const) {
          const map = new Map<string, string>()
          const store = yield* storeOver(mapStorage(map, { yieldEachCall: true }))
          yield* Effect.all([store.store(a), store.store(b), store.load], { concurrency: "unbounded" })
          const read = JSON.stringify(fingerprint(yield* store.load))
          const winner = [a, b].find((s) => JSON.stringify(fingerprint(Option.some(s))) === read)
          assert.isDefined(winner, read)
          const loser = winner === a ? b : a
          if (loser.username !== winner!.username) {
            const leftovers = Array.from(map.keys()).filter((k) => k.includes(`.${loser.username}.`))
            assert.deepStrictEqual(leftovers, [])
          }
        }
      }))
  })

  describe("without a user pool", () => {
    it.effect("reads nothing and treats a write as a defect", () =>
      Effect.gen(function*() {
        const store = yield* storeOver(mapStorage(new Map()), {})
        assert.isTrue(Option.isNone(yield* store.load))
        yield* store.clear
        const exit = yield* Effect.exit(store.store(tokenSet("alice", "s1")))
        assert.isTrue(Exit.isFailure(exit) && Exit.causeOption(exit).pipe(Option.exists((c) => c._tag === "Die")))
      }))
  })
})

// -----------------------------------------------------------------------------
// helpers
// -----------------------------------------------------------------------------

function layerStorage() {
  return Layer.sync(KeyValueStorage, () => mapStorage(new Map())).pipe(Layer.merge(Layer.succeed(AuthConfig, config)))
}

function device(tag: string): Tokens.DeviceMetadata {
  return { deviceKey: `us-east-1_${tag}`, deviceGroupKey: `group-${tag}`, randomPassword: Redacted.make(`pw-${tag}`) }
}

function deviceFingerprint(device: Option.Option<Tokens.DeviceMetadata>) {
  return Option.map(device, (d) => ({ ...d, randomPassword: Redacted.value(d.randomPassword) }))
}

/** amazon-cognito-identity-js takes a synchronous storage. */
function syncStorage(map: Map<string, string>) {
  return {
    setItem: (k: string, v: string) => void map.set(k, v),
    getItem: (k: string) => map.get(k) ?? null,
    removeItem: (k: string) => void map.delete(k),
    clear: () => map.clear()
  }
}

/** What Amplify v6's DefaultTokenStore.loadTokens reads (spec api.md §8.3–8.4). */
function amplifyV6LoadTokens(map: Map<string, string>, client: string) {
  const base = `CognitoIdentityServiceProvider.${client}`
  const username = map.get(`${base}.LastAuthUser`) ?? "username"
  const key = (name: string) => map.get(`${base}.${username}.${name}`)
  const accessToken = key("accessToken")
  if (!accessToken) return null
  const signInDetails = key("signInDetails")
  return {
    username,
    accessToken,
    idToken: key("idToken"),
    refreshToken: key("refreshToken"),
    clockDrift: Number.parseInt(key("clockDrift") ?? "0"),
    signInDetails: signInDetails ? JSON.parse(signInDetails) : undefined
  }
}
