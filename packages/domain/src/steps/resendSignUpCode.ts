/**
 * `resendSignUpCode`: sends the confirmation code again. Amplify checks the username before the
 * configuration here, and reports it as `EmptySignUpUsername` (sic).
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import { validationError } from "../AuthError.js"
import * as AuthConfig from "../AuthConfig.js"
import * as CodeDelivery from "../CodeDelivery.js"
import { CognitoClient } from "../services/CognitoClient.js"
import * as UserContextData from "../services/UserContextData.js"
import * as ResendConfirmationCode from "../wire/ResendConfirmationCode.js"

/** @since 0.1.0 */
export interface ResendSignUpCodeInput {
  readonly username: string
  readonly options?: { readonly clientMetadata?: Readonly<Record<string, string>> }
}

/** @since 0.1.0 */
export const resendSignUpCode = Effect.fn("resendSignUpCode")(function* (input: ResendSignUpCodeInput) {
  if (!input.username) return yield* validationError("EmptySignUpUsername")
  const pool = yield* AuthConfig.userPool
  const response = yield* (yield* CognitoClient).call(ResendConfirmationCode.operation, {
    ClientId: pool.userPoolClientId,
    Username: input.username,
    ...(input.options?.clientMetadata === undefined ? {} : { ClientMetadata: input.options.clientMetadata }),
    ...(yield* UserContextData.member(pool, input.username))
  })
  return CodeDelivery.fromWire<"email" | "phone_number">(response.CodeDeliveryDetails)
})
