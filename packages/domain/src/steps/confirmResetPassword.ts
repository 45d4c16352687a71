/**
 * `confirmResetPassword`: sets a new password with the code `resetPassword` sent
 * (`ConfirmForgotPassword`).
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import { validationError } from "../AuthError.js"
import * as AuthConfig from "../AuthConfig.js"
import { CognitoClient } from "../services/CognitoClient.js"
import * as UserContextData from "../services/UserContextData.js"
import * as ConfirmForgotPassword from "../wire/ConfirmForgotPassword.js"

/** @since 0.1.0 */
export interface ConfirmResetPasswordInput {
  readonly username: string
  readonly newPassword: Redacted.Redacted<string> | string
  readonly confirmationCode: string
  readonly options?: { readonly clientMetadata?: Readonly<Record<string, string>> }
}

/** The password as a secret, or `undefined` when it is empty (Amplify's truthiness test). */
const nonEmpty = (value: Redacted.Redacted<string> | string | undefined): Redacted.Redacted<string> | undefined => {
  if (!value) return undefined
  const secret = Redacted.isRedacted(value) ? value : Redacted.make(value)
  return Redacted.value(secret) === "" ? undefined : secret
}

/** @since 0.1.0 */
export const confirmResetPassword = Effect.fn("confirmResetPassword")(function* (input: ConfirmResetPasswordInput) {
  const pool = yield* AuthConfig.userPool
  if (!input.username) return yield* validationError("EmptyConfirmResetPasswordUsername")
  const newPassword = nonEmpty(input.newPassword)
  if (newPassword === undefined) return yield* validationError("EmptyConfirmResetPasswordNewPassword")
  if (!input.confirmationCode) return yield* validationError("EmptyConfirmResetPasswordConfirmationCode")
  yield* (yield* CognitoClient).call(ConfirmForgotPassword.operation, {
    ClientId: pool.userPoolClientId,
    Username: input.username,
    ConfirmationCode: Redacted.make(input.confirmationCode),
    Password: newPassword,
    ...(input.options?.clientMetadata === undefined ? {} : { ClientMetadata: input.options.clientMetadata }),
    ...(yield* UserContextData.member(pool, input.username))
  })
})
