/**
 * `confirmUserAttribute`: verifies an attribute with the code Cognito sent (`VerifyUserAttribute`).
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import { validationError } from "../AuthError.js"
import * as AuthConfig from "../AuthConfig.js"
import * as Authenticated from "../Authenticated.js"
import { CognitoClient } from "../services/CognitoClient.js"
import * as VerifyUserAttribute from "../wire/VerifyUserAttribute.js"
import type { VerifiableUserAttributeKey } from "./fetchUserAttributes.js"

/** @since 0.1.0 */
export interface ConfirmUserAttributeInput {
  readonly userAttributeKey: VerifiableUserAttributeKey
  readonly confirmationCode: string
}

/** @since 0.1.0 */
export const confirmUserAttribute = Effect.fn("confirmUserAttribute")(function* (input: ConfirmUserAttributeInput) {
  yield* AuthConfig.userPool
  if (!input.confirmationCode) return yield* validationError("EmptyConfirmUserAttributeCode")
  const accessToken = yield* Authenticated.accessToken
  yield* (yield* CognitoClient).call(VerifyUserAttribute.operation, {
    AccessToken: accessToken,
    AttributeName: input.userAttributeKey,
    Code: Redacted.make(input.confirmationCode)
  })
})
