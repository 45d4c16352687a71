/**
 * `fetchMFAPreference`: the signed-in user's enabled and preferred MFA factors, read from
 * `GetUser` (`UserMFASettingList`, `PreferredMfaSetting`) with Cognito's names mapped to
 * Amplify's (`SMS_MFA` → `SMS`, `SOFTWARE_TOKEN_MFA` → `TOTP`, `EMAIL_OTP` → `EMAIL`). A member
 * Cognito leaves out is left out here.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as AuthConfig from "../AuthConfig.js"
import * as Authenticated from "../Authenticated.js"
import * as NextStep from "../NextStep.js"
import { CognitoClient } from "../services/CognitoClient.js"
import * as GetUser from "../wire/GetUser.js"

/** @since 0.1.0 */
export interface FetchMFAPreferenceOutput {
  readonly enabled?: ReadonlyArray<NextStep.AuthMFAType>
  readonly preferred?: NextStep.AuthMFAType
}

/** @since 0.1.0 */
export const fetchMFAPreference = Effect.fn("fetchMFAPreference")(function* () {
  yield* AuthConfig.userPool
  const accessToken = yield* Authenticated.accessToken
  const response = yield* (yield* CognitoClient).call(GetUser.operation, { AccessToken: accessToken })
  const preferred = response.PreferredMfaSetting === undefined
    ? undefined
    : NextStep.toMfaTypes([response.PreferredMfaSetting])[0]
  const output: FetchMFAPreferenceOutput = {
    ...(response.UserMFASettingList === undefined ? {} : { enabled: NextStep.toMfaTypes(response.UserMFASettingList) }),
    ...(preferred === undefined ? {} : { preferred })
  }
  return output
})
