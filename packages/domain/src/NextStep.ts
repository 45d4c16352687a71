/**
 * The `nextStep` values Amplify returns, and the pure, total mapping from a Cognito challenge to
 * the sign-in step a user sees. IO never happens here: where Amplify performs a request while
 * mapping (MFA setup with TOTP as the only choice), the mapping returns an instruction instead
 * and the sign-in flow performs it.
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import { SignInException } from "./AuthError.js"

/** @since 0.1.0 */
export type AuthMFAType = "SMS" | "TOTP" | "EMAIL"

/** @since 0.1.0 */
export type AuthDeliveryMedium = "EMAIL" | "SMS" | "PHONE" | "UNKNOWN"

/** @since 0.1.0 */
export interface CodeDeliveryDetails<K extends string = string> {
  readonly destination?: string
  readonly deliveryMedium?: AuthDeliveryMedium
  readonly attributeName?: K
}

/** @since 0.1.0 */
export interface TotpSetupDetails {
  readonly sharedSecret: string
  readonly getSetupUri: (appName: string, accountName?: string) => URL
}

/** Every `nextStep` of signIn / confirmSignIn / autoSignIn. @since 0.1.0 */
export type NextSignInStep =
  | { readonly signInStep: "CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE"; readonly additionalInfo?: Readonly<Record<string, string>> }
  | { readonly signInStep: "CONTINUE_SIGN_IN_WITH_MFA_SELECTION"; readonly allowedMFATypes?: ReadonlyArray<AuthMFAType> }
  | { readonly signInStep: "CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED"; readonly missingAttributes?: ReadonlyArray<string> }
  | { readonly signInStep: "CONFIRM_SIGN_IN_WITH_SMS_CODE"; readonly codeDeliveryDetails?: CodeDeliveryDetails }
  | { readonly signInStep: "CONFIRM_SIGN_IN_WITH_TOTP_CODE" }
  | { readonly signInStep: "CONFIRM_SIGN_IN_WITH_EMAIL_CODE"; readonly codeDeliveryDetails?: CodeDeliveryDetails }
  | { readonly signInStep: "CONTINUE_SIGN_IN_WITH_TOTP_SETUP"; readonly totpSetupDetails: TotpSetupDetails }
  | { readonly signInStep: "CONTINUE_SIGN_IN_WITH_EMAIL_SETUP" }
  | { readonly signInStep: "CONTINUE_SIGN_IN_WITH_MFA_SETUP_SELECTION"; readonly allowedMFATypes?: ReadonlyArray<"TOTP" | "EMAIL"> }
  | { readonly signInStep: "CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION"; readonly availableChallenges?: ReadonlyArray<string> }
  | { readonly signInStep: "CONFIRM_SIGN_IN_WITH_PASSWORD" }
  | { readonly signInStep: "CONFIRM_SIGN_UP" }
  | { readonly signInStep: "RESET_PASSWORD" }
  | { readonly signInStep: "DONE" }

/** @since 0.1.0 */
export interface SignInOutput {
  readonly isSignedIn: boolean
  readonly nextStep: NextSignInStep
}

/** Every `nextStep` of signUp / confirmSignUp. @since 0.1.0 */
export type NextSignUpStep =
  | { readonly signUpStep: "CONFIRM_SIGN_UP"; readonly codeDeliveryDetails: CodeDeliveryDetails<"email" | "phone_number"> }
  | { readonly signUpStep: "COMPLETE_AUTO_SIGN_IN"; readonly codeDeliveryDetails?: CodeDeliveryDetails<"email" | "phone_number"> }
  | { readonly signUpStep: "DONE" }

/** @since 0.1.0 */
export interface SignUpOutput {
  readonly isSignUpComplete: boolean
  readonly userId?: string
  readonly nextStep: NextSignUpStep
}

/** A sign-in result that is not finished yet. @since 0.1.0 */
export const pending = (nextStep: NextSignInStep): SignInOutput => ({ isSignedIn: false, nextStep })

/** The finished sign-in. @since 0.1.0 */
export const done: SignInOutput = { isSignedIn: true, nextStep: { signInStep: "DONE" } }

const mfaTypeOf: Readonly<Record<string, AuthMFAType>> = {
  SMS_MFA: "SMS",
  SOFTWARE_TOKEN_MFA: "TOTP",
  EMAIL_OTP: "EMAIL",
  EMAIL_MFA: "EMAIL"
}

/** `SMS` → `SMS_MFA`, … (the `ANSWER` of a `SELECT_MFA_TYPE` response). @since 0.1.0 */
export const mfaChallengeOf: Readonly<Record<AuthMFAType, string>> = {
  SMS: "SMS_MFA",
  TOTP: "SOFTWARE_TOKEN_MFA",
  EMAIL: "EMAIL_OTP"
}

const parseJsonArray = (text: string | undefined): ReadonlyArray<string> => {
  if (text === undefined) return []
  try {
    const value: unknown = JSON.parse(text)
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : []
  } catch {
    return []
  }
}

/** Maps Cognito MFA names to Amplify's, dropping unknown ones. @since 0.1.0 */
export const toMfaTypes = (names: ReadonlyArray<string>): ReadonlyArray<AuthMFAType> =>
  names.flatMap((name) => (mfaTypeOf[name] === undefined ? [] : [mfaTypeOf[name]!]))

/** Which MFA types can be set up during sign-in (SMS is never offered for setup). @since 0.1.0 */
export const setupTypes = (mfasCanSetup: string | undefined): ReadonlyArray<"TOTP" | "EMAIL"> => {
  const offered = toMfaTypes(parseJsonArray(mfasCanSetup))
  return (["TOTP", "EMAIL"] as const).filter((type) => offered.includes(type))
}

const codeDelivery = (parameters: Readonly<Record<string, string>>): CodeDeliveryDetails | undefined => {
  const medium = parameters["CODE_DELIVERY_DELIVERY_MEDIUM"]
  const destination = parameters["CODE_DELIVERY_DESTINATION"]
  if (medium === undefined && destination === undefined) return undefined
  return {
    ...(medium === undefined ? {} : { deliveryMedium: medium as AuthDeliveryMedium }),
    ...(destination === undefined ? {} : { destination })
  }
}

/** What a challenge asks of the client. @since 0.1.0 */
export interface Challenge {
  readonly challengeName: string
  readonly parameters: Readonly<Record<string, string>>
  readonly availableChallenges?: ReadonlyArray<string>
}

/**
 * The result of mapping: a step to show, or the one request Amplify makes before it can show
 * one (`AssociateSoftwareToken` when TOTP is the only MFA that can be set up).
 * @since 0.1.0
 */
export type Mapping =
  | { readonly _tag: "Step"; readonly step: NextSignInStep }
  | { readonly _tag: "AssociateTotp" }

const step = (nextStep: NextSignInStep): Mapping => ({ _tag: "Step", step: nextStep })

/** Amplify's message for a challenge the client does not handle. @since 0.1.0 */
export const unhandledChallenge = (challengeName: string) =>
  new SignInException({
    message: `An error occurred during the sign in process. ${challengeName} challengeName returned by the underlying service was not addressed.`
  })

/**
 * Maps a challenge to the next step. `totpSetup` carries the secret once it is known
 * (after `AssociateSoftwareToken`).
 * @since 0.1.0
 */
export const fromChallenge = (
  challenge: Challenge,
  totpSetup?: TotpSetupDetails
): Either.Either<Mapping, SignInException> => {
  const { challengeName, parameters } = challenge
  switch (challengeName) {
    case "CUSTOM_CHALLENGE":
      return Either.right(step({ signInStep: "CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE", additionalInfo: parameters }))
    case "NEW_PASSWORD_REQUIRED": {
      const missing = parseJsonArray(parameters["requiredAttributes"]).map((name) => name.replace(/^userAttributes\./, ""))
      return Either.right(step({ signInStep: "CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED", missingAttributes: missing }))
    }
    case "SELECT_MFA_TYPE":
      return Either.right(
        step({
          signInStep: "CONTINUE_SIGN_IN_WITH_MFA_SELECTION",
          allowedMFATypes: toMfaTypes(parseJsonArray(parameters["MFAS_CAN_CHOOSE"]))
        })
      )
    case "SMS_MFA":
    case "SMS_OTP": {
      const details = codeDelivery(parameters)
      return Either.right(
        step(details === undefined ? { signInStep: "CONFIRM_SIGN_IN_WITH_SMS_CODE" } : { signInStep: "CONFIRM_SIGN_IN_WITH_SMS_CODE", codeDeliveryDetails: details })
      )
    }
    case "EMAIL_OTP": {
      const details = codeDelivery(parameters)
      return Either.right(
        step(details === undefined ? { signInStep: "CONFIRM_SIGN_IN_WITH_EMAIL_CODE" } : { signInStep: "CONFIRM_SIGN_IN_WITH_EMAIL_CODE", codeDeliveryDetails: details })
      )
    }
    case "SOFTWARE_TOKEN_MFA":
      return Either.right(step({ signInStep: "CONFIRM_SIGN_IN_WITH_TOTP_CODE" }))
    case "MFA_SETUP": {
      const types = setupTypes(parameters["MFAS_CAN_SETUP"])
      if (types.length === 2) return Either.right(step({ signInStep: "CONTINUE_SIGN_IN_WITH_MFA_SETUP_SELECTION", allowedMFATypes: types }))
      if (types[0] === "EMAIL") return Either.right(step({ signInStep: "CONTINUE_SIGN_IN_WITH_EMAIL_SETUP" }))
      if (types[0] === "TOTP") {
        return Either.right(
          totpSetup === undefined ? { _tag: "AssociateTotp" } : step({ signInStep: "CONTINUE_SIGN_IN_WITH_TOTP_SETUP", totpSetupDetails: totpSetup })
        )
      }
      return Either.left(
        new SignInException({
          message: `Cannot initiate MFA setup from available types: ${parseJsonArray(parameters["MFAS_CAN_SETUP"]).join(", ")}`
        })
      )
    }
    case "SELECT_CHALLENGE":
      return Either.right(
        step({ signInStep: "CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION", availableChallenges: challenge.availableChallenges ?? [] })
      )
    case "PASSWORD":
    case "PASSWORD_SRP":
      return Either.right(step({ signInStep: "CONFIRM_SIGN_IN_WITH_PASSWORD" }))
    default:
      return Either.left(unhandledChallenge(challengeName))
  }
}
