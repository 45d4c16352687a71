/**
 * `autoSignIn`: signs in the user who just signed up, with the options given to `signUp`.
 * With link verification it keeps trying every 5 s until the user clicks the link, for at most
 * Cognito's 3 minutes.
 *
 * @since 0.1.0
 */
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Schedule from "effect/Schedule"
import { AutoSignInException } from "../AuthError.js"
import { AutoSignInState } from "../services/AutoSignInState.js"
import { signIn, type SignInInput } from "./signIn.js"

/** Amplify's polling interval for link verification. @since 0.1.0 */
export const linkPollInterval = "5 seconds"

/** @since 0.1.0 */
export const autoSignIn = Effect.fn("autoSignIn")(function* () {
  const state = yield* AutoSignInState
  const pending = yield* state.get
  const now = yield* Clock.currentTimeMillis
  if (Option.isSome(pending) && pending.value.expiresAt <= now) yield* state.reset
  // Before confirmation the flow stays armed: confirmSignUp will still complete it.
  if (Option.isNone(pending) || pending.value.phase === "awaitingConfirmation" || pending.value.expiresAt <= now) {
    return yield* new AutoSignInException()
  }
  const { username, password, options, session, phase, expiresAt } = pending.value
  const input: SignInInput = {
    username,
    ...(password === undefined ? {} : { password }),
    ...(options === undefined ? {} : { options }),
    ...(session === undefined || options?.authFlowType !== "USER_AUTH" ? {} : { session })
  }
  if (phase === "ready") return yield* signIn(input)
  const notConfirmedYet = {
    message: "The account was not confirmed on time.",
    recoverySuggestion: "Try to verify your account by clicking the link sent your email or phone and then login manually."
  }
  return yield* signIn(input).pipe(
    Effect.repeat({
      schedule: Schedule.spaced(linkPollInterval),
      while: (output) => output.nextStep.signInStep === "CONFIRM_SIGN_UP"
    }),
    Effect.timeoutFail({
      duration: Math.max(0, expiresAt - now),
      onTimeout: () => new AutoSignInException(notConfirmedYet)
    })
  )
})
