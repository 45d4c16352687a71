/**
 * The auth event channel (Amplify's Hub `auth` channel). Steps publish; the facade's `Hub.listen`
 * and Effect apps subscribe.
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import type * as Effect from "effect/Effect"
import type { ServiceErrorMetadata } from "../AuthError.js"

/** The user as `getCurrentUser` and the `signedIn` event give it. @since 0.1.0 */
export interface AuthUser {
  readonly username: string
  readonly userId: string
  readonly signInDetails?: { readonly loginId?: string; readonly authFlowType?: string }
}

/** An error as events carry it. @since 0.1.0 */
export interface EventError {
  readonly name: string
  readonly message: string
  readonly recoverySuggestion?: string
  /** what the service said about its answer (status, request ids), when it answered */
  readonly metadata?: ServiceErrorMetadata
}

/** A domain error as events carry it: plain data, so it crosses tabs. @since 0.1.0 */
export const toEventError = (error: {
  readonly amplifyName: string
  readonly message: string
  readonly recoverySuggestion?: string | undefined
  readonly metadata?: ServiceErrorMetadata | undefined
}): EventError => ({
  name: error.amplifyName,
  message: error.message,
  ...(error.recoverySuggestion === undefined ? {} : { recoverySuggestion: error.recoverySuggestion }),
  ...(error.metadata === undefined || Object.keys(error.metadata).length === 0 ? {} : { metadata: error.metadata })
})

/** Every `auth` channel event. @since 0.1.0 */
export type AuthEvent =
  | { readonly event: "signedIn"; readonly data: AuthUser }
  | { readonly event: "signedOut" }
  | { readonly event: "tokenRefresh" }
  | { readonly event: "tokenRefresh_failure"; readonly data: { readonly error?: EventError } }
  | { readonly event: "signInWithRedirect" }
  | { readonly event: "signInWithRedirect_failure"; readonly data: { readonly error?: EventError } }
  | { readonly event: "customOAuthState"; readonly data: string }

/** @since 0.1.0 */
export interface AuthEventsService {
  readonly publish: (event: AuthEvent) => Effect.Effect<void>
  /** Registers a listener; the returned effect unregisters it. Listener failures never reach the publisher. */
  readonly listen: (listener: (event: AuthEvent) => void) => Effect.Effect<Effect.Effect<void>>
}

/** @since 0.1.0 @category tags */
export class AuthEvents extends Context.Tag("@cognito-effect/domain/AuthEvents")<AuthEvents, AuthEventsService>() {}
