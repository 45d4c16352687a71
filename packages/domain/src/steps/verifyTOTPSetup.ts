/**
 * `verifyTOTPSetup`: completes TOTP enrolment with a code from the authenticator app
 * (`VerifySoftwareToken`). Cognito signals a wrong code with an error; the `Status` member is not
 * read, as in Amplify.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import { validationError } from "../AuthError.js"
import * as AuthConfig from "../AuthConfig.js"
import * as Authenticated from "../Authenticated.js"
import { CognitoClient } from "../services/CognitoClient.js"
import * as VerifySoftwareToken from "../wire/VerifySoftwareToken.js"

/** @since 0.1.0 */
export interface VerifyTOTPSetupInput {
  readonly code: string
  readonly options?: { readonly friendlyDeviceName?: string }
}

/** @since 0.1.0 */
export const verifyTOTPSetup = Effect.fn("verifyTOTPSetup")(function* (input: VerifyTOTPSetupInput) {
  yield* AuthConfig.userPool
  if (!input.code) return yield* validationError("EmptyVerifyTOTPSetupCode")
  const accessToken = yield* Authenticated.accessToken
  const friendlyDeviceName = input.options?.friendlyDeviceName
  yield* (yield* CognitoClient).call(VerifySoftwareToken.operation, {
    AccessToken: accessToken,
    UserCode: Redacted.make(input.code),
    ...(friendlyDeviceName === undefined ? {} : { FriendlyDeviceName: friendlyDeviceName })
  })
})
