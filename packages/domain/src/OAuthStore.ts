/**
 * The redirect sign-in in flight, kept in the `KeyValueStorage` port under Amplify's keys
 * (`CognitoIdentityServiceProvider.<clientId>.{inflightOAuth, oauthState, oauthPKCE, oauthSignIn}`),
 * so it survives the trip to the hosted UI and back, and a page that Amplify started can be
 * completed here (and the other way round).
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import type { StorageError } from "./AuthError.js"
import { KeyValueStorage } from "./services/KeyValueStorage.js"

/** @since 0.1.0 */
export interface OAuthKeys {
  readonly inflightOAuth: string
  readonly oauthState: string
  readonly oauthPKCE: string
  readonly oauthSignIn: string
}

/** The keys of one app client. @since 0.1.0 */
export const keys = (clientId: string): OAuthKeys => {
  const prefix = `CognitoIdentityServiceProvider.${clientId}`
  return {
    inflightOAuth: `${prefix}.inflightOAuth`,
    oauthState: `${prefix}.oauthState`,
    oauthPKCE: `${prefix}.oauthPKCE`,
    oauthSignIn: `${prefix}.oauthSignIn`
  }
}

type Storage = Effect.Effect<void, StorageError, KeyValueStorage>

/** Records a redirect about to start: in flight, its `state` and its PKCE verifier. @since 0.1.0 */
export const begin = (clientId: string, flight: { readonly state: string; readonly codeVerifier: Redacted.Redacted<string> }): Storage =>
  Effect.flatMap(KeyValueStorage, (storage) => {
    const k = keys(clientId)
    return Effect.all([
      storage.setItem(k.inflightOAuth, "true"),
      storage.setItem(k.oauthState, flight.state),
      storage.setItem(k.oauthPKCE, Redacted.value(flight.codeVerifier))
    ], { discard: true })
  })

/** Whether a redirect sign-in was started and not yet completed or abandoned. @since 0.1.0 */
export const inFlight = (clientId: string): Effect.Effect<boolean, StorageError, KeyValueStorage> =>
  Effect.flatMap(KeyValueStorage, (storage) =>
    Effect.map(storage.getItem(keys(clientId).inflightOAuth), (value) => Option.getOrUndefined(value) === "true"))

/** The `state` sent with the redirect in flight. @since 0.1.0 */
export const loadState = (clientId: string): Effect.Effect<Option.Option<string>, StorageError, KeyValueStorage> =>
  Effect.flatMap(KeyValueStorage, (storage) => storage.getItem(keys(clientId).oauthState))

/** The PKCE verifier of the redirect in flight. @since 0.1.0 */
export const loadCodeVerifier = (
  clientId: string
): Effect.Effect<Option.Option<Redacted.Redacted<string>>, StorageError, KeyValueStorage> =>
  Effect.flatMap(KeyValueStorage, (storage) =>
    Effect.map(storage.getItem(keys(clientId).oauthPKCE), Option.map((value) => Redacted.make(value))))

/** Forgets the redirect in flight (after it completed or failed). @since 0.1.0 */
export const clearInFlight = (clientId: string): Storage =>
  Effect.flatMap(KeyValueStorage, (storage) => {
    const k = keys(clientId)
    return Effect.all([storage.removeItem(k.inflightOAuth), storage.removeItem(k.oauthPKCE), storage.removeItem(k.oauthState)], {
      discard: true
    })
  })

/** Forgets everything OAuth (sign-out): the flight and the "signed in through the hosted UI" mark. @since 0.1.0 */
export const clearAll = (clientId: string): Storage =>
  Effect.zipRight(
    clearInFlight(clientId),
    Effect.flatMap(KeyValueStorage, (storage) => storage.removeItem(keys(clientId).oauthSignIn))
  )

/** Marks the session as signed in through the hosted UI: `"true,<preferPrivateSession>"`. @since 0.1.0 */
export const markSignedIn = (clientId: string, preferPrivateSession = false): Storage =>
  Effect.flatMap(KeyValueStorage, (storage) => storage.setItem(keys(clientId).oauthSignIn, `true,${preferPrivateSession}`))

/** Whether the session was signed in through the hosted UI (the first member of `oauthSignIn`). @since 0.1.0 */
export const isOAuthSignIn = (clientId: string): Effect.Effect<boolean, StorageError, KeyValueStorage> =>
  Effect.flatMap(KeyValueStorage, (storage) =>
    Effect.map(storage.getItem(keys(clientId).oauthSignIn), (value) =>
      Option.match(value, { onNone: () => false, onSome: (text) => text.split(",")[0] === "true" })))
