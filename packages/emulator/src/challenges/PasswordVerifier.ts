/**
 * PASSWORD_VERIFIER: the server side of SRP (protocol.md §4). InitiateAuth with `SRP_A` gets
 * `SALT`, `SRP_B`, an opaque `SECRET_BLOCK` (which doubles as the session, as in Cognito) and the
 * canonical `USERNAME` / `USER_ID_FOR_SRP`; the answer's PASSWORD_CLAIM_SIGNATURE is verified
 * over the exact TIMESTAMP string received, which must be well-formed (day of month not
 * zero-padded) and near the emulator's clock.
 *
 * For unknown users on clients that hide user existence, a decoy challenge with a stable salt and
 * id is sent and every answer is refused, as Cognito does.
 *
 * @since 0.1.0
 */
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import * as Srp from "@cognito-effect/domain/Srp"
import { Backend } from "../Backend.js"
import * as CognitoException from "../CognitoException.js"
import * as Ids from "../Ids.js"
import * as ModPowPool from "../ModPowPool.js"
import * as SignIn from "../SignIn.js"
import * as Store from "../Store.js"

/** @since 0.1.0 */
export const name = "PASSWORD_VERIFIER"

/** `SRP_A` as a number, refusing `A ≡ 0 (mod N)`. @since 0.1.0 */
export const parseA = (srpA: string) => {
  if (!Srp.isHex(srpA)) return Effect.fail(CognitoException.invalidParameter("SRP_A is not a valid hex number"))
  const A = Srp.hexToBigInt(srpA)
  return A % Srp.N === 0n ? Effect.fail(CognitoException.notAuthorized("Invalid SRP_A value")) : Effect.succeed(A)
}

/** A random `b` and `B = k·v + g^b`, drawn again in the negligible case `B ≡ 0`. @since 0.1.0 */
export const ephemeral = (v: bigint) =>
  Effect.gen(function* () {
    const backend = yield* Backend
    for (;;) {
      const b = Srp.bytesToBigInt(yield* Ids.bytes(32))
      const gb = yield* backend.pow(Srp.g, b)
      const B = Srp.serverB(v, b, ModPowPool.precomputed([[Srp.g, b, gb]], backend.modPow))
      if (b !== 0n && B % Srp.N !== 0n) return { b, B }
    }
  })

/** Answers InitiateAuth's `SRP_A` for a known user with a password. @since 0.1.0 */
export const start = (attempt: SignIn.Attempt, srpA: string) =>
  Effect.gen(function* () {
    const A = yield* parseA(srpA)
    const password = attempt.user.password
    if (password === undefined) return yield* Effect.fail(CognitoException.incorrectCredentials())
    const { b, B } = yield* ephemeral(Srp.hexToBigInt(password.verifier))
    const secretBlock = yield* Ids.base64(64)
    yield* SignIn.openSession(attempt, name, { id: secretBlock, srp: { A, b, B } })
    return challenge({ salt: password.salt, B, secretBlock, userId: attempt.user.username })
  })

const challenge = (input: { readonly salt: string; readonly B: bigint; readonly secretBlock: string; readonly userId: string }): SignIn.AuthResponse => ({
  ChallengeName: "PASSWORD_VERIFIER",
  ChallengeParameters: {
    SALT: input.salt,
    SRP_B: Srp.bigIntToHex(input.B),
    SECRET_BLOCK: input.secretBlock,
    USERNAME: input.userId,
    USER_ID_FOR_SRP: input.userId
  }
})

/** A decoy challenge for a user that does not exist: stable salt and id for the same name. @since 0.1.0 */
export const decoy = (input: { readonly state: Store.PoolState; readonly client: Store.Client; readonly typed: string; readonly flow: string; readonly srpA: string }) =>
  Effect.gen(function* () {
    const A = yield* parseA(input.srpA)
    const secret = Redacted.value(input.state.pool.decoySecret)
    const normalized = input.typed.toLowerCase()
    const salt = Ids.keyed(secret, "salt", normalized).subarray(0, 16).toString("hex")
    const idBytes = Ids.keyed(secret, "id", normalized).toString("hex")
    const userId = `${idBytes.slice(0, 8)}-${idBytes.slice(8, 12)}-4${idBytes.slice(13, 16)}-a${idBytes.slice(17, 20)}-${idBytes.slice(20, 32)}`
    const v = Srp.bytesToBigInt(Ids.keyed(secret, "verifier", normalized))
    const { b, B } = yield* ephemeral(v)
    const secretBlock = yield* Ids.base64(64)
    const user = Store.newUser({ username: userId, attributes: { sub: userId }, status: "CONFIRMED", now: 0 })
    yield* SignIn.openSession(
      { state: input.state, client: input.client, user, flow: input.flow, passed: [] },
      name,
      { id: secretBlock, srp: { A, b, B }, decoy: true }
    )
    return challenge({ salt, B, secretBlock, userId })
  })

const weekDays = "Sun|Mon|Tue|Wed|Thu|Fri|Sat"
const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
const timestampPattern = new RegExp(
  `^(?:${weekDays}) (${months.join("|")}) ([1-9]|[12][0-9]|3[01]) ([01][0-9]|2[0-3]):([0-5][0-9]):([0-5][0-9]) UTC ([0-9]{4})$`
)

/**
 * The instant a TIMESTAMP names, if it is exactly what Amplify's formatter would print for it
 * (right weekday, day of month not zero-padded).
 * @since 0.1.0
 */
export const parseTimestamp = (timestamp: string): number | undefined => {
  const match = timestampPattern.exec(timestamp)
  if (match === null) return undefined
  const [, month, day, hours, minutes, seconds, year] = match
  const millis = Date.UTC(Number(year), months.indexOf(month!), Number(day), Number(hours), Number(minutes), Number(seconds))
  return Srp.formatTimestamp(new Date(millis)) === timestamp ? millis : undefined
}

/**
 * The password claim of a PASSWORD_VERIFIER or DEVICE_PASSWORD_VERIFIER answer, once its
 * TIMESTAMP is in Amplify's format and within the tolerance of the emulator's clock.
 * @since 0.1.0
 */
export const readClaim = (responses: Readonly<Record<string, string>>) =>
  Effect.gen(function* () {
    const backend = yield* Backend
    const signature = yield* SignIn.requireParameter(responses, "PASSWORD_CLAIM_SIGNATURE")
    const timestamp = yield* SignIn.requireParameter(responses, "TIMESTAMP")
    const secretBlock = yield* SignIn.requireParameter(responses, "PASSWORD_CLAIM_SECRET_BLOCK")
    const now = yield* Clock.currentTimeMillis
    const stated = parseTimestamp(timestamp)
    if (stated === undefined || Math.abs(stated - now) > backend.timestampToleranceMillis) {
      return yield* Effect.fail(CognitoException.incorrectCredentials())
    }
    return { signature, timestamp, secretBlock }
  })

/**
 * What checking a claim against verifier `v` raises to powers — `v^u` and `(A·v^u)^b` — computed
 * off the event loop first, as a `ModPow` that answers them from a table (user and device claims).
 * @since 0.1.0
 */
export const claimExponentiations = (v: bigint, srp: { readonly A: bigint; readonly B: bigint; readonly b: bigint }) =>
  Effect.gen(function* () {
    const backend = yield* Backend
    const u = Srp.computeU(srp.A, srp.B)
    const vu = yield* backend.pow(v, u)
    const base = (srp.A * vu) % Srp.N
    const S = yield* backend.pow(base, srp.b)
    return ModPowPool.precomputed([[v, u, vu], [base, srp.b, S]], backend.modPow)
  })

/** @since 0.1.0 */
export const responder: SignIn.Responder = {
  sessionKey: (responses) => responses["PASSWORD_CLAIM_SECRET_BLOCK"],
  respond: ({ session, attempt, responses }) =>
    Effect.gen(function* () {
      const srp = session.srp
      const password = attempt.user.password
      if (srp === undefined || password === undefined) return yield* Effect.fail(CognitoException.incorrectCredentials())
      const { signature, timestamp, secretBlock } = yield* readClaim(responses)
      yield* SignIn.requireNotLockedOut(attempt.user)
      const v = Srp.hexToBigInt(password.verifier)
      const valid = Srp.verifyPasswordClaim(
        {
          poolName: Srp.poolName(attempt.state.pool.id),
          userId: attempt.user.username,
          v,
          A: srp.A,
          B: srp.B,
          b: srp.b,
          secretBlock,
          timestamp,
          signature
        },
        yield* claimExponentiations(v, srp)
      )
      if (!valid) {
        yield* SignIn.recordFailure(attempt.state, attempt.user.username)
        return yield* Effect.fail(CognitoException.incorrectCredentials())
      }
      yield* SignIn.requireConfirmed(attempt.state, attempt.user)
      return { _tag: "Continue", attempt: { ...attempt, passed: [...attempt.passed, "PASSWORD"] } } as const
    })
}
