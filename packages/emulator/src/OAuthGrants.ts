/**
 * The hosted UI's short-lived state, in memory (like challenge sessions, it does not survive a
 * restart): authorization codes waiting for `/oauth2/token` — single use, five minutes, bound to
 * the client, the redirect URI, the granted scopes, the PKCE challenge and the `nonce` — and the
 * hosted UI's own sign-in sessions behind its cookie (one hour), which let a second authorize
 * skip the login form until `/logout`.
 *
 * Codes are kept as digests, like every other secret of the emulator.
 *
 * @since 0.1.0
 */
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import type { SecureRandom } from "@cognito-effect/domain/services/SecureRandom"
import * as Ids from "./Ids.js"
import type * as Store from "./Store.js"

/** How long a code may wait for its exchange (Cognito: 5 minutes). @since 0.1.0 */
export const codeLifetimeMillis = 5 * 60_000

/** How long the hosted UI remembers a sign-in (Cognito: 1 hour). @since 0.1.0 */
export const sessionLifetimeMillis = 60 * 60_000

/** The name of the hosted UI's cookie. @since 0.1.0 */
export const cookieName = "cognito-effect-hosted-ui"

/** What a code stands for. @since 0.1.0 */
export interface Grant {
  readonly poolId: string
  readonly clientId: string
  /** the canonical user name */
  readonly username: string
  readonly redirectUri: string
  /** the granted scopes, space-separated */
  readonly scope: string
  readonly codeChallenge?: string
  readonly nonce?: string
  /** epoch seconds of the sign-in behind it */
  readonly authTime: number
}

/** A sign-in the hosted UI remembers. @since 0.1.0 */
export interface HostedSession {
  readonly poolId: string
  readonly username: string
  readonly authTime: number
  readonly expiresAt: number
}

interface StoredGrant extends Grant {
  readonly expiresAt: number
}

/** @since 0.1.0 */
export class Grants {
  readonly #codes = new Map<string, StoredGrant>()
  readonly #sessions = new Map<string, HostedSession>()

  /** A new code for `grant`. */
  issue(grant: Grant): Effect.Effect<string, never, SecureRandom> {
    return Effect.gen(this, function* () {
      const now = yield* Clock.currentTimeMillis
      this.#sweep(now)
      const code = yield* Ids.uuid
      this.#codes.set(Ids.digest(code), { ...grant, expiresAt: now + codeLifetimeMillis })
      return code
    })
  }

  /** Takes a code (it answers once); `undefined` when unknown, used or expired. */
  take(code: string, now: number): Grant | undefined {
    const key = Ids.digest(code)
    const grant = this.#codes.get(key)
    this.#codes.delete(key)
    if (grant === undefined || grant.expiresAt <= now) return undefined
    const { expiresAt: _expiresAt, ...rest } = grant
    return rest
  }

  /** Opens a hosted-UI session; returns its cookie value. */
  open(session: Omit<HostedSession, "expiresAt">): Effect.Effect<string, never, SecureRandom> {
    return Effect.gen(this, function* () {
      const now = yield* Clock.currentTimeMillis
      const id = yield* Ids.opaque(32)
      this.#sessions.set(Ids.digest(id), { ...session, expiresAt: now + sessionLifetimeMillis })
      return id
    })
  }

  /** The live session of a cookie value in a pool. */
  session(id: string | undefined, poolId: string, now: number): HostedSession | undefined {
    if (id === undefined) return undefined
    const session = this.#sessions.get(Ids.digest(id))
    return session !== undefined && session.poolId === poolId && session.expiresAt > now ? session : undefined
  }

  /** Forgets a session (logout). */
  close(id: string | undefined): void {
    if (id !== undefined) this.#sessions.delete(Ids.digest(id))
  }

  #sweep(now: number): void {
    for (const [key, grant] of this.#codes) if (grant.expiresAt <= now) this.#codes.delete(key)
    for (const [key, session] of this.#sessions) if (session.expiresAt <= now) this.#sessions.delete(key)
  }
}

const registry = new WeakMap<Store.Store, Grants>()

/** The grants of one emulator (keyed by its store). @since 0.1.0 */
export const of = (store: Store.Store): Grants => {
  let grants = registry.get(store)
  if (grants === undefined) {
    grants = new Grants()
    registry.set(store, grants)
  }
  return grants
}
