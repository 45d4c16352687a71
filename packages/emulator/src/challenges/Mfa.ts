/**
 * The MFA stage of sign-in and its challenges: `SMS_MFA` and `EMAIL_OTP` (a six-digit code in the
 * inbox, purpose = the challenge name), `SOFTWARE_TOKEN_MFA` (a TOTP code), `SELECT_MFA_TYPE`
 * (`MFAS_CAN_CHOOSE`, answered with `ANSWER`) and `MFA_SETUP` (`MFAS_CAN_SETUP`, completed by
 * `VerifySoftwareToken` with the session, or answered with `EMAIL`, which sends an `EMAIL_OTP`
 * code to that address).
 *
 * A wrong code keeps the session: the same challenge can be answered again, five times in all.
 * The stage follows a password (USER_SRP_AUTH, USER_PASSWORD_AUTH); custom authentication skips
 * it, and so does a remembered device that stands in for MFA (`Devices.replacesMfa`).
 *
 * @since 0.1.0
 */
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import type { SecureRandom } from "@cognito-effect/domain/services/SecureRandom"
import { Backend } from "../Backend.js"
import * as CognitoException from "../CognitoException.js"
import * as Codes from "../Codes.js"
import * as Devices from "../Devices.js"
import * as Ids from "../Ids.js"
import * as Mfa from "../Mfa.js"
import type * as Sessions from "../Sessions.js"
import * as SignIn from "../SignIn.js"
import * as Users from "../Users.js"

/** The stage's name in `Attempt.passed`. @since 0.1.0 */
export const name = "MFA"

/** Set in `passed` by VerifySoftwareToken with an MFA_SETUP session. @since 0.1.0 */
export const softwareTokenSetUp = "SOFTWARE_TOKEN_SETUP"

/** Answers per challenge session. @since 0.1.0 */
export const attempts = 5

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

/** Asks for one factor: a code goes to the phone or the e-mail (or `setupEmail`), TOTP asks the app. @since 0.1.0 */
export const challenge = (
  attempt: SignIn.Attempt,
  factor: Mfa.Factor,
  setupEmail?: string
): Effect.Effect<SignIn.AuthResponse, CognitoException.CognitoException, Backend | SecureRandom> =>
  Effect.gen(function* () {
    const userId = attempt.user.username
    if (factor === "SOFTWARE_TOKEN_MFA") {
      const session = yield* SignIn.openSession(attempt, factor, { mfa: { attemptsLeft: attempts } })
      return { ChallengeName: factor, Session: Redacted.make(session), ChallengeParameters: { USER_ID_FOR_SRP: userId } }
    }
    const delivery: Codes.Delivery | undefined =
      factor === "SMS_MFA"
        ? Codes.viaSms(attempt.user)
        : setupEmail !== undefined
          ? { medium: "EMAIL", destination: setupEmail, attributeName: "email" }
          : Codes.viaEmail(attempt.user)
    if (delivery === undefined) {
      return yield* Effect.fail(CognitoException.invalidParameter(`User does not have delivery config set to turn on ${factor}`))
    }
    const code = yield* Ids.numericCode
    yield* Codes.deliver({ poolId: attempt.state.pool.id, user: attempt.user, code, purpose: factor, delivery })
    const session = yield* SignIn.openSession(attempt, factor, {
      mfa: { digest: Ids.digest(code), attemptsLeft: attempts, ...(setupEmail !== undefined ? { setupEmail } : {}) }
    })
    return {
      ChallengeName: factor,
      Session: Redacted.make(session),
      ChallengeParameters: {
        CODE_DELIVERY_DELIVERY_MEDIUM: delivery.medium,
        CODE_DELIVERY_DESTINATION: Codes.mask(delivery),
        USER_ID_FOR_SRP: userId
      }
    }
  })

const ask = (attempt: SignIn.Attempt, challengeName: "SELECT_MFA_TYPE" | "MFA_SETUP", factors: ReadonlyArray<Mfa.Factor>) =>
  Effect.map(SignIn.openSession(attempt, challengeName), (session): SignIn.AuthResponse => ({
    ChallengeName: challengeName,
    Session: Redacted.make(session),
    ChallengeParameters: {
      [challengeName === "SELECT_MFA_TYPE" ? "MFAS_CAN_CHOOSE" : "MFAS_CAN_SETUP"]: JSON.stringify(factors),
      USER_ID_FOR_SRP: attempt.user.username
    }
  }))

/** @since 0.1.0 */
export const stage: SignIn.Stage = {
  name,
  required: (attempt) =>
    attempt.passed.includes("PASSWORD") &&
    attempt.flow !== "CUSTOM_AUTH" &&
    !Devices.replacesMfa(attempt) &&
    Mfa.requirement(attempt.state.pool, attempt.user)._tag !== "None",
  challenge: (attempt) => {
    const owed = Mfa.requirement(attempt.state.pool, attempt.user)
    switch (owed._tag) {
      case "Challenge":
        return challenge(attempt, owed.factor)
      case "Select":
        return ask(attempt, "SELECT_MFA_TYPE", owed.factors)
      case "Setup":
        return ask(attempt, "MFA_SETUP", owed.factors)
      case "None":
        return SignIn.succeed(attempt)
    }
  }
}

/**
 * Puts a session back so its challenge can be answered again (one answer fewer when `counted`),
 * then fails with `error`. The last allowed wrong answer ends the session.
 * @since 0.1.0
 */
export const retry = (session: Sessions.ChallengeSession, error: CognitoException.CognitoException, counted = true) =>
  Effect.gen(function* () {
    const backend = yield* Backend
    const now = yield* Clock.currentTimeMillis
    const left = (session.mfa?.attemptsLeft ?? attempts) - (counted ? 1 : 0)
    if (left > 0) backend.sessions.put({ ...session, mfa: { ...session.mfa, attemptsLeft: left } }, now)
    return yield* Effect.fail(error)
  })

const passed = (attempt: SignIn.Attempt, user = attempt.user): SignIn.Step => ({
  _tag: "Continue",
  attempt: { ...attempt, user, passed: [...attempt.passed, name] }
})

/** SMS_MFA and EMAIL_OTP: the code sent for this session. @since 0.1.0 */
const codeResponder = (member: string): SignIn.Responder => ({
  respond: ({ session, attempt, responses }) =>
    Effect.gen(function* () {
      const backend = yield* Backend
      const code = responses[member]
      if (code === undefined || code === "") {
        return yield* retry(session, CognitoException.invalidParameter(`Missing required parameter ${member}`), false)
      }
      const digest = session.mfa?.digest
      if (digest === undefined || !Ids.matchesDigest(code, digest)) return yield* retry(session, Mfa.wrongCode())
      const setupEmail = session.mfa?.setupEmail
      if (setupEmail === undefined) return passed(attempt)
      // MFA_SETUP with EMAIL: the code proves the address; it becomes the user's verified e-mail.
      const now = yield* Clock.currentTimeMillis
      const current = backend.store.findUser(attempt.state, attempt.user.username) ?? attempt.user
      const user = Mfa.enable(
        { ...current, attributes: { ...current.attributes, email: setupEmail, email_verified: "true" }, modifiedAt: now },
        "EMAIL_OTP"
      )
      yield* Users.claimAliases(attempt.state, user, false)
      backend.store.putUser(attempt.state, user)
      return passed(attempt, user)
    })
})

/** @since 0.1.0 */
export const smsMfa: SignIn.Responder = codeResponder("SMS_MFA_CODE")

/** @since 0.1.0 */
export const emailOtp: SignIn.Responder = codeResponder("EMAIL_OTP_CODE")

/** SOFTWARE_TOKEN_MFA: a code of the user's verified authenticator, each step once. @since 0.1.0 */
export const softwareTokenMfa: SignIn.Responder = {
  respond: ({ session, attempt, responses }) =>
    Effect.gen(function* () {
      const backend = yield* Backend
      const code = responses["SOFTWARE_TOKEN_MFA_CODE"]
      if (code === undefined || code === "") {
        return yield* retry(session, CognitoException.invalidParameter("Missing required parameter SOFTWARE_TOKEN_MFA_CODE"), false)
      }
      const current = backend.store.findUser(attempt.state, attempt.user.username) ?? attempt.user
      const settings = Mfa.settingsOf(current)
      const token = settings.softwareToken
      if (token === undefined) {
        return yield* Effect.fail(CognitoException.make("SoftwareTokenMFANotFoundException", "Software Token MFA does not exist for the user."))
      }
      const check = Mfa.checkTotp(token, code, yield* Clock.currentTimeMillis)
      if (check._tag === "Mismatch") return yield* retry(session, Mfa.wrongCode())
      if (check._tag === "Replayed") return yield* retry(session, Mfa.replayedCode())
      const user = { ...current, mfa: { ...settings, softwareToken: { ...token, lastStep: check.step } } }
      backend.store.putUser(attempt.state, user)
      return passed(attempt, user)
    })
}

/** SELECT_MFA_TYPE: `ANSWER` names one of the usable factors (`EMAIL_MFA` is read as `EMAIL_OTP`). @since 0.1.0 */
export const selectMfaType: SignIn.Responder = {
  respond: ({ session, attempt, responses }) =>
    Effect.gen(function* () {
      const answer = responses["ANSWER"] === "EMAIL_MFA" ? "EMAIL_OTP" : responses["ANSWER"]
      const factor = Mfa.usable(attempt.state.pool, attempt.user).find((candidate) => candidate === answer)
      if (factor === undefined) {
        return yield* retry(session, CognitoException.invalidParameter(`Invalid ANSWER for SELECT_MFA_TYPE: ${answer ?? "(none)"}`), false)
      }
      return { _tag: "Respond", response: yield* challenge(attempt, factor) } as const
    })
}

/**
 * MFA_SETUP: with `EMAIL`, sends a code to that address (EMAIL_OTP follows); without, the
 * session must come from a successful VerifySoftwareToken.
 * @since 0.1.0
 */
export const mfaSetup: SignIn.Responder = {
  respond: ({ session, attempt, responses }) =>
    Effect.gen(function* () {
      const email = responses["EMAIL"]
      if (email !== undefined && email !== "") {
        if (!Mfa.offered(attempt.state.pool).includes("EMAIL_OTP")) {
          return yield* retry(session, CognitoException.invalidParameter("Email MFA is not enabled for the user pool."), false)
        }
        if (!emailPattern.test(email)) {
          return yield* retry(session, CognitoException.invalidParameter("Invalid email address format."), false)
        }
        const candidate = { ...attempt.user, attributes: { ...attempt.user.attributes, email, email_verified: "true" } }
        yield* Effect.catchAll(Users.claimAliases(attempt.state, candidate, false), (error) => retry(session, error, false))
        return { _tag: "Respond", response: yield* challenge(attempt, "EMAIL_OTP", email) } as const
      }
      if (attempt.passed.includes(softwareTokenSetUp)) return passed(attempt)
      return yield* retry(
        session,
        CognitoException.invalidParameter("MFA setup is not complete: verify a software token (VerifySoftwareToken) or answer with EMAIL."),
        false
      )
    })
}

/** The responders, by challenge name. @since 0.1.0 */
export const responders: Readonly<Record<string, SignIn.Responder>> = {
  SMS_MFA: smsMfa,
  EMAIL_OTP: emailOtp,
  SOFTWARE_TOKEN_MFA: softwareTokenMfa,
  SELECT_MFA_TYPE: selectMfaType,
  MFA_SETUP: mfaSetup
}
