/**
 * `fetchUserAttributes`: the signed-in user's attributes as `{ name: value }` (`GetUser`). Also
 * home of the attribute key types the other user-attribute steps share.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as AuthConfig from "../AuthConfig.js"
import * as Authenticated from "../Authenticated.js"
import { CognitoClient } from "../services/CognitoClient.js"
import * as GetUser from "../wire/GetUser.js"
import * as Shapes from "../wire/Shapes.js"

/** Amplify's `AuthStandardAttributeKey`. @since 0.1.0 */
export type AuthStandardAttributeKey =
  | "address"
  | "birthdate"
  | "email_verified"
  | "family_name"
  | "gender"
  | "given_name"
  | "locale"
  | "middle_name"
  | "name"
  | "nickname"
  | "phone_number_verified"
  | "picture"
  | "preferred_username"
  | "profile"
  | "sub"
  | "updated_at"
  | "website"
  | "zoneinfo"
  | "email"
  | "phone_number"

/** A standard attribute, or any other (`custom:*`) name. @since 0.1.0 */
export type UserAttributeKey = AuthStandardAttributeKey | (string & {})

/** The attributes Cognito can verify with a code. @since 0.1.0 */
export type VerifiableUserAttributeKey = "email" | "phone_number"

/** @since 0.1.0 */
export type FetchUserAttributesOutput = Partial<Record<UserAttributeKey, string>>

/** @since 0.1.0 */
export const fetchUserAttributes = Effect.fn("fetchUserAttributes")(function* () {
  yield* AuthConfig.userPool
  const accessToken = yield* Authenticated.accessToken
  const response = yield* (yield* CognitoClient).call(GetUser.operation, { AccessToken: accessToken })
  const output: FetchUserAttributesOutput = Shapes.attributesToRecord(response.UserAttributes)
  return output
})
