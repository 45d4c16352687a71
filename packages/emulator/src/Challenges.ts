/**
 * The sign-in registry: the stages a sign-in passes after its first factor, in order, and the
 * responder of each challenge name. Features that add challenges (MFA, devices, passkeys)
 * register here; `advance` is the only place that decides between "next challenge" and tokens.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as CustomChallenge from "./challenges/CustomChallenge.js"
import * as NewPasswordRequired from "./challenges/NewPasswordRequired.js"
import * as PasswordVerifier from "./challenges/PasswordVerifier.js"
import * as SignIn from "./SignIn.js"

/** Checked in this order after the first factor. @since 0.1.0 */
export const stages: ReadonlyArray<SignIn.Stage> = [NewPasswordRequired.stage, CustomChallenge.stage]

/** RespondToAuthChallenge dispatches on `ChallengeName` here. @since 0.1.0 */
export const responders: Readonly<Record<string, SignIn.Responder>> = {
  [PasswordVerifier.name]: PasswordVerifier.responder,
  [NewPasswordRequired.name]: NewPasswordRequired.responder,
  [CustomChallenge.name]: CustomChallenge.responder
}

/** The next challenge the attempt owes, or its tokens. @since 0.1.0 */
export const advance = (attempt: SignIn.Attempt) =>
  Effect.suspend(() => {
    const next = stages.find((stage) => !attempt.passed.includes(stage.name) && stage.required(attempt))
    return next === undefined ? SignIn.succeed(attempt) : next.challenge(attempt)
  })
