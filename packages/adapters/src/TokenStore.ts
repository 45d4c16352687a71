/**
 * The token store over the `KeyValueStorage` port, with Amplify's key layout
 * (`CognitoIdentityServiceProvider.<clientId>.<username>.<key>` and `….<clientId>.LastAuthUser`),
 * so a session written by Amplify (v6, or amazon-cognito-identity-js v5) is read here and the other
 * way round. It only stores: refresh belongs to the steps.
 *
 * Crash safety: readers (this one and Amplify's) find a session through `LastAuthUser` and then
 * the user's `accessToken`, so the access token is the commit marker. `store` removes it first and
 * writes it last, `clear` removes it first; any prefix of either write sequence therefore reads as
 * the old session, the new one, or signed out. Device keys use `deviceKey` the same way.
 * `load` never fails on content: a missing or non-JWT access token reads as `None`, an ID token
 * from another session, bad `signInDetails` JSON or a non-numeric `clockDrift` are dropped.
 *
 * @since 0.1.0
 */
import { AuthConfig } from "@cognito-effect/domain/AuthConfig"
import { AuthConfigError, type StorageError } from "@cognito-effect/domain/AuthError"
import { KeyValueStorage, type KeyValueStorageService } from "@cognito-effect/domain/services/KeyValueStorage"
import { TokenStore, type TokenStoreService } from "@cognito-effect/domain/services/TokenStore"
import * as Tokens from "@cognito-effect/domain/Tokens"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"

/** @since 0.1.0 @category keys */
export const AUTH_KEY_PREFIX = "CognitoIdentityServiceProvider"

/** The per-user keys, in Amplify's order. @since 0.1.0 @category keys */
export const authTokenStorageKeys = [
  "accessToken",
  "idToken",
  "oidcProvider",
  "clockDrift",
  "refreshToken",
  "deviceKey",
  "randomPasswordKey",
  "deviceGroupKey",
  "signInDetails",
  "oauthMetadata"
] as const

/** @since 0.1.0 @category keys */
export type AuthTokenStorageKey = (typeof authTokenStorageKeys)[number]

/** @since 0.1.0 @category keys */
export type AuthKeys = { readonly [K in AuthTokenStorageKey]: string }

/**
 * Amplify's `createKeysForAuthStorage(prefix, "<clientId>.<username>")`: the 10 per-user keys.
 * @since 0.1.0
 * @category keys
 */
export const createKeysForAuthStorage = (prefix: string, identifier: string): AuthKeys =>
  Object.fromEntries(authTokenStorageKeys.map((key) => [key, `${prefix}.${identifier}.${key}`])) as AuthKeys

/** `CognitoIdentityServiceProvider.<clientId>.LastAuthUser`. @since 0.1.0 @category keys */
export const lastAuthUserKey = (clientId: string): string => `${AUTH_KEY_PREFIX}.${clientId}.LastAuthUser`

/** What Amplify reads as the user when `LastAuthUser` is absent. @since 0.1.0 @category keys */
export const defaultLastAuthUser = "username"

const SignInDetailsJson = Schema.parseJson(
  Schema.Struct({
    loginId: Schema.optionalWith(Schema.String, { exact: true }),
    authFlowType: Schema.optionalWith(Schema.String, { exact: true })
  })
)
const OAuthMetadataJson = Schema.parseJson(Schema.Struct({ oauthSignIn: Schema.Boolean }))

const decodeOption = <A, I>(schema: Schema.Schema<A, I>) => {
  const decode = Schema.decodeUnknownOption(schema)
  return (value: Option.Option<string>): Option.Option<A> => Option.flatMap(value, decode)
}
const decodeSignInDetails = decodeOption(SignInDetailsJson)
const decodeOAuthMetadata = decodeOption(OAuthMetadataJson)

const nonEmpty = (value: Option.Option<string>): Option.Option<string> => Option.filter(value, (s) => s.length > 0)

const decodeJwt = (value: Option.Option<string>): Option.Option<Tokens.Jwt> =>
  Option.flatMap(nonEmpty(value), (raw) => Either.getRight(Tokens.decode(raw)))

/** Amplify writes `${drift}`; anything that is not a finite number reads as no drift. */
const parseClockDrift = (value: Option.Option<string>): number =>
  Option.match(nonEmpty(value), {
    onNone: () => 0,
    onSome: (text) => {
      const drift = Number(text)
      return Number.isFinite(drift) ? drift : 0
    }
  })

/** Claims that tokens issued together share; a stored ID token that disagrees belongs to another session. */
const sharedClaims = ["sub", "origin_jti", "event_id", "auth_time", "iss"] as const

/**
 * Whether an ID token was issued with this access token (both are kept only when they agree on
 * every shared claim present in both, and the ID token's audience is the access token's client).
 * @since 0.1.0
 * @category session
 */
export const sameSession = (accessToken: Tokens.Jwt, idToken: Tokens.Jwt): boolean => {
  const access = accessToken.payload
  const id = idToken.payload
  const agree = (a: unknown, b: unknown) => a === undefined || b === undefined || a === b
  const audience = Array.isArray(id.aud) ? id.aud : [id.aud]
  const clientId = access["client_id"]
  return sharedClaims.every((claim) => agree(access[claim], id[claim])) &&
    (clientId === undefined || id.aud === undefined || audience.includes(clientId as string))
}

const missingUserPool = new AuthConfigError({
  code: "AuthUserPoolException",
  field: "Auth.Cognito.userPoolClientId",
  message: "Auth UserPool not configured.",
  recoverySuggestion: "Make sure to call Amplify.configure in your app with userPoolId and userPoolClientId."
})

/**
 * The token store over a storage for one app client. Operations are serialised, so two fibers
 * storing different sessions leave exactly one of them.
 * @since 0.1.0
 * @category constructors
 */
export const makeWith = (storage: KeyValueStorageService, clientId: string): Effect.Effect<TokenStoreService> =>
  Effect.map(Effect.makeSemaphore(1), (lock) => {
    const serialised = lock.withPermits(1)
    const lastUserKey = lastAuthUserKey(clientId)
    const keysFor = (username: string) => createKeysForAuthStorage(AUTH_KEY_PREFIX, `${clientId}.${username}`)

    const setOrRemove = (key: string, value: string | undefined) =>
      value === undefined ? storage.removeItem(key) : storage.setItem(key, value)

    const currentUser: Effect.Effect<Option.Option<string>, StorageError> = Effect.map(
      storage.getItem(lastUserKey),
      nonEmpty
    )

    /** Session keys of one user, commit marker first. Device keys stay. */
    const removeSessionKeys = (keys: AuthKeys) =>
      Effect.forEach(
        [keys.accessToken, keys.idToken, keys.refreshToken, keys.clockDrift, keys.signInDetails, keys.oauthMetadata],
        storage.removeItem,
        { discard: true }
      )

    const load = Effect.gen(function*() {
      const username = Option.getOrElse(yield* currentUser, () => defaultLastAuthUser)
      const keys = keysFor(username)
      const accessToken = decodeJwt(yield* storage.getItem(keys.accessToken))
      if (Option.isNone(accessToken)) return Option.none<Tokens.TokenSet>()
      const idToken = Option.filter(decodeJwt(yield* storage.getItem(keys.idToken)), (id) =>
        sameSession(accessToken.value, id)
      )
      const refreshToken = nonEmpty(yield* storage.getItem(keys.refreshToken))
      const clockDrift = parseClockDrift(yield* storage.getItem(keys.clockDrift))
      const signInDetails = decodeSignInDetails(yield* storage.getItem(keys.signInDetails))
      const tokens: Tokens.TokenSet = {
        username,
        accessToken: accessToken.value,
        clockDrift,
        ...(Option.isSome(idToken) ? { idToken: idToken.value } : {}),
        ...(Option.isSome(refreshToken) ? { refreshToken: Redacted.make(refreshToken.value) } : {}),
        ...(Option.isSome(signInDetails) ? { signInDetails: signInDetails.value } : {})
      }
      return Option.some(tokens)
    }).pipe(Effect.withSpan("TokenStore.load", { captureStackTrace: false }))

    const store = Effect.fn("TokenStore.store")(function*(tokens: Tokens.TokenSet) {
      const previous = yield* currentUser
      if (Option.isSome(previous) && previous.value !== tokens.username) {
        yield* removeSessionKeys(keysFor(previous.value))
      }
      const keys = keysFor(tokens.username)
      yield* storage.removeItem(keys.accessToken)
      // Point at the new user before writing its keys, so a retried `clear` finds leftovers.
      yield* storage.setItem(lastUserKey, tokens.username)
      yield* setOrRemove(keys.idToken, tokens.idToken && Redacted.value(tokens.idToken.raw))
      yield* setOrRemove(keys.refreshToken, tokens.refreshToken && Redacted.value(tokens.refreshToken))
      yield* setOrRemove(keys.signInDetails, tokens.signInDetails && JSON.stringify(tokens.signInDetails))
      yield* storage.setItem(keys.clockDrift, `${tokens.clockDrift}`)
      yield* storage.setItem(keys.accessToken, Redacted.value(tokens.accessToken.raw))
    })

    const clear = Effect.gen(function*() {
      const username = Option.getOrElse(yield* currentUser, () => defaultLastAuthUser)
      yield* removeSessionKeys(keysFor(username))
      // Last, so that a `clear` retried after a crash still knows whose keys to remove.
      yield* storage.removeItem(lastUserKey)
    }).pipe(Effect.withSpan("TokenStore.clear"))

    const getDeviceMetadata = Effect.fn("TokenStore.getDeviceMetadata")(function*(username: string) {
      const keys = keysFor(username)
      const deviceKey = nonEmpty(yield* storage.getItem(keys.deviceKey))
      const deviceGroupKey = nonEmpty(yield* storage.getItem(keys.deviceGroupKey))
      const randomPassword = nonEmpty(yield* storage.getItem(keys.randomPasswordKey))
      return Option.all({ deviceKey, deviceGroupKey, randomPassword }).pipe(
        Option.map((device): Tokens.DeviceMetadata => ({ ...device, randomPassword: Redacted.make(device.randomPassword) }))
      )
    })

    const storeDeviceMetadata = Effect.fn("TokenStore.storeDeviceMetadata")(
      function*(username: string, device: Tokens.DeviceMetadata) {
        const keys = keysFor(username)
        yield* storage.removeItem(keys.deviceKey)
        yield* storage.setItem(keys.deviceGroupKey, device.deviceGroupKey)
        yield* storage.setItem(keys.randomPasswordKey, Redacted.value(device.randomPassword))
        yield* storage.setItem(keys.deviceKey, device.deviceKey)
      }
    )

    const clearDeviceMetadata = (username: string) => {
      const keys = keysFor(username)
      return Effect.forEach([keys.deviceKey, keys.deviceGroupKey, keys.randomPasswordKey], storage.removeItem, {
        discard: true
      })
    }

    return TokenStore.of({
      load: serialised(load),
      store: (tokens) => serialised(store(tokens)),
      clear: serialised(clear),
      getDeviceMetadata: (username) => serialised(getDeviceMetadata(username)),
      storeDeviceMetadata: (username, device) => serialised(storeDeviceMetadata(username, device)),
      clearDeviceMetadata: (username) => serialised(clearDeviceMetadata(username)),
      getOAuthMetadata: (username) =>
        Effect.map(storage.getItem(keysFor(username).oauthMetadata), decodeOAuthMetadata),
      setOAuthMetadata: (username, metadata) =>
        storage.setItem(keysFor(username).oauthMetadata, JSON.stringify({ oauthSignIn: metadata.oauthSignIn }))
    })
  })

/**
 * Without a user pool there is no key space: reads find nothing, clears have nothing to do, and a
 * write is a defect (steps check the configuration before they store anything).
 */
const unconfigured: TokenStoreService = {
  load: Effect.succeedNone,
  store: () => Effect.die(missingUserPool),
  clear: Effect.void,
  getDeviceMetadata: () => Effect.succeedNone,
  storeDeviceMetadata: () => Effect.die(missingUserPool),
  clearDeviceMetadata: () => Effect.void,
  getOAuthMetadata: () => Effect.succeedNone,
  setOAuthMetadata: () => Effect.die(missingUserPool)
}

/**
 * The token store for the configured app client.
 * @since 0.1.0
 * @category constructors
 */
export const make: Effect.Effect<TokenStoreService, never, KeyValueStorage | AuthConfig> = Effect.gen(function*() {
  const storage = yield* KeyValueStorage
  const config = yield* AuthConfig
  const clientId = config.userPool?.userPoolClientId
  return clientId === undefined ? unconfigured : yield* makeWith(storage, clientId)
})

/**
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<TokenStore, never, KeyValueStorage | AuthConfig> = Layer.effect(TokenStore, make)
