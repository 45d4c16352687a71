/**
 * Sign-ins in progress: the state behind each opaque `Session` (or, for PASSWORD_VERIFIER, behind
 * the `SECRET_BLOCK`, which Cognito uses as its session). In memory only; they live for the app
 * client's `AuthSessionValidity` (3 minutes by default) and each is taken exactly once, so an
 * answered challenge cannot be answered again.
 *
 * @since 0.1.0
 */

/** The server half of an SRP exchange. @since 0.1.0 */
export interface SrpState {
  readonly A: bigint
  readonly b: bigint
  readonly B: bigint
}

/** @since 0.1.0 */
export interface ChallengeSession {
  /** the `Session` value, or the `SECRET_BLOCK` for PASSWORD_VERIFIER */
  readonly id: string
  readonly poolId: string
  readonly clientId: string
  /** the canonical user name */
  readonly username: string
  readonly flow: string
  /** the challenge this session expects an answer to */
  readonly challenge: string
  /** factors already passed (`PASSWORD`, `CUSTOM_CHALLENGE`, …) */
  readonly passed: ReadonlyArray<string>
  readonly expiresAt: number
  readonly srp?: SrpState
  /** the built-in custom challenge's code (a digest) and how many answers remain */
  readonly custom?: { readonly digest: string; readonly attemptsLeft: number }
  /** a simulated sign-in for a user that does not exist (PreventUserExistenceErrors) */
  readonly decoy?: boolean
  /** the device the client named (`DEVICE_KEY`), authenticated by DEVICE_SRP_AUTH later */
  readonly deviceKey?: string
  /** an MFA step: the code sent by SMS or e-mail (a digest), wrong answers left, an e-mail being set up */
  readonly mfa?: { readonly digest?: string; readonly attemptsLeft: number; readonly setupEmail?: string }
  /** USER_AUTH: the first factor this session's answer proves (`EMAIL_OTP`, `SMS_OTP`, `WEB_AUTHN`) */
  readonly firstFactor?: string
  /** a passkey ceremony: the challenge issued (base64url), for a sign-in or a registration */
  readonly webAuthn?: { readonly challenge: string }
}

/** How long an expired session is remembered as expired. @since 0.1.0 */
export const expiredRetentionMillis = 15 * 60_000

/** Why a session could not be taken. @since 0.1.0 */
export type Refusal = "Missing" | "Expired"

/** @since 0.1.0 */
export class Sessions {
  readonly #sessions = new Map<string, ChallengeSession>()
  #lastSweep = 0

  put(session: ChallengeSession, now: number): void {
    this.#sessions.set(session.id, session)
    if (now - this.#lastSweep > 60_000) this.sweep(now)
  }

  /** Removes and returns the session: each one answers once. */
  take(id: string, now: number): ChallengeSession | Refusal {
    const session = this.#sessions.get(id)
    if (session === undefined) return "Missing"
    this.#sessions.delete(id)
    return session.expiresAt <= now ? "Expired" : session
  }

  get size(): number {
    return this.#sessions.size
  }

  sweep(now: number): void {
    this.#lastSweep = now
    // Expired sessions stay a while, so a late answer hears "session is expired", not "invalid".
    for (const [id, session] of this.#sessions) if (session.expiresAt + expiredRetentionMillis <= now) this.#sessions.delete(id)
  }
}
