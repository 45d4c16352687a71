/**
 * Everything an operation handler works on, as one service: the store, the inbox, the pending
 * challenge sessions, the pools' signing keys, the issuer base URL and the SRP exponentiation.
 * Handlers also read `Clock` (all times) and `SecureRandom` (all secrets) from their context.
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import type { ModPow } from "@cognito-effect/domain/services/ModExp"
import type * as Inbox from "./Inbox.js"
import type * as Sessions from "./Sessions.js"
import type * as Store from "./Store.js"
import * as TokenIssuer from "./TokenIssuer.js"

/** @since 0.1.0 */
export interface BackendService {
  readonly store: Store.Store
  readonly inbox: Inbox.Inbox
  readonly sessions: Sessions.Sessions
  readonly modPow: ModPow
  /** the same exponentiation, off the event loop (worker threads) when available */
  readonly pow: (base: bigint, exponent: bigint) => Effect.Effect<bigint>
  /** the region new pool ids start with */
  readonly region: string
  /** `http://127.0.0.1:<port>`: tokens' `iss` is `<endpoint>/<userPoolId>` */
  readonly endpoint: () => string
  /** how far a PASSWORD_VERIFIER `TIMESTAMP` may be from the emulator's clock */
  readonly timestampToleranceMillis: number
  /** the pool's signing key, loaded once */
  readonly keyOf: (pool: Store.Pool) => Effect.Effect<TokenIssuer.KeyMaterial>
}

/** @since 0.1.0 @category tags */
export class Backend extends Context.Tag("@cognito-effect/emulator/Backend")<Backend, BackendService>() {}

/** @since 0.1.0 */
export const make = (options: Omit<BackendService, "keyOf">): BackendService => {
  const keys = new Map<string, TokenIssuer.KeyMaterial>()
  return {
    ...options,
    keyOf: (pool) => {
      const cached = keys.get(pool.id)
      if (cached !== undefined && cached.kid === pool.signingKey.kid) return Effect.succeed(cached)
      return Effect.tap(TokenIssuer.material(pool.signingKey), (material) => Effect.sync(() => keys.set(pool.id, material)))
    }
  }
}

/** The issuer of a pool's tokens. @since 0.1.0 */
export const issuer = (backend: BackendService, poolId: string): string => `${backend.endpoint()}/${poolId}`
