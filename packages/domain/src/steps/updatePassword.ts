/**
 * `updatePassword`: changes the signed-in user's password (`ChangePassword`). Amplify checks the
 * old password, then the new one, with the same `EmptyUpdatePassword` error, before it looks for
 * a session.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import { validationError } from "../AuthError.js"
import * as AuthConfig from "../AuthConfig.js"
import * as Authenticated from "../Authenticated.js"
import { CognitoClient } from "../services/CognitoClient.js"
import * as ChangePassword from "../wire/ChangePassword.js"

/** @since 0.1.0 */
export interface UpdatePasswordInput {
  readonly oldPassword: Redacted.Redacted<string> | string
  readonly newPassword: Redacted.Redacted<string> | string
}

/** The password as a secret, or `undefined` when it is empty (Amplify's truthiness test). */
const nonEmpty = (value: Redacted.Redacted<string> | string | undefined): Redacted.Redacted<string> | undefined => {
  if (!value) return undefined
  const secret = Redacted.isRedacted(value) ? value : Redacted.make(value)
  return Redacted.value(secret) === "" ? undefined : secret
}

/** @since 0.1.0 */
export const updatePassword = Effect.fn("updatePassword")(function* (input: UpdatePasswordInput) {
  yield* AuthConfig.userPool
  const oldPassword = nonEmpty(input.oldPassword)
  if (oldPassword === undefined) return yield* validationError("EmptyUpdatePassword")
  const newPassword = nonEmpty(input.newPassword)
  if (newPassword === undefined) return yield* validationError("EmptyUpdatePassword")
  const accessToken = yield* Authenticated.accessToken
  yield* (yield* CognitoClient).call(ChangePassword.operation, {
    AccessToken: accessToken,
    PreviousPassword: oldPassword,
    ProposedPassword: newPassword
  })
})
