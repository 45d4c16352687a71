/**
 * `EMAIL_OTP` and `SMS_OTP` as first factors of USER_AUTH (passwordless): a six-digit code goes to
 * the user's e-mail or phone (the inbox, purpose = the challenge name) and the answer
 * `EMAIL_OTP_CODE` / `SMS_OTP_CODE` must equal it. As with MFA codes, a wrong code keeps the
 * session for another try, five answers in all.
 *
 * `EMAIL_OTP` is also an MFA challenge: its responder here answers the sessions this module
 * opened and hands every other one to the MFA responder.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import * as CognitoException from "../CognitoException.js"
import * as Codes from "../Codes.js"
import * as Ids from "../Ids.js"
import * as Mfa from "../Mfa.js"
import * as SignIn from "../SignIn.js"
import * as MfaChallenges from "./Mfa.js"

/** @since 0.1.0 */
export type Factor = "EMAIL_OTP" | "SMS_OTP"

const answerMember: Readonly<Record<Factor, string>> = { EMAIL_OTP: "EMAIL_OTP_CODE", SMS_OTP: "SMS_OTP_CODE" }

/** Where the factor's code goes for this user, if anywhere. @since 0.1.0 */
export const delivery = (factor: Factor, user: SignIn.Attempt["user"]): Codes.Delivery | undefined =>
  factor === "EMAIL_OTP" ? Codes.viaEmail(user) : Codes.viaSms(user)

/** Sends a code and asks for it. @since 0.1.0 */
export const challenge = (attempt: SignIn.Attempt, factor: Factor) =>
  Effect.gen(function* () {
    const destination = delivery(factor, attempt.user)
    if (destination === undefined) {
      return yield* Effect.fail(CognitoException.invalidParameter(`User does not have delivery config set to turn on ${factor}`))
    }
    const code = yield* Ids.numericCode
    yield* Codes.deliver({ poolId: attempt.state.pool.id, user: attempt.user, code, purpose: factor, delivery: destination })
    const session = yield* SignIn.openSession(attempt, factor, {
      mfa: { digest: Ids.digest(code), attemptsLeft: MfaChallenges.attempts },
      firstFactor: factor
    })
    return {
      ChallengeName: factor,
      Session: Redacted.make(session),
      ChallengeParameters: {
        CODE_DELIVERY_DELIVERY_MEDIUM: destination.medium,
        CODE_DELIVERY_DESTINATION: Codes.mask(destination)
      }
    } satisfies SignIn.AuthResponse
  })

/**
 * Answers the first-factor sessions of `factor`; any other session of the same challenge name
 * goes to `otherwise` (the MFA responder for `EMAIL_OTP`).
 * @since 0.1.0
 */
export const responder = (factor: Factor, otherwise?: SignIn.Responder): SignIn.Responder => ({
  respond: (input) =>
    Effect.gen(function* () {
      const { session, attempt, responses } = input
      if (session.firstFactor !== factor) {
        return otherwise === undefined ? yield* Effect.fail(CognitoException.invalidSession()) : yield* otherwise.respond(input)
      }
      const member = answerMember[factor]
      const code = responses[member]
      if (code === undefined || code === "") {
        return yield* MfaChallenges.retry(session, CognitoException.invalidParameter(`Missing required parameter ${member}`), false)
      }
      const digest = session.mfa?.digest
      if (digest === undefined || !Ids.matchesDigest(code, digest)) return yield* MfaChallenges.retry(session, Mfa.wrongCode())
      return { _tag: "Continue", attempt: { ...attempt, passed: [...attempt.passed, factor] } } as const
    })
})
