/**
 * `confirmSignIn`: answers the pending challenge with the user's `challengeResponse` — a code, a
 * new password, a custom answer, an MFA choice, an email for MFA setup, a first-factor choice or a
 * password — and settles Cognito's answer like `signIn` does.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import { CognitoServiceError, SignInException, validationError } from "../AuthError.js"
import * as AuthConfig from "../AuthConfig.js"
import * as AwsJson from "../AwsJson.js"
import * as PasswordVerifier from "../challenges/PasswordVerifier.js"
import * as TotpSetup from "../challenges/TotpSetup.js"
import * as NextStep from "../NextStep.js"
import * as SignInFlow from "../SignInFlow.js"
import { CognitoClient } from "../services/CognitoClient.js"
import { type PendingSignIn, SignInStateStore } from "../services/SignInStateStore.js"
import { TokenStore } from "../services/TokenStore.js"
import * as UserContextData from "../services/UserContextData.js"
import * as AssociateSoftwareToken from "../wire/AssociateSoftwareToken.js"
import * as RespondToAuthChallenge from "../wire/RespondToAuthChallenge.js"
import * as Shapes from "../wire/Shapes.js"
import * as VerifySoftwareToken from "../wire/VerifySoftwareToken.js"
import { answerPasswordVerifier } from "./signIn.js"

/** @since 0.1.0 */
export interface ConfirmSignInInput {
  readonly challengeResponse: string
  readonly options?: {
    readonly userAttributes?: Readonly<Record<string, string | undefined>>
    readonly clientMetadata?: Readonly<Record<string, string>>
    readonly friendlyDeviceName?: string
  }
}

/**
 * Amplify's error when there is nothing to confirm, to the character: its message is an indented
 * template literal (new lines and tabs included) and its suggestion lacks a space.
 * @since 0.1.0
 */
export const noPendingSignIn = () =>
  new SignInException({
    message:
      "\n\t\t\tAn error occurred during the sign in process.\n\n\t\t\tThis most likely occurred due to:\n" +
      "\t\t\t1. signIn was not called before confirmSignIn.\n\t\t\t2. signIn threw an exception.\n" +
      "\t\t\t3. page was refreshed during the sign in flow and session has expired.\n\t\t\t",
    recoverySuggestion: "Make sure a successful call to signIn is made before calling confirmSignInand that the session has not expired."
  })

const codeKeys: Readonly<Record<string, string>> = {
  SMS_MFA: "SMS_MFA_CODE",
  SMS_OTP: "SMS_OTP_CODE",
  SOFTWARE_TOKEN_MFA: "SOFTWARE_TOKEN_MFA_CODE",
  EMAIL_OTP: "EMAIL_OTP_CODE"
}

const secrets = (entries: Record<string, string | undefined>) => {
  const record: Record<string, Redacted.Redacted<string>> = {}
  for (const [key, value] of Object.entries(entries)) if (value !== undefined) record[key] = Redacted.make(value)
  return record
}

/** @since 0.1.0 */
export const confirmSignIn = Effect.fn("confirmSignIn")(function* (input: ConfirmSignInInput) {
  const pool = yield* AuthConfig.userPool
  const answer = input.challengeResponse
  if (!answer) return yield* validationError("EmptyChallengeResponse")
  const store = yield* SignInStateStore
  const loaded = yield* store.load
  if (Option.isNone(loaded)) return yield* noPendingSignIn()
  const pending = loaded.value
  // Untyped callers: Amplify would send a non-string answer and Cognito refuse it (or, for the MFA
  // choice, fail its own check); refused here before any branch reads it as a string.
  if (typeof answer !== "string") {
    return yield* pending.challengeName === "SELECT_MFA_TYPE"
      ? validationError("IncorrectMFAMethod")
      : AwsJson.invalidMember(RespondToAuthChallenge.operation, "ChallengeResponses", answer)
  }
  const context: SignInFlow.FlowContext = {
    pool,
    username: pending.username,
    signInDetails: pending.signInDetails ?? { loginId: pending.username }
  }
  return yield* SignInFlow.recoverServiceSteps(respond(pool, pending, answer, input, context)).pipe(
    Effect.tapError((error) => (isDeadSession(error) ? Effect.ignore(store.clear) : Effect.void))
  )
})

/**
 * Cognito refused the session itself (expired, or ended by too many wrong answers): the pending
 * sign-in can never complete, so it is forgotten and the next `confirmSignIn` says to sign in again.
 * @since 0.1.0
 */
export const isDeadSession = (error: unknown): boolean =>
  error instanceof CognitoServiceError &&
  error.exception === "NotAuthorizedException" &&
  error.message.startsWith("Invalid session for the user")

const respond = (
  pool: AuthConfig.UserPoolConfig,
  pending: PendingSignIn,
  answer: string,
  input: ConfirmSignInInput,
  context: SignInFlow.FlowContext
) =>
  Effect.gen(function* () {
    const client = yield* CognitoClient
    const device = yield* (yield* TokenStore).getDeviceMetadata(pending.username)
    const deviceKey = Option.isSome(device) ? device.value.deviceKey : undefined
    const clientMetadata = input.options?.clientMetadata
    const send = (challengeName: Shapes.ChallengeName, responses: Record<string, string | undefined>, session = pending.session) =>
      Effect.flatMap(UserContextData.member(pool, pending.username), (contextData) =>
        client.call(RespondToAuthChallenge.operation, {
          ChallengeName: challengeName,
          ClientId: pool.userPoolClientId,
          ChallengeResponses: secrets({ USERNAME: pending.username, ...responses }),
          ...(session === undefined ? {} : { Session: session }),
          ...(clientMetadata === undefined ? {} : { ClientMetadata: clientMetadata }),
          ...contextData
        }))
    const stepAgain = (challengeName: string, step: NextStep.NextSignInStep, extra?: Record<string, string>) =>
      SignInFlow.savePending(challengeName, pending.session, context, extra).pipe(Effect.as(NextStep.pending(step)))

    switch (pending.challengeName) {
      case "SMS_MFA":
      case "SMS_OTP":
      case "SOFTWARE_TOKEN_MFA":
      case "EMAIL_OTP":
        return yield* SignInFlow.settle(
          yield* send(pending.challengeName, { [codeKeys[pending.challengeName]!]: answer, DEVICE_KEY: deviceKey }),
          context
        )
      case "SELECT_MFA_TYPE": {
        if (answer !== "SMS" && answer !== "TOTP" && answer !== "EMAIL") return yield* validationError("IncorrectMFAMethod")
        return yield* SignInFlow.settle(yield* send("SELECT_MFA_TYPE", { ANSWER: NextStep.mfaChallengeOf[answer] }), context)
      }
      case "NEW_PASSWORD_REQUIRED": {
        const attributes: Record<string, string | undefined> = {}
        for (const [name, value] of Object.entries(input.options?.userAttributes ?? {})) {
          if (value) attributes[`userAttributes.${name}`] = value
        }
        return yield* SignInFlow.settle(yield* send("NEW_PASSWORD_REQUIRED", { NEW_PASSWORD: answer, ...attributes }), context)
      }
      case "CUSTOM_CHALLENGE":
        return yield* SignInFlow.settle(yield* send("CUSTOM_CHALLENGE", { ANSWER: answer, DEVICE_KEY: deviceKey }), context)
      case "MFA_SETUP": {
        const chosen = pending.context?.["mfaSetup"]
        if (answer === "EMAIL" && chosen === undefined) {
          return yield* stepAgain("MFA_SETUP", { signInStep: "CONTINUE_SIGN_IN_WITH_EMAIL_SETUP" }, { mfaSetup: "EMAIL" })
        }
        if (answer === "TOTP" && chosen === undefined) {
          const association = yield* client.call(
            AssociateSoftwareToken.operation,
            pending.session === undefined ? {} : { Session: pending.session }
          )
          const details = yield* TotpSetup.details(association.SecretCode, pending.username)
          yield* SignInFlow.savePending("MFA_SETUP", association.Session ?? pending.session, context, { mfaSetup: "TOTP" })
          return NextStep.pending({ signInStep: "CONTINUE_SIGN_IN_WITH_TOTP_SETUP", totpSetupDetails: details })
        }
        if (chosen !== "EMAIL" && /^\d+$/.test(answer)) {
          const verified = yield* client.call(VerifySoftwareToken.operation, {
            UserCode: Redacted.make(answer),
            ...(pending.session === undefined ? {} : { Session: pending.session }),
            ...(input.options?.friendlyDeviceName === undefined ? {} : { FriendlyDeviceName: input.options.friendlyDeviceName })
          })
          return yield* SignInFlow.settle(yield* send("MFA_SETUP", {}, verified.Session ?? pending.session), context)
        }
        if (chosen !== "TOTP" && answer.includes("@")) {
          return yield* SignInFlow.settle(yield* send("MFA_SETUP", { EMAIL: answer }), context)
        }
        return yield* new SignInException({
          message: `Cannot proceed with MFA setup using challengeResponse: ${answer}`,
          recoverySuggestion: 'Try passing "EMAIL", "TOTP", a valid email, or OTP code as the challengeResponse.'
        })
      }
      case "SELECT_CHALLENGE": {
        if (answer === "PASSWORD" || answer === "PASSWORD_SRP") {
          return yield* stepAgain(answer, { signInStep: "CONFIRM_SIGN_IN_WITH_PASSWORD" })
        }
        return yield* SignInFlow.settle(yield* send("SELECT_CHALLENGE", { ANSWER: answer }), context)
      }
      case "PASSWORD":
        return yield* SignInFlow.settle(yield* send("SELECT_CHALLENGE", { ANSWER: "PASSWORD", PASSWORD: answer }), context)
      case "PASSWORD_SRP": {
        const ephemeral = yield* PasswordVerifier.start
        const verifier = yield* send("SELECT_CHALLENGE", { ANSWER: "PASSWORD_SRP", SRP_A: ephemeral.srpA })
        return yield* answerPasswordVerifier(pool, verifier, ephemeral, Redacted.make(answer), context, clientMetadata)
      }
      default:
        return yield* NextStep.unhandledChallenge(pending.challengeName)
    }
  })
