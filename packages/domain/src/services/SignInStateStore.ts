/**
 * The port that keeps a sign-in between two steps (`signIn` → `confirmSignIn` → …): the
 * challenge Cognito asked for, its `Session`, and the username, so that a page reload within
 * Cognito's 3-minute window can continue the flow. Amplify keeps the same state in
 * sessionStorage (`CognitoSignInState.*`); the adapters' Layer uses the same keys.
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import type * as Effect from "effect/Effect"
import type * as Option from "effect/Option"
import type * as Redacted from "effect/Redacted"
import type { StorageError } from "../AuthError.js"
import type { SignInDetails } from "../Tokens.js"

/** How long a pending sign-in lives after each save (Cognito's session lifetime). @since 0.1.0 */
export const pendingSignInTtlMillis = 3 * 60 * 1000

/** A sign-in waiting for the next challenge response. @since 0.1.0 */
export interface PendingSignIn {
  readonly username: string
  readonly challengeName: string
  readonly session?: Redacted.Redacted<string>
  readonly signInDetails?: SignInDetails
  /** ms since the epoch; from then on the state reads as absent */
  readonly expiresAt: number
  /** Small extra state later steps need (the MFA setup choice, USER_AUTH's available challenges, …). */
  readonly context?: Readonly<Record<string, string>>
}

/** What `save` takes: `expiresAt` defaults to now + {@link pendingSignInTtlMillis}. @since 0.1.0 */
export type PendingSignInInput = Omit<PendingSignIn, "expiresAt"> & { readonly expiresAt?: number }

/** @since 0.1.0 */
export interface SignInStateStoreService {
  /** The pending sign-in, or `None` when there is none, it expired, or what is stored is unusable. */
  readonly load: Effect.Effect<Option.Option<PendingSignIn>, StorageError>
  /** Replaces the pending sign-in as a whole; restarts the 3-minute window unless `expiresAt` is given. */
  readonly save: (state: PendingSignInInput) => Effect.Effect<void, StorageError>
  readonly clear: Effect.Effect<void, StorageError>
}

/** @since 0.1.0 @category tags */
export class SignInStateStore extends Context.Tag("@cognito-effect/domain/SignInStateStore")<
  SignInStateStore,
  SignInStateStoreService
>() {}
