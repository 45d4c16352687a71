/**
 * `resetPassword`: asks Cognito to send a password-reset code (`ForgotPassword`). Amplify checks
 * the username before the configuration here, and always answers
 * `CONFIRM_RESET_PASSWORD_WITH_CODE` with `isPasswordReset: false`.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import { validationError } from "../AuthError.js"
import * as AuthConfig from "../AuthConfig.js"
import * as CodeDelivery from "../CodeDelivery.js"
import type { CodeDeliveryDetails } from "../NextStep.js"
import { CognitoClient } from "../services/CognitoClient.js"
import * as UserContextData from "../services/UserContextData.js"
import * as ForgotPassword from "../wire/ForgotPassword.js"

/** @since 0.1.0 */
export interface ResetPasswordInput {
  readonly username: string
  readonly options?: { readonly clientMetadata?: Readonly<Record<string, string>> }
}

/** Amplify's `AuthNextResetPasswordStep`. @since 0.1.0 */
export interface NextResetPasswordStep {
  readonly resetPasswordStep: "CONFIRM_RESET_PASSWORD_WITH_CODE" | "DONE"
  readonly codeDeliveryDetails: CodeDeliveryDetails<"email" | "phone_number">
  readonly additionalInfo?: Readonly<Record<string, string>>
}

/** @since 0.1.0 */
export interface ResetPasswordOutput {
  readonly isPasswordReset: boolean
  readonly nextStep: NextResetPasswordStep
}

/** @since 0.1.0 */
export const resetPassword = Effect.fn("resetPassword")(function* (input: ResetPasswordInput) {
  if (!input.username) return yield* validationError("EmptyResetPasswordUsername")
  const pool = yield* AuthConfig.userPool
  const response = yield* (yield* CognitoClient).call(ForgotPassword.operation, {
    ClientId: pool.userPoolClientId,
    Username: input.username,
    ...(input.options?.clientMetadata === undefined ? {} : { ClientMetadata: input.options.clientMetadata }),
    ...(yield* UserContextData.member(pool, input.username))
  })
  const output: ResetPasswordOutput = {
    isPasswordReset: false,
    nextStep: {
      resetPasswordStep: "CONFIRM_RESET_PASSWORD_WITH_CODE",
      codeDeliveryDetails: CodeDelivery.fromWire<"email" | "phone_number">(response.CodeDeliveryDetails)
    }
  }
  return output
})
