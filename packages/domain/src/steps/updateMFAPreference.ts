/**
 * `updateMFAPreference`: sets which MFA factors the signed-in user has enabled and prefers
 * (`SetUserMFAPreference`). A factor left out of the input is left out of the request, so Cognito
 * keeps its current setting.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as AuthConfig from "../AuthConfig.js"
import * as Authenticated from "../Authenticated.js"
import { CognitoClient } from "../services/CognitoClient.js"
import type * as Shapes from "../wire/Shapes.js"
import * as SetUserMFAPreference from "../wire/SetUserMFAPreference.js"

/** Amplify's `MFAPreference`. @since 0.1.0 */
export type MFAPreference = "ENABLED" | "DISABLED" | "PREFERRED" | "NOT_PREFERRED"

/** @since 0.1.0 */
export interface UpdateMFAPreferenceInput {
  readonly sms?: MFAPreference
  readonly totp?: MFAPreference
  readonly email?: MFAPreference
}

/** One factor's `{Enabled, PreferredMfa?}`. @since 0.1.0 */
export const mfaSettings = (preference: MFAPreference): typeof Shapes.MfaSettings.Type => {
  switch (preference) {
    case "DISABLED":
      return { Enabled: false }
    case "ENABLED":
      return { Enabled: true }
    case "PREFERRED":
      return { Enabled: true, PreferredMfa: true }
    case "NOT_PREFERRED":
      return { Enabled: true, PreferredMfa: false }
  }
}

/** @since 0.1.0 */
export const updateMFAPreference = Effect.fn("updateMFAPreference")(function* (input: UpdateMFAPreferenceInput) {
  yield* AuthConfig.userPool
  const accessToken = yield* Authenticated.accessToken
  yield* (yield* CognitoClient).call(SetUserMFAPreference.operation, {
    AccessToken: accessToken,
    ...(input.sms === undefined ? {} : { SMSMfaSettings: mfaSettings(input.sms) }),
    ...(input.totp === undefined ? {} : { SoftwareTokenMfaSettings: mfaSettings(input.totp) }),
    ...(input.email === undefined ? {} : { EmailMfaSettings: mfaSettings(input.email) })
  })
})
