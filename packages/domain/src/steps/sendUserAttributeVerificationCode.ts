/**
 * `sendUserAttributeVerificationCode`: asks Cognito to send a code that verifies an attribute
 * (`GetUserAttributeVerificationCode`); answers where it went.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as AuthConfig from "../AuthConfig.js"
import * as Authenticated from "../Authenticated.js"
import * as CodeDelivery from "../CodeDelivery.js"
import type { CodeDeliveryDetails } from "../NextStep.js"
import { CognitoClient } from "../services/CognitoClient.js"
import * as GetUserAttributeVerificationCode from "../wire/GetUserAttributeVerificationCode.js"
import type { VerifiableUserAttributeKey } from "./fetchUserAttributes.js"

/** @since 0.1.0 */
export interface SendUserAttributeVerificationCodeInput {
  readonly userAttributeKey: VerifiableUserAttributeKey
  readonly options?: { readonly clientMetadata?: Readonly<Record<string, string>> }
}

/** @since 0.1.0 */
export type SendUserAttributeVerificationCodeOutput = CodeDeliveryDetails<VerifiableUserAttributeKey>

/** @since 0.1.0 */
export const sendUserAttributeVerificationCode = Effect.fn("sendUserAttributeVerificationCode")(function* (
  input: SendUserAttributeVerificationCodeInput
) {
  yield* AuthConfig.userPool
  const accessToken = yield* Authenticated.accessToken
  const response = yield* (yield* CognitoClient).call(GetUserAttributeVerificationCode.operation, {
    AccessToken: accessToken,
    AttributeName: input.userAttributeKey,
    ...(input.options?.clientMetadata === undefined ? {} : { ClientMetadata: input.options.clientMetadata })
  })
  const output: SendUserAttributeVerificationCodeOutput = CodeDelivery.fromWire<VerifiableUserAttributeKey>(
    response.CodeDeliveryDetails
  )
  return output
})
