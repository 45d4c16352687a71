/**
 * `setUpTOTP`: starts TOTP enrolment for the signed-in user (`AssociateSoftwareToken`) and answers
 * the shared secret with a builder for the authenticator-app URI. Amplify's default account name
 * in that URI is the ID token's `cognito:username` through `JSON.stringify` — double quotes
 * included (`otpauth://totp/MyApp:%22alice%22?…`).
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as AuthConfig from "../AuthConfig.js"
import * as Authenticated from "../Authenticated.js"
import * as TotpSetup from "../challenges/TotpSetup.js"
import * as CurrentUser from "../CurrentUser.js"
import type { TotpSetupDetails } from "../NextStep.js"
import { CognitoClient } from "../services/CognitoClient.js"
import * as AssociateSoftwareToken from "../wire/AssociateSoftwareToken.js"

/** `{ sharedSecret, getSetupUri(appName, accountName?) }`. @since 0.1.0 */
export type SetUpTOTPOutput = TotpSetupDetails

/** @since 0.1.0 */
export const setUpTOTP = Effect.fn("setUpTOTP")(function* () {
  yield* AuthConfig.userPool
  const session = yield* Authenticated.tokens
  const response = yield* (yield* CognitoClient).call(AssociateSoftwareToken.operation, {
    AccessToken: session.accessToken.raw
  })
  // `cognito:username` of the ID token; without an ID token, the same fallback getCurrentUser uses.
  const username = CurrentUser.fromTokens(session).username
  const output: SetUpTOTPOutput = yield* TotpSetup.details(response.SecretCode, JSON.stringify(username))
  return output
})
