/**
 * `SELECT_CHALLENGE`: USER_AUTH's choice of first factor. The challenges a user can take are the
 * pool's allowed first factors (`PASSWORD` stands for `PASSWORD` and `PASSWORD_SRP`) that the user
 * can complete: a password, an e-mail or phone for codes, a registered passkey. They are listed
 * in `AvailableChallenges`; the answer `ANSWER` picks one — with `PASSWORD` or `SRP_A` alongside
 * for the password factors, alone for the others, which then get their own challenge.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import type { SecureRandom } from "@cognito-effect/domain/services/SecureRandom"
import type { Backend } from "../Backend.js"
import * as CognitoException from "../CognitoException.js"
import * as Passkeys from "../Passkeys.js"
import * as Passwords from "../Passwords.js"
import * as SignIn from "../SignIn.js"
import type * as Store from "../Store.js"
import * as OneTimePassword from "./OneTimePassword.js"
import * as PasswordVerifier from "./PasswordVerifier.js"
import * as WebAuthn from "./WebAuthn.js"

/** @since 0.1.0 */
export const name = "SELECT_CHALLENGE"

/** A first-factor challenge, in the order Cognito lists them. @since 0.1.0 */
export type Factor = "PASSWORD" | "PASSWORD_SRP" | "WEB_AUTHN" | "EMAIL_OTP" | "SMS_OTP"

/** @since 0.1.0 */
export const factors: ReadonlyArray<Factor> = ["PASSWORD", "PASSWORD_SRP", "WEB_AUTHN", "EMAIL_OTP", "SMS_OTP"]

/** @since 0.1.0 */
export const isFactor = (value: string): value is Factor => (factors as ReadonlyArray<string>).includes(value)

const allowedBy = (allowed: ReadonlyArray<Passkeys.AuthFactor>, factor: Factor) =>
  allowed.includes(factor === "PASSWORD_SRP" ? "PASSWORD" : factor)

/** The first factors the pool allows, whoever the user. @since 0.1.0 */
export const offered = (pool: Store.Pool): ReadonlyArray<Factor> =>
  factors.filter((factor) => allowedBy(Passkeys.allowedFirstFactors(pool), factor))

/** The first factors this user can complete. @since 0.1.0 */
export const available = (pool: Store.Pool, user: Store.User): ReadonlyArray<Factor> =>
  offered(pool).filter((factor) => {
    switch (factor) {
      case "PASSWORD":
      case "PASSWORD_SRP":
        return user.password !== undefined
      case "WEB_AUTHN":
        return Passkeys.of(pool, user).length > 0
      case "EMAIL_OTP":
        return user.attributes["email"] !== undefined && user.attributes["email_verified"] === "true"
      case "SMS_OTP":
        return user.attributes["phone_number"] !== undefined && user.attributes["phone_number_verified"] === "true"
    }
  })

/** Offers the choice. @since 0.1.0 */
export const select = (attempt: SignIn.Attempt, choices: ReadonlyArray<Factor>, extra: { readonly decoy?: boolean } = {}) =>
  Effect.map(SignIn.openSession(attempt, name, extra), (session): SignIn.AuthResponse => ({
    ChallengeName: name,
    Session: Redacted.make(session),
    ChallengeParameters: {},
    AvailableChallenges: choices
  }))

/** The `PASSWORD` factor: the password in the clear, checked against the verifier. @since 0.1.0 */
export const checkPassword = (attempt: SignIn.Attempt, password: Redacted.Redacted<string>) =>
  Effect.gen(function* () {
    yield* SignIn.requireNotLockedOut(attempt.user)
    if (!(yield* Passwords.matches({ pool: attempt.state.pool, user: attempt.user, password }))) {
      yield* SignIn.recordFailure(attempt.state, attempt.user.username)
      return yield* Effect.fail(CognitoException.incorrectCredentials())
    }
    yield* SignIn.requireConfirmed(attempt.state, attempt.user)
    return { ...attempt, passed: [...attempt.passed, "PASSWORD"] } satisfies SignIn.Attempt
  })

/**
 * The challenge of a factor that is not answered in the same request (codes, passkeys), or the
 * SRP challenge. An unconfirmed user is refused before any code is sent.
 * @since 0.1.0
 */
export const offer = (
  attempt: SignIn.Attempt,
  factor: "PASSWORD_SRP" | "WEB_AUTHN" | "EMAIL_OTP" | "SMS_OTP",
  parameters: Readonly<Record<string, string>>
): Effect.Effect<SignIn.AuthResponse, CognitoException.CognitoException, Backend | SecureRandom> =>
  Effect.gen(function* () {
    if (factor === "PASSWORD_SRP") {
      const srpA = yield* SignIn.requireParameter(parameters, "SRP_A")
      yield* SignIn.requireNotLockedOut(attempt.user)
      return yield* PasswordVerifier.start(attempt, srpA)
    }
    if (attempt.user.status === "UNCONFIRMED") {
      return yield* Effect.fail(CognitoException.make("UserNotConfirmedException", "User is not confirmed."))
    }
    return factor === "WEB_AUTHN" ? yield* WebAuthn.challenge(attempt) : yield* OneTimePassword.challenge(attempt, factor)
  })

/** @since 0.1.0 */
export const responder: SignIn.Responder = {
  respond: ({ attempt, responses }) =>
    Effect.gen(function* () {
      const answer = yield* SignIn.requireParameter(responses, "ANSWER")
      if (!isFactor(answer) || !available(attempt.state.pool, attempt.user).includes(answer)) {
        return yield* Effect.fail(CognitoException.invalidParameter(`The challenge ${answer} is not available for this user.`))
      }
      if (answer === "PASSWORD") {
        const password = Redacted.make(yield* SignIn.requireParameter(responses, "PASSWORD"))
        return { _tag: "Continue", attempt: yield* checkPassword(attempt, password) } as const
      }
      return { _tag: "Respond", response: yield* offer(attempt, answer, responses) } as const
    })
}
