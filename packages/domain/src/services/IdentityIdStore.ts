/**
 * Where the identity-pool identity id lives, with Amplify's semantics: a guest identity id is kept
 * in storage under `com.amplify.Cognito.<identityPoolId>.identityId` (so a guest keeps it across
 * reloads, and sessions written by Amplify are read here), the signed-in user's ("primary") id is
 * kept in memory only. Storing a primary id removes the stored guest id; `clear` forgets both.
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Ref from "effect/Ref"
import { AuthConfig } from "../AuthConfig.js"
import type { StorageError } from "../AuthError.js"
import { KeyValueStorage, type KeyValueStorageService } from "./KeyValueStorage.js"

/** An identity id and whose it is. @since 0.1.0 */
export interface Identity {
  readonly id: string
  readonly type: "guest" | "primary"
}

/** @since 0.1.0 */
export interface IdentityIdStoreService {
  /** The primary id if one is held, else the stored guest id. */
  readonly load: Effect.Effect<Option.Option<Identity>, StorageError>
  readonly store: (identity: Identity) => Effect.Effect<void, StorageError>
  readonly clear: Effect.Effect<void, StorageError>
}

/** Amplify's key of the guest identity id. @since 0.1.0 */
export const storageKey = (identityPoolId: string): string => `com.amplify.Cognito.${identityPoolId}.identityId`

/** The store for one identity pool over a storage. @since 0.1.0 */
export const makeWith = (storage: KeyValueStorageService, identityPoolId: string): Effect.Effect<IdentityIdStoreService> =>
  Effect.map(Ref.make(Option.none<string>()), (primary) => {
    const key = storageKey(identityPoolId)
    return {
      load: Effect.flatMap(Ref.get(primary), (held) =>
        Option.isSome(held)
          ? Effect.succeed(Option.some<Identity>({ id: held.value, type: "primary" }))
          : Effect.map(storage.getItem(key), (stored) =>
            Option.map(Option.filter(stored, (id) => id.length > 0), (id): Identity => ({ id, type: "guest" })))),
      store: (identity) =>
        identity.type === "guest"
          ? Effect.zipRight(storage.setItem(key, identity.id), Ref.set(primary, Option.none()))
          : Effect.zipRight(Ref.set(primary, Option.some(identity.id)), storage.removeItem(key)),
      clear: Effect.zipRight(Ref.set(primary, Option.none()), storage.removeItem(key))
    }
  })

const unconfigured: IdentityIdStoreService = { load: Effect.succeedNone, store: () => Effect.void, clear: Effect.void }

/** @since 0.1.0 @category tags */
export class IdentityIdStore extends Context.Tag("@cognito-effect/domain/IdentityIdStore")<
  IdentityIdStore,
  IdentityIdStoreService
>() {
  /** The store of the configured identity pool (nothing to keep without one). */
  static readonly layer: Layer.Layer<IdentityIdStore, never, KeyValueStorage | AuthConfig> = Layer.effect(
    IdentityIdStore,
    Effect.gen(function* () {
      const pool = (yield* AuthConfig).identityPool
      return pool === undefined ? unconfigured : yield* makeWith(yield* KeyValueStorage, pool.identityPoolId)
    })
  )
}
