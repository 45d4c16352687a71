import { assert, describe, it } from "@effect/vitest"
import { assertSome } from "@effect/vitest/utils"
import * as SignInStateStoreLive from "@cognito-effect/adapters/SignInStateStore"
import * as Storage from "@cognito-effect/adapters/Storage"
import { StorageError } from "@cognito-effect/domain/AuthError"
import { type KeyValueStorageService, SignInStorage } from "@cognito-effect/domain/services/KeyValueStorage"
import {
  type PendingSignIn,
  type PendingSignInInput,
  SignInStateStore
} from "@cognito-effect/domain/services/SignInStateStore"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as TestClock from "effect/TestClock"
import { Window } from "happy-dom"

const keys = SignInStateStoreLive.signInStateKeys

/** A Cognito `Session` is an opaque ~900-character token. */
const cognitoSession = (tag: string) => `AYABeB${tag}${"x".repeat(880)}`

const smsMfa: PendingSignInInput = {
  username: "alice",
  challengeName: "SMS_MFA",
  session: Redacted.make(cognitoSession("s1")),
  signInDetails: { loginId: "alice@example.com", authFlowType: "USER_SRP_AUTH" },
  context: { codeDeliveryMedium: "SMS", codeDeliveryDestination: "+*******1234" }
}

const view = (state: Option.Option<PendingSignIn>) =>
  Option.map(state, (s) => ({ ...s, session: s.session && Redacted.value(s.session) }))

/** A comparable text of a state, independent of property order. */
const canonical = (state: Option.Option<PendingSignIn>): string =>
  JSON.stringify(Option.getOrNull(view(state)), (_, value) =>
    typeof value === "object" && value !== null && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)))
      : value)

const mapStorage = (map: Map<string, string>, failAfterWrites = Infinity): KeyValueStorageService => {
  let writes = 0
  const write = (operation: "setItem" | "removeItem", key: string, run: () => void) =>
    Effect.suspend(() => {
      if (writes >= failAfterWrites) return Effect.fail(new StorageError({ operation, key, message: "simulated crash" }))
      writes++
      run()
      return Effect.void
    })
  return {
    getItem: (key) => Effect.sync(() => Option.fromNullable(map.get(key))),
    setItem: (key, value) => write("setItem", key, () => map.set(key, value)),
    removeItem: (key) => write("removeItem", key, () => map.delete(key)),
    clear: Effect.sync(() => map.clear())
  }
}

const storeOver = (map: Map<string, string>, failAfterWrites?: number) =>
  SignInStateStoreLive.makeWith(mapStorage(map, failAfterWrites))

const layer = SignInStateStoreLive.layer.pipe(Layer.provideMerge(Storage.layerMemory(SignInStorage)))

describe("SignInStateStore", () => {
  it.effect("round-trips under Amplify's sessionStorage keys, 3 minutes from now", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(1_700_000_000_000)
      const store = yield* SignInStateStore
      assert.isTrue(Option.isNone(yield* store.load))
      yield* store.save(smsMfa)
      const loaded = yield* store.load
      assertSome(view(loaded), { ...smsMfa, session: cognitoSession("s1"), expiresAt: 1_700_000_180_000 })
      const storage = yield* SignInStorage
      assertSome(yield* storage.getItem(keys.username), "alice")
      assertSome(yield* storage.getItem(keys.challengeName), "SMS_MFA")
      assertSome(yield* storage.getItem(keys.signInSession), cognitoSession("s1"))
      assertSome(yield* storage.getItem(keys.expiry), "1700000180000")
      assert.strictEqual(keys.expiry, "CognitoSignInState.expiry")
    }).pipe(Effect.provide(layer)))

  it.effect("expires after 3 minutes and removes what was stored", () =>
    Effect.gen(function*() {
      const store = yield* SignInStateStore
      const storage = yield* SignInStorage
      yield* store.save(smsMfa)
      yield* TestClock.adjust("179999 millis")
      assert.isTrue(Option.isSome(yield* store.load))
      yield* TestClock.adjust("1 millis")
      assert.isTrue(Option.isNone(yield* store.load))
      for (const key of Object.values(keys)) assert.isTrue(Option.isNone(yield* storage.getItem(key)), key)
    }).pipe(Effect.provide(layer)))

  it.effect("every save restarts the window; an explicit expiresAt is kept", () =>
    Effect.gen(function*() {
      const store = yield* SignInStateStore
      yield* store.save(smsMfa)
      yield* TestClock.adjust("2 minutes")
      yield* store.save({ ...smsMfa, challengeName: "SOFTWARE_TOKEN_MFA" })
      yield* TestClock.adjust("2 minutes")
      assert.strictEqual(Option.getOrThrow(yield* store.load).challengeName, "SOFTWARE_TOKEN_MFA")
      yield* store.save({ ...smsMfa, expiresAt: 300_000 })
      assert.strictEqual(Option.getOrThrow(yield* store.load).expiresAt, 300_000)
      yield* TestClock.adjust("1 minute")
      assert.isTrue(Option.isNone(yield* store.load))
    }).pipe(Effect.provide(layer)))

  it.effect("a save without session, details or context removes the previous ones", () =>
    Effect.gen(function*() {
      const store = yield* SignInStateStore
      yield* store.save(smsMfa)
      yield* store.save({ username: "alice", challengeName: "CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION" })
      assertSome(
        view(yield* store.load),
        { username: "alice", challengeName: "CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION", session: undefined, expiresAt: 180_000 }
      )
      yield* store.clear
      assert.isTrue(Option.isNone(yield* store.load))
    }).pipe(Effect.provide(layer)))

  it.effect("survives a page reload: a new store over the same sessionStorage continues the flow", () =>
    Effect.gen(function*() {
      const window = new Window({ url: "https://app.example.com/" })
      const sessionStorage = () => window.sessionStorage as unknown as Storage
      const build = Effect.provide(
        SignInStateStore,
        SignInStateStoreLive.layer.pipe(Layer.provide(Storage.layerWebStorage(sessionStorage)(SignInStorage)))
      )
      yield* (yield* build).save(smsMfa)
      yield* TestClock.adjust("90 seconds")
      const afterReload = yield* build
      assertSome(view(yield* afterReload.load), { ...smsMfa, session: cognitoSession("s1"), expiresAt: 180_000 })
      yield* Effect.promise(() => window.happyDOM.close())
    }))

  it.effect("continues a flow Amplify stored, and Amplify can continue ours", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(1_000_000)
      const amplifyWritten = new Map([
        [keys.username, "alice@example.com"],
        [keys.challengeName, "EMAIL_OTP"],
        [keys.signInSession, cognitoSession("amp")],
        [keys.expiry, String(1_000_000 + 180_000)]
      ])
      const loaded = yield* (yield* storeOver(amplifyWritten)).load
      assertSome(view(loaded), {
        username: "alice@example.com",
        challengeName: "EMAIL_OTP",
        session: cognitoSession("amp"),
        expiresAt: 1_180_000
      })

      const ours = new Map<string, string>()
      yield* (yield* storeOver(ours)).save(smsMfa)
      // Amplify's signInStore hydration: expiry first, then username, challengeName, signInSession.
      const expiry = Number(ours.get("CognitoSignInState.expiry"))
      assert.isAbove(expiry, 1_000_000)
      assert.strictEqual(ours.get("CognitoSignInState.username"), "alice")
      assert.strictEqual(ours.get("CognitoSignInState.challengeName"), "SMS_MFA")
      assert.strictEqual(ours.get("CognitoSignInState.signInSession"), cognitoSession("s1"))
    }))

  it.effect("reads a corrupt or partial state as None and removes it", () =>
    Effect.gen(function*() {
      const valid = {
        [keys.username]: "alice",
        [keys.challengeName]: "SMS_MFA",
        [keys.signInSession]: "sess",
        [keys.expiry]: "180000"
      }
      const cases: ReadonlyArray<Record<string, string | undefined>> = [
        { [keys.expiry]: "soon" },
        { [keys.expiry]: "" },
        { [keys.expiry]: undefined },
        { [keys.username]: undefined },
        { [keys.challengeName]: "" },
        { [keys.context]: "{not json" },
        { [keys.context]: `{"n":1}` },
        { [keys.context]: "[]" },
        { [keys.signInDetails]: `{"loginId":true}` }
      ]
      for (const overrides of cases) {
        const map = new Map(Object.entries({ ...valid, ...overrides }).filter((e): e is [string, string] => e[1] !== undefined))
        const store = yield* storeOver(map)
        assert.isTrue(Option.isNone(yield* store.load), JSON.stringify(overrides))
        assert.deepStrictEqual(Array.from(map.keys()), [], JSON.stringify(overrides))
      }
      const map = new Map(Object.entries(valid))
      assert.isTrue(Option.isSome(yield* (yield* storeOver(map)).load))
    }))

  it.effect("reading an empty storage writes nothing", () =>
    Effect.gen(function*() {
      // A storage that fails on any write: load must not write when nothing is there.
      const store = yield* storeOver(new Map(), 0)
      assert.isTrue(Option.isNone(yield* store.load))
    }))

  it.effect("a save interrupted after any write reads as the old state, the new one, or none", () =>
    Effect.gen(function*() {
      const seed = new Map<string, string>()
      yield* (yield* storeOver(seed)).save(smsMfa)
      const next: PendingSignInInput = {
        username: "bob",
        challengeName: "NEW_PASSWORD_REQUIRED",
        session: Redacted.make(cognitoSession("s2"))
      }
      const allowed = [
        Option.none(),
        Option.some({ ...smsMfa, expiresAt: 180_000 }),
        Option.some({ ...next, expiresAt: 180_000 })
      ].map(canonical)
      for (let n = 0; n <= 7; n++) {
        const map = new Map(seed)
        yield* Effect.exit((yield* storeOver(map, n)).save(next))
        const read = canonical(yield* (yield* storeOver(map)).load)
        assert.include(allowed, read, `after ${n} writes`)
      }
    }))
})
