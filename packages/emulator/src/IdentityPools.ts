/**
 * Identity pools (Cognito Identity) as the emulator keeps them: each pool with the user-pool app
 * clients it trusts, and the identities it has handed out. An identity is found again by the
 * logins linked to it (`<userPoolId>|<sub>`), so a user gets the same identity id on every
 * sign-in; a guest gets a new one per `GetId`, as Cognito does.
 *
 * Like the rest of the store, every record is a Schema (the `--data` snapshot validates itself)
 * and every change is one synchronous step.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

const opt = <S extends Schema.Schema.Any>(schema: S) => Schema.optionalWith(schema, { exact: true })

/** A user-pool app client the identity pool accepts ID tokens from. @since 0.1.0 */
export const Provider = Schema.Struct({
  /** `cognito-idp.<region>.amazonaws.com/<userPoolId>` (or the emulator's issuer without scheme) */
  providerName: Schema.String,
  /** the app client (`aud`) accepted; any client of the user pool when absent */
  clientId: opt(Schema.String),
  /** also refuse tokens whose session was revoked (sign-out, disabled or deleted user) */
  serverSideTokenCheck: Schema.Boolean
})
/** @since 0.1.0 */
export type Provider = typeof Provider.Type

/** @since 0.1.0 */
export const IdentityPool = Schema.Struct({
  id: Schema.String,
  name: Schema.String,
  allowUnauthenticated: Schema.Boolean,
  allowClassicFlow: opt(Schema.Boolean),
  providers: Schema.Array(Provider),
  tags: opt(Schema.Record({ key: Schema.String, value: Schema.String })),
  createdAt: Schema.Number
})
/** @since 0.1.0 */
export type IdentityPool = typeof IdentityPool.Type

/** @since 0.1.0 */
export const Identity = Schema.Struct({
  id: Schema.String,
  poolId: Schema.String,
  /** `<userPoolId>|<sub>` of every login linked to it; empty for a guest */
  logins: Schema.Array(Schema.String),
  createdAt: Schema.Number,
  modifiedAt: Schema.Number
})
/** @since 0.1.0 */
export type Identity = typeof Identity.Type

/** One pool and its identities, as the snapshot holds them. @since 0.1.0 */
export const PoolSnapshot = Schema.Struct({
  pool: IdentityPool,
  identities: Schema.Array(Identity)
})
/** @since 0.1.0 */
export type PoolSnapshot = typeof PoolSnapshot.Type

/** The user pool id a provider name points at (its last path segment). @since 0.1.0 */
export const userPoolIdOf = (providerName: string): string => providerName.split("/").at(-1) ?? ""

/** The key an identity's login is found by. @since 0.1.0 */
export const loginKey = (userPoolId: string, sub: string): string => `${userPoolId}|${sub}`

interface PoolState {
  pool: IdentityPool
  readonly identities: Map<string, Identity>
  /** login key → identity id */
  readonly logins: Map<string, string>
}

/** Every identity pool of the emulator. @since 0.1.0 */
export class Registry {
  readonly #pools = new Map<string, PoolState>()
  readonly #changed: () => void

  /** `changed` runs after every change (the store's persistence hook). */
  constructor(changed: () => void) {
    this.#changed = changed
  }

  get size(): number {
    return this.#pools.size
  }

  pool(id: string): IdentityPool | undefined {
    return this.#pools.get(id)?.pool
  }

  pools(): ReadonlyArray<IdentityPool> {
    return [...this.#pools.values()].map((state) => state.pool)
  }

  putPool(pool: IdentityPool): void {
    const existing = this.#pools.get(pool.id)
    if (existing !== undefined) existing.pool = pool
    else this.#pools.set(pool.id, { pool, identities: new Map(), logins: new Map() })
    this.#changed()
  }

  identity(poolId: string, identityId: string): Identity | undefined {
    return this.#pools.get(poolId)?.identities.get(identityId)
  }

  /** The identity any of `logins` is linked to. */
  identityByLogins(poolId: string, logins: ReadonlyArray<string>): Identity | undefined {
    const state = this.#pools.get(poolId)
    if (state === undefined) return undefined
    for (const login of logins) {
      const id = state.logins.get(login)
      if (id !== undefined) return state.identities.get(id)
    }
    return undefined
  }

  /** Adds or replaces an identity and indexes its logins. */
  putIdentity(identity: Identity): void {
    const state = this.#pools.get(identity.poolId)
    if (state === undefined) return
    state.identities.set(identity.id, identity)
    for (const login of identity.logins) state.logins.set(login, identity.id)
    this.#changed()
  }

  toSnapshot(): ReadonlyArray<PoolSnapshot> {
    return [...this.#pools.values()].map((state) => ({ pool: state.pool, identities: [...state.identities.values()] }))
  }

  load(snapshot: ReadonlyArray<PoolSnapshot>): void {
    this.#pools.clear()
    for (const entry of snapshot) {
      const state: PoolState = { pool: entry.pool, identities: new Map(), logins: new Map() }
      for (const identity of entry.identities) {
        state.identities.set(identity.id, identity)
        for (const login of identity.logins) state.logins.set(login, identity.id)
      }
      this.#pools.set(entry.pool.id, state)
    }
  }
}
