/**
 * The port that keeps the session: tokens, clock drift, sign-in details and device keys, under
 * Amplify's key layout (`CognitoIdentityServiceProvider.<clientId>.<username>.<key>`) so sessions
 * written by Amplify are read by us and the other way round. `load` never fails on bad content:
 * a corrupted or partial entry reads as signed out (`None`).
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import type * as Effect from "effect/Effect"
import type * as Option from "effect/Option"
import type { StorageError } from "../AuthError.js"
import type { DeviceMetadata, TokenSet } from "../Tokens.js"

/** @since 0.1.0 */
export interface TokenStoreService {
  /** The current session, or `None` when signed out or when what is stored cannot be trusted. */
  readonly load: Effect.Effect<Option.Option<TokenSet>, StorageError>
  /** Writes a whole session; a reader never sees half of it as a valid session. */
  readonly store: (tokens: TokenSet) => Effect.Effect<void, StorageError>
  /** Removes the session (not the device keys). */
  readonly clear: Effect.Effect<void, StorageError>
  readonly getDeviceMetadata: (username: string) => Effect.Effect<Option.Option<DeviceMetadata>, StorageError>
  readonly storeDeviceMetadata: (username: string, device: DeviceMetadata) => Effect.Effect<void, StorageError>
  readonly clearDeviceMetadata: (username: string) => Effect.Effect<void, StorageError>
  readonly getOAuthMetadata: (username: string) => Effect.Effect<Option.Option<{ readonly oauthSignIn: boolean }>, StorageError>
  readonly setOAuthMetadata: (username: string, metadata: { readonly oauthSignIn: boolean }) => Effect.Effect<void, StorageError>
}

/** @since 0.1.0 @category tags */
export class TokenStore extends Context.Tag("@cognito-effect/domain/TokenStore")<TokenStore, TokenStoreService>() {}
