/**
 * Cryptographically strong random bytes (SRP ephemerals, device passwords, PKCE verifiers).
 * Effect's `Random` is not meant for secrets, so this small port exists; tests swap it for a
 * seeded source.
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"

/** @since 0.1.0 */
export interface SecureRandomService {
  readonly bytes: (length: number) => Effect.Effect<Uint8Array>
}

/** @since 0.1.0 @category tags */
export class SecureRandom extends Context.Tag("@cognito-effect/domain/SecureRandom")<SecureRandom, SecureRandomService>() {
  /** `crypto.getRandomValues`, present in browsers and Node ≥ 20. */
  static readonly layer: Layer.Layer<SecureRandom> = Layer.succeed(SecureRandom, {
    bytes: (length) => Effect.sync(() => globalThis.crypto.getRandomValues(new Uint8Array(length)))
  })
}
