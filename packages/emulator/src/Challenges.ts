/**
 * The sign-in registry: the stages a sign-in passes after its first factor, in order, and the
 * responder of each challenge name. Features that add challenges (MFA, devices, passkeys)
 * register here; `advance` is the only place that decides between "next challenge" and tokens.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as CustomChallenge from "./challenges/CustomChallenge.js"
import * as DeviceSrp from "./challenges/DeviceSrp.js"
import * as Mfa from "./challenges/Mfa.js"
import * as NewPasswordRequired from "./challenges/NewPasswordRequired.js"
import * as OneTimePassword from "./challenges/OneTimePassword.js"
import * as PasswordVerifier from "./challenges/PasswordVerifier.js"
import * as SelectChallenge from "./challenges/SelectChallenge.js"
import * as WebAuthn from "./challenges/WebAuthn.js"
import * as SignIn from "./SignIn.js"

/** Checked in this order after the first factor. @since 0.1.0 */
export const stages: ReadonlyArray<SignIn.Stage> = [NewPasswordRequired.stage, CustomChallenge.stage, DeviceSrp.stage, Mfa.stage]

/** RespondToAuthChallenge dispatches on `ChallengeName` here. @since 0.1.0 */
export const responders: Readonly<Record<string, SignIn.Responder>> = {
  [PasswordVerifier.name]: PasswordVerifier.responder,
  [NewPasswordRequired.name]: NewPasswordRequired.responder,
  [CustomChallenge.name]: CustomChallenge.responder,
  [DeviceSrp.name]: DeviceSrp.srpAuthResponder,
  [DeviceSrp.verifierName]: DeviceSrp.verifierResponder,
  ...Mfa.responders,
  [SelectChallenge.name]: SelectChallenge.responder,
  [WebAuthn.name]: WebAuthn.responder,
  SMS_OTP: OneTimePassword.responder("SMS_OTP"),
  // EMAIL_OTP is a passwordless first factor and an MFA factor: first-factor sessions are told apart.
  EMAIL_OTP: OneTimePassword.responder("EMAIL_OTP", Mfa.emailOtp)
}

/** The next challenge the attempt owes, or its tokens. @since 0.1.0 */
export const advance = (attempt: SignIn.Attempt) =>
  Effect.suspend(() => {
    const next = stages.find((stage) => !attempt.passed.includes(stage.name) && stage.required(attempt))
    return next === undefined ? SignIn.succeed(attempt) : next.challenge(attempt)
  })
