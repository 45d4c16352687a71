/**
 * CUSTOM_CHALLENGE, the emulator's built-in custom authentication (in place of the Define /
 * Create / Verify Auth Challenge Lambda triggers): a six-digit code goes to the inbox with purpose
 * `CUSTOM_CHALLENGE`, and the answer `ANSWER` must equal it. A wrong answer gets the same
 * challenge again with a new `Session` (three answers in all), then "Incorrect username or
 * password." — the pattern of AWS's sample triggers.
 *
 * ChallengeParameters: `USERNAME`, `CHALLENGE` (`EMULATOR_INBOX_CODE`), `DELIVERY_MEDIUM`,
 * `DESTINATION` (masked) and `ATTEMPTS_REMAINING`.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import * as CognitoException from "../CognitoException.js"
import * as Codes from "../Codes.js"
import * as Ids from "../Ids.js"
import * as SignIn from "../SignIn.js"
import type * as Store from "../Store.js"

/** @since 0.1.0 */
export const name = "CUSTOM_CHALLENGE"

/** Answers allowed per code. @since 0.1.0 */
export const attempts = 3

const deliveryOf = (user: Store.User): Codes.Delivery =>
  Codes.viaEmail(user) ?? Codes.viaSms(user) ?? { medium: "EMAIL", destination: user.username, attributeName: "email" }

const challenge = (attempt: SignIn.Attempt, custom: { readonly digest: string; readonly attemptsLeft: number }) =>
  Effect.gen(function* () {
    const session = yield* SignIn.openSession(attempt, name, { custom })
    const delivery = deliveryOf(attempt.user)
    return {
      ChallengeName: name,
      Session: Redacted.make(session),
      ChallengeParameters: {
        USERNAME: attempt.user.username,
        CHALLENGE: "EMULATOR_INBOX_CODE",
        DELIVERY_MEDIUM: delivery.medium,
        DESTINATION: Codes.mask(delivery),
        ATTEMPTS_REMAINING: String(custom.attemptsLeft)
      }
    } satisfies SignIn.AuthResponse
  })

/** @since 0.1.0 */
export const stage: SignIn.Stage = {
  name,
  required: (attempt) => attempt.flow === "CUSTOM_AUTH",
  challenge: (attempt) =>
    Effect.gen(function* () {
      const code = yield* Ids.numericCode
      yield* Codes.deliver({
        poolId: attempt.state.pool.id,
        user: attempt.user,
        code,
        purpose: name,
        delivery: deliveryOf(attempt.user)
      })
      return yield* challenge(attempt, { digest: Ids.digest(code), attemptsLeft: attempts })
    })
}

/** @since 0.1.0 */
export const responder: SignIn.Responder = {
  respond: ({ session, attempt, responses }) =>
    Effect.gen(function* () {
      const answer = yield* SignIn.requireParameter(responses, "ANSWER")
      const custom = session.custom
      if (custom === undefined) return yield* Effect.fail(CognitoException.invalidSession())
      if (Ids.matchesDigest(answer, custom.digest)) {
        return { _tag: "Continue", attempt: { ...attempt, passed: [...attempt.passed, name] } } as const
      }
      if (custom.attemptsLeft <= 1) return yield* Effect.fail(CognitoException.incorrectCredentials())
      const response = yield* challenge(attempt, { digest: custom.digest, attemptsLeft: custom.attemptsLeft - 1 })
      return { _tag: "Respond", response } as const
    })
}
