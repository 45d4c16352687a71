/**
 * The storage port, with the semantics of Amplify's `KeyValueStorageInterface`: string keys,
 * string values, a missing key reads as `None`. Layers (adapters): memory, localStorage,
 * sessionStorage, cookies, a custom Promise storage.
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import type * as Effect from "effect/Effect"
import type * as Option from "effect/Option"
import type { StorageError } from "../AuthError.js"

/** @since 0.1.0 */
export interface KeyValueStorageService {
  readonly getItem: (key: string) => Effect.Effect<Option.Option<string>, StorageError>
  readonly setItem: (key: string, value: string) => Effect.Effect<void, StorageError>
  readonly removeItem: (key: string) => Effect.Effect<void, StorageError>
  readonly clear: Effect.Effect<void, StorageError>
}

/** Where tokens and device keys live (Amplify's `defaultStorage` by default). @since 0.1.0 @category tags */
export class KeyValueStorage extends Context.Tag("@cognito-effect/domain/KeyValueStorage")<
  KeyValueStorage,
  KeyValueStorageService
>() {}

/** Where the pending sign-in lives (Amplify uses sessionStorage). @since 0.1.0 @category tags */
export class SignInStorage extends Context.Tag("@cognito-effect/domain/SignInStorage")<
  SignInStorage,
  KeyValueStorageService
>() {}
