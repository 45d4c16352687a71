/**
 * `confirmSignUp`: confirms a registration with its code; arms the auto sign-in when one waits for
 * this user.
 *
 * @since 0.1.0
 */
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import { validationError } from "../AuthError.js"
import * as AuthConfig from "../AuthConfig.js"
import type * as NextStep from "../NextStep.js"
import { AutoSignInState } from "../services/AutoSignInState.js"
import { CognitoClient } from "../services/CognitoClient.js"
import * as UserContextData from "../services/UserContextData.js"
import * as ConfirmSignUp from "../wire/ConfirmSignUp.js"

/** @since 0.1.0 */
export interface ConfirmSignUpInput {
  readonly username: string
  readonly confirmationCode: string
  readonly options?: {
    readonly clientMetadata?: Readonly<Record<string, string>>
    readonly forceAliasCreation?: boolean
  }
}

/** @since 0.1.0 */
export const confirmSignUp = Effect.fn("confirmSignUp")(function* (input: ConfirmSignUpInput) {
  const pool = yield* AuthConfig.userPool
  if (!input.username) return yield* validationError("EmptyConfirmSignUpUsername")
  if (!input.confirmationCode) return yield* validationError("EmptyConfirmSignUpCode")
  const response = yield* (yield* CognitoClient).call(ConfirmSignUp.operation, {
    ClientId: pool.userPoolClientId,
    Username: input.username,
    ConfirmationCode: Redacted.make(input.confirmationCode),
    ...(input.options?.clientMetadata === undefined ? {} : { ClientMetadata: input.options.clientMetadata }),
    ...(input.options?.forceAliasCreation === undefined ? {} : { ForceAliasCreation: input.options.forceAliasCreation }),
    ...(yield* UserContextData.member(pool, input.username))
  })
  const autoSignIn = yield* AutoSignInState
  const pending = yield* autoSignIn.get
  const now = yield* Clock.currentTimeMillis
  if (Option.isSome(pending) && pending.value.username === input.username && pending.value.expiresAt > now) {
    yield* autoSignIn.set({
      ...pending.value,
      phase: "ready",
      ...(response.Session === undefined ? {} : { session: response.Session })
    })
    return { isSignUpComplete: true, nextStep: { signUpStep: "COMPLETE_AUTO_SIGN_IN" } } satisfies NextStep.SignUpOutput
  }
  return { isSignUpComplete: true, nextStep: { signUpStep: "DONE" } } satisfies NextStep.SignUpOutput
})
