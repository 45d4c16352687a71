/**
 * `PASSWORD_VERIFIER` (and `DEVICE_PASSWORD_VERIFIER`): the SRP half of sign-in. `start` makes the
 * client ephemeral (`SRP_A`); `respond` proves the password for the challenge Cognito sent back.
 * The math is in `Srp`; this module only gathers its inputs (randomness, the clock, the pool name).
 *
 * @since 0.1.0
 */
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import type * as Redacted from "effect/Redacted"
import { SignInException } from "../AuthError.js"
import * as Srp from "../Srp.js"
import { ModExp } from "../services/ModExp.js"
import { SecureRandom } from "../services/SecureRandom.js"

/** The client's SRP ephemeral for one sign-in. @since 0.1.0 */
export interface Ephemeral {
  readonly a: bigint
  readonly A: bigint
  /** `SRP_A` as sent: lowercase hex, unpadded */
  readonly srpA: string
}

const srpFailure = (error: Srp.SrpError) =>
  new SignInException({ message: `An error occurred during the sign in process. ${error.message}` })

/** A fresh ephemeral from 128 random bytes. @since 0.1.0 */
export const start = Effect.gen(function* () {
  const bytes = yield* (yield* SecureRandom).bytes(128)
  const { modPow } = yield* ModExp
  const a = Srp.generateSmallA(bytes)
  const A = yield* Effect.mapError(Srp.generateA(a, modPow), srpFailure)
  return { a, A, srpA: Srp.bigIntToHex(A) } satisfies Ephemeral
})

/** What the proof needs besides the ephemeral. @since 0.1.0 */
export interface Secret {
  /** the pool name for a user, the device group key for a device */
  readonly poolName: string
  /** `USER_ID_FOR_SRP` for a user, the device key for a device */
  readonly userId: string
  readonly password: Redacted.Redacted<string>
}

/**
 * The `ChallengeResponses` members that prove the password: `PASSWORD_CLAIM_SECRET_BLOCK`,
 * `TIMESTAMP`, `PASSWORD_CLAIM_SIGNATURE`.
 * @since 0.1.0
 */
export const respond = (parameters: Readonly<Record<string, string>>, ephemeral: Ephemeral, secret: Secret) =>
  Effect.gen(function* () {
    const salt = parameters["SALT"]
    const srpB = parameters["SRP_B"]
    const secretBlock = parameters["SECRET_BLOCK"]
    if (salt === undefined || srpB === undefined || secretBlock === undefined) {
      return yield* new SignInException({
        message: "An error occurred during the sign in process. The password verifier challenge lacks SALT, SRP_B or SECRET_BLOCK."
      })
    }
    const { modPow } = yield* ModExp
    const timestamp = Srp.formatTimestamp(new Date(yield* Clock.currentTimeMillis))
    const { signature } = yield* Effect.mapError(
      Srp.passwordClaim({ ...secret, salt, srpB, secretBlock, timestamp, a: ephemeral.a, A: ephemeral.A }, modPow),
      srpFailure
    )
    return {
      PASSWORD_CLAIM_SECRET_BLOCK: secretBlock,
      TIMESTAMP: timestamp,
      PASSWORD_CLAIM_SIGNATURE: signature
    }
  })
