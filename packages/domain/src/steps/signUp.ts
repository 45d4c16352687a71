/**
 * `signUp`: registers a user and, when asked, arms the auto sign-in that follows confirmation.
 * Amplify never checks the password before sending; a missing one comes back from Cognito as
 * `InvalidParameterException` and is reported as `EmptySignUpPassword`.
 *
 * @since 0.1.0
 */
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import { CognitoServiceError, validationError } from "../AuthError.js"
import * as AuthConfig from "../AuthConfig.js"
import * as AwsJson from "../AwsJson.js"
import * as CodeDelivery from "../CodeDelivery.js"
import type * as NextStep from "../NextStep.js"
import { pendingLifetimeMillis } from "../SignInFlow.js"
import { AutoSignInState } from "../services/AutoSignInState.js"
import { CognitoClient } from "../services/CognitoClient.js"
import * as UserContextData from "../services/UserContextData.js"
import * as Shapes from "../wire/Shapes.js"
import * as SignUp from "../wire/SignUp.js"
import type { SignInOptions } from "./signIn.js"

/** @since 0.1.0 */
export interface SignUpInput {
  readonly username: string
  readonly password?: Redacted.Redacted<string> | string
  readonly options?: {
    readonly userAttributes: Readonly<Record<string, string | undefined>>
    readonly validationData?: Readonly<Record<string, string>>
    readonly clientMetadata?: Readonly<Record<string, string>>
    readonly autoSignIn?: SignInOptions | boolean
  }
}

const isMissingPassword = (error: unknown) =>
  error instanceof CognitoServiceError &&
  error.exception === "InvalidParameterException" &&
  /password/i.test(error.message) &&
  /null|required|missing/i.test(error.message)

/**
 * An optional `{name: value}` member as an attribute list. Untyped callers: `null` counts as
 * absent (as in AWS JSON); anything else that is not an object is refused as Cognito refuses such
 * a member.
 */
const attributeList = (member: "UserAttributes" | "ValidationData", value: unknown) =>
  value === undefined || value === null
    ? Effect.succeed(undefined)
    : typeof value === "object" && !Array.isArray(value)
      ? Effect.succeed(Shapes.recordToAttributes(value as Readonly<Record<string, string | undefined>>))
      : Effect.fail(AwsJson.invalidMember(SignUp.operation, member, value))

/** @since 0.1.0 */
export const signUp = Effect.fn("signUp")(function* (input: SignUpInput) {
  const pool = yield* AuthConfig.userPool
  if (!input.username) return yield* validationError("EmptySignUpUsername")
  const password =
    input.password === undefined || input.password === ""
      ? undefined
      : Redacted.isRedacted(input.password)
        ? input.password
        : Redacted.make(input.password)
  const options = input.options
  const userAttributes = yield* attributeList("UserAttributes", options?.userAttributes)
  const validationData = yield* attributeList("ValidationData", options?.validationData)
  const contextData = yield* UserContextData.member(pool, input.username)
  const response = yield* (yield* CognitoClient)
    .call(SignUp.operation, {
      ClientId: pool.userPoolClientId,
      Username: input.username,
      ...(password === undefined ? {} : { Password: password }),
      ...(userAttributes === undefined ? {} : { UserAttributes: userAttributes }),
      ...(validationData === undefined ? {} : { ValidationData: validationData }),
      ...(options?.clientMetadata === undefined ? {} : { ClientMetadata: options.clientMetadata }),
      ...contextData
    })
    .pipe(Effect.catchIf(isMissingPassword, () => Effect.fail(validationError("EmptySignUpPassword"))))

  const autoSignIn = options?.autoSignIn
  const signInOptions = typeof autoSignIn === "object" ? autoSignIn : undefined
  const delivery = CodeDelivery.fromWire<"email" | "phone_number">(response.CodeDeliveryDetails)
  const base = { isSignUpComplete: response.UserConfirmed, userId: response.UserSub }
  if (autoSignIn === undefined || autoSignIn === false) {
    const nextStep: NextStep.NextSignUpStep = response.UserConfirmed
      ? { signUpStep: "DONE" }
      : { signUpStep: "CONFIRM_SIGN_UP", codeDeliveryDetails: delivery }
    return { ...base, nextStep } satisfies NextStep.SignUpOutput
  }

  const now = yield* Clock.currentTimeMillis
  const withPassword = signInOptions?.authFlowType === "CUSTOM_WITHOUT_SRP" ? undefined : password
  const phase = response.UserConfirmed ? "ready" : pool.signUpVerificationMethod === "link" ? "polling" : "awaitingConfirmation"
  yield* (yield* AutoSignInState).set({
    username: input.username,
    phase,
    expiresAt: now + pendingLifetimeMillis,
    ...(withPassword === undefined ? {} : { password: withPassword }),
    ...(signInOptions === undefined ? {} : { options: signInOptions }),
    ...(response.Session === undefined ? {} : { session: response.Session })
  })
  const nextStep: NextStep.NextSignUpStep =
    phase === "ready"
      ? { signUpStep: "COMPLETE_AUTO_SIGN_IN" }
      : phase === "polling"
        ? { signUpStep: "COMPLETE_AUTO_SIGN_IN", codeDeliveryDetails: delivery }
        : { signUpStep: "CONFIRM_SIGN_UP", codeDeliveryDetails: delivery }
  return { ...base, nextStep } satisfies NextStep.SignUpOutput
})
