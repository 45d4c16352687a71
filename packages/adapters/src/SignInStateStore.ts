/**
 * The pending sign-in over the `SignInStorage` port, under Amplify's sessionStorage keys
 * (`CognitoSignInState.username`, `.challengeName`, `.signInSession`, `.expiry`) plus two of ours
 * (`.signInDetails`, `.context`, JSON). A flow started by Amplify continues here and the other way
 * round, within the same 3-minute window, measured with Effect's `Clock`.
 *
 * `.expiry` is the commit marker (Amplify also reads it first): `save` removes it first and writes
 * it last, `clear` removes it first. An expired, partial or corrupt state reads as `None` and is
 * removed.
 *
 * @since 0.1.0
 */
import type { StorageError } from "@cognito-effect/domain/AuthError"
import { SignInStorage, type KeyValueStorageService } from "@cognito-effect/domain/services/KeyValueStorage"
import {
  type PendingSignIn,
  type PendingSignInInput,
  pendingSignInTtlMillis,
  SignInStateStore,
  type SignInStateStoreService
} from "@cognito-effect/domain/services/SignInStateStore"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"

const prefix = "CognitoSignInState"

/** The storage keys of the pending sign-in. @since 0.1.0 @category keys */
export const signInStateKeys = {
  username: `${prefix}.username`,
  challengeName: `${prefix}.challengeName`,
  signInSession: `${prefix}.signInSession`,
  expiry: `${prefix}.expiry`,
  signInDetails: `${prefix}.signInDetails`,
  context: `${prefix}.context`
} as const

const decodeSignInDetails = Schema.decodeUnknownOption(
  Schema.parseJson(
    Schema.Struct({
      loginId: Schema.optionalWith(Schema.String, { exact: true }),
      authFlowType: Schema.optionalWith(Schema.String, { exact: true })
    })
  )
)
const decodeContext = Schema.decodeUnknownOption(
  Schema.parseJson(Schema.Record({ key: Schema.String, value: Schema.String }))
)

/** A stored field: absent, decodable, or corrupt. */
type Field<A> = { readonly _tag: "Absent" } | { readonly _tag: "Valid"; readonly value: A } | { readonly _tag: "Corrupt" }

const field = <A>(raw: Option.Option<string>, decode: (s: string) => Option.Option<A>): Field<A> =>
  Option.match(raw, {
    onNone: () => ({ _tag: "Absent" }),
    onSome: (text) =>
      Option.match(decode(text), {
        onNone: () => ({ _tag: "Corrupt" }),
        onSome: (value) => ({ _tag: "Valid", value })
      })
  })

/** Amplify writes `String(Date.now() + 180000)`. */
const parseExpiry = (text: string): Option.Option<number> => {
  const expiry = Number(text)
  return text.trim().length > 0 && Number.isFinite(expiry) ? Option.some(expiry) : Option.none()
}

/**
 * The store over a storage. Saves and clears are serialised so two fibers never interleave keys.
 * @since 0.1.0
 * @category constructors
 */
export const makeWith = (storage: KeyValueStorageService): Effect.Effect<SignInStateStoreService> =>
  Effect.map(Effect.makeSemaphore(1), (lock) => {
    const serialised = lock.withPermits(1)
    const setOrRemove = (key: string, value: string | undefined) =>
      value === undefined ? storage.removeItem(key) : storage.setItem(key, value)

    const removeAll: Effect.Effect<void, StorageError> = Effect.forEach(
      [
        signInStateKeys.expiry,
        signInStateKeys.username,
        signInStateKeys.challengeName,
        signInStateKeys.signInSession,
        signInStateKeys.signInDetails,
        signInStateKeys.context
      ],
      storage.removeItem,
      { discard: true }
    )

    const read = Effect.all({
      expiry: storage.getItem(signInStateKeys.expiry),
      username: storage.getItem(signInStateKeys.username),
      challengeName: storage.getItem(signInStateKeys.challengeName),
      session: storage.getItem(signInStateKeys.signInSession),
      signInDetails: storage.getItem(signInStateKeys.signInDetails),
      context: storage.getItem(signInStateKeys.context)
    })

    const load = Effect.gen(function*() {
      const raw = yield* read
      if (Object.values(raw).every(Option.isNone)) return Option.none<PendingSignIn>()
      const now = yield* Clock.currentTimeMillis
      const expiresAt = Option.flatMap(raw.expiry, parseExpiry)
      const username = Option.filter(raw.username, (s) => s.length > 0)
      const challengeName = Option.filter(raw.challengeName, (s) => s.length > 0)
      const signInDetails = field(raw.signInDetails, decodeSignInDetails)
      const context = field(raw.context, decodeContext)
      if (
        Option.isNone(expiresAt) || expiresAt.value <= now ||
        Option.isNone(username) || Option.isNone(challengeName) ||
        signInDetails._tag === "Corrupt" || context._tag === "Corrupt"
      ) {
        yield* removeAll
        return Option.none<PendingSignIn>()
      }
      const session = Option.filter(raw.session, (s) => s.length > 0)
      const state: PendingSignIn = {
        username: username.value,
        challengeName: challengeName.value,
        expiresAt: expiresAt.value,
        ...(Option.isSome(session) ? { session: Redacted.make(session.value) } : {}),
        ...(signInDetails._tag === "Valid" ? { signInDetails: signInDetails.value } : {}),
        ...(context._tag === "Valid" ? { context: context.value } : {})
      }
      return Option.some(state)
    }).pipe(Effect.withSpan("SignInStateStore.load"))

    const save = Effect.fn("SignInStateStore.save")(function*(state: PendingSignInInput) {
      const expiresAt = state.expiresAt ?? (yield* Clock.currentTimeMillis) + pendingSignInTtlMillis
      yield* storage.removeItem(signInStateKeys.expiry)
      yield* storage.setItem(signInStateKeys.username, state.username)
      yield* storage.setItem(signInStateKeys.challengeName, state.challengeName)
      yield* setOrRemove(signInStateKeys.signInSession, state.session && Redacted.value(state.session))
      yield* setOrRemove(signInStateKeys.signInDetails, state.signInDetails && JSON.stringify(state.signInDetails))
      yield* setOrRemove(signInStateKeys.context, state.context && JSON.stringify(state.context))
      yield* storage.setItem(signInStateKeys.expiry, String(expiresAt))
    })

    return SignInStateStore.of({
      load: serialised(load),
      save: (state) => serialised(save(state)),
      clear: serialised(removeAll)
    })
  })

/**
 * @since 0.1.0
 * @category constructors
 */
export const make: Effect.Effect<SignInStateStoreService, never, SignInStorage> = Effect.flatMap(
  SignInStorage,
  makeWith
)

/**
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<SignInStateStore, never, SignInStorage> = Layer.effect(SignInStateStore, make)
