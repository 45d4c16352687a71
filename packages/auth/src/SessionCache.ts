/**
 * The answer of the last `fetchAuthSession`, kept in memory so that the next calls — most apps
 * call it before every request — return at once instead of reading and decoding storage again.
 *
 * A kept answer is used only while all of these hold:
 * - the storage is one that reports its changes (the built-in ones count their writes, Web
 *   Storage also counts other tabs' writes through `storage` events; a custom storage never
 *   qualifies) and its count has not moved since the answer was computed, nor was the storage
 *   switched;
 * - the tokens are outside Amplify's refresh margin (`now + clockDrift + 5 s < exp`);
 * - the credentials are within their cache time (`Credentials.refreshAt`);
 * - the call asks for nothing special (`forceRefresh`, `clientMetadata`).
 * `clearCredentials` drops it. An answer computed while the storage changed (a refresh writing
 * new tokens) is not kept: the next call computes a fresh one.
 *
 * @since 0.1.0
 */
import * as Credentials from "@cognito-effect/domain/Credentials"
import type * as Tokens from "@cognito-effect/domain/Tokens"

/** A storage's change marker (equal markers: no change between them); `undefined` when it cannot tell. @since 0.1.0 */
export interface StorageVersion {
  readonly version: () => string | undefined
}

/** @since 0.1.0 */
export interface Entry<A> {
  readonly value: A
  readonly version: string
  readonly validUntil: number
}

/** One instance's kept answer. @since 0.1.0 */
export class SessionCache<A> {
  private entry: Entry<A> | undefined
  /** the credentials last seen, and since when (kept across invalidations) */
  private seen: { readonly accessKeyId: string; readonly at: number } | undefined

  constructor(private readonly storage: StorageVersion) {}

  /** The kept answer when it still holds at `now`. */
  lookup(now: number): A | undefined {
    const entry = this.entry
    if (entry === undefined || now >= entry.validUntil || this.storage.version() !== entry.version) return undefined
    return entry.value
  }

  /** The storage's count before computing an answer (pass it to `remember`). */
  mark(): string | undefined {
    return this.storage.version()
  }

  /**
   * Keeps `value`, computed from `tokens` (the stored session, if any) and `credentials`, when
   * the storage did not change since `mark` returned `version`.
   */
  remember(
    value: A,
    version: string | undefined,
    now: number,
    tokens: Tokens.TokenSet | undefined,
    credentials: Credentials.AwsCredentials | undefined
  ): void {
    if (version === undefined || this.storage.version() !== version) {
      this.entry = undefined
      return
    }
    let validUntil = tokens === undefined ? Number.POSITIVE_INFINITY : tokensValidUntil(tokens)
    if (credentials !== undefined) {
      if (this.seen?.accessKeyId !== credentials.accessKeyId) this.seen = { accessKeyId: credentials.accessKeyId, at: now }
      validUntil = Math.min(validUntil, Credentials.refreshAt(this.seen.at, credentials.expiration))
    }
    this.entry = { value, version, validUntil }
  }

  invalidate(): void {
    this.entry = undefined
  }
}

/** When Amplify's rule starts calling these tokens expired: `now + drift + 5 s > exp`. @since 0.1.0 */
export const tokensValidUntil = (tokens: Tokens.TokenSet): number => {
  const until = (jwt: Tokens.Jwt | undefined) => {
    if (jwt === undefined) return Number.POSITIVE_INFINITY
    const exp = jwt.payload.exp
    return typeof exp === "number" ? exp * 1000 - tokens.clockDrift - 5_000 : Number.NEGATIVE_INFINITY
  }
  return Math.min(until(tokens.accessToken), until(tokens.idToken))
}
