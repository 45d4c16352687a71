/**
 * TOTP setup details (`totpSetupDetails` of `CONTINUE_SIGN_IN_WITH_TOTP_SETUP`, and `setUpTOTP`'s
 * output): the shared secret Cognito issued and the authenticator-app URI built from it.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import { SetUpTOTPException } from "../AuthError.js"
import type { TotpSetupDetails } from "../NextStep.js"
import * as Totp from "../Totp.js"

/**
 * `defaultAccountName` is used when `getSetupUri` gets no account name.
 * @since 0.1.0
 */
export const details = (
  secretCode: Redacted.Redacted<string> | undefined,
  defaultAccountName: string
): Effect.Effect<TotpSetupDetails, SetUpTOTPException> => {
  if (secretCode === undefined) return Effect.fail(new SetUpTOTPException())
  const sharedSecret = Redacted.value(secretCode)
  return Effect.succeed({
    sharedSecret,
    getSetupUri: (appName: string, accountName?: string) =>
      Totp.setupUri({ secretBase32: sharedSecret, issuer: appName, accountName: accountName ?? defaultAccountName })
  })
}
