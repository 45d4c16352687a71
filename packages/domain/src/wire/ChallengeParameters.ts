/**
 * Per-challenge views of `ChallengeParameters`. On the wire it is a `map<string, string>`, so
 * lists and objects arrive as JSON inside strings (`MFAS_CAN_SETUP: '["SOFTWARE_TOKEN_MFA"]'`);
 * these Schemas decode them to real values. `InitiateAuth` / `RespondToAuthChallenge` keep the
 * plain record; a step decodes it with the Schema of the challenge it got.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as Shapes from "./Shapes.js"

const listInString = Schema.optionalWith(Shapes.JsonString(Schema.Array(Schema.String)), { default: () => [] })

/**
 * `PASSWORD_VERIFIER` (after `USER_SRP_AUTH` or `CUSTOM_AUTH` with `SRP_A`). `USER_ID_FOR_SRP` is the
 * canonical user name the verifier was built with; Amplify fails when it is missing, so it stays
 * optional here and the step decides.
 * @since 0.1.0
 */
export const PasswordVerifier = Schema.Struct({
  SALT: Schema.String,
  SRP_B: Schema.String,
  SECRET_BLOCK: Schema.String,
  USERNAME: Schema.optional(Schema.String),
  USER_ID_FOR_SRP: Schema.optional(Schema.String)
})
/** @since 0.1.0 */
export type PasswordVerifier = typeof PasswordVerifier.Type

/** `DEVICE_PASSWORD_VERIFIER` (after `DEVICE_SRP_AUTH`). @since 0.1.0 */
export const DevicePasswordVerifier = Schema.Struct({
  SALT: Schema.String,
  SRP_B: Schema.String,
  SECRET_BLOCK: Schema.String,
  USERNAME: Schema.optional(Schema.String),
  DEVICE_KEY: Schema.optional(Schema.String)
})
/** @since 0.1.0 */
export type DevicePasswordVerifier = typeof DevicePasswordVerifier.Type

/** `SMS_MFA`, `SMS_OTP`, `EMAIL_OTP`: where the code went. @since 0.1.0 */
export const CodeDelivery = Schema.Struct({
  CODE_DELIVERY_DELIVERY_MEDIUM: Schema.optional(Shapes.DeliveryMedium),
  CODE_DELIVERY_DESTINATION: Schema.optional(Schema.String)
})
/** @since 0.1.0 */
export type CodeDelivery = typeof CodeDelivery.Type

/**
 * `SELECT_MFA_TYPE`: `MFAS_CAN_CHOOSE` such as `["SMS_MFA","SOFTWARE_TOKEN_MFA","EMAIL_OTP"]`
 * (absent → `[]`, as Amplify reads it). Names are kept as strings: the docs also write `EMAIL_MFA`.
 * @since 0.1.0
 */
export const SelectMfaType = Schema.Struct({ MFAS_CAN_CHOOSE: listInString })
/** @since 0.1.0 */
export type SelectMfaType = typeof SelectMfaType.Type

/** `MFA_SETUP`: `MFAS_CAN_SETUP` such as `["SOFTWARE_TOKEN_MFA","EMAIL_OTP"]` (absent → `[]`). @since 0.1.0 */
export const MfaSetup = Schema.Struct({ MFAS_CAN_SETUP: listInString })
/** @since 0.1.0 */
export type MfaSetup = typeof MfaSetup.Type

/**
 * `NEW_PASSWORD_REQUIRED`: `requiredAttributes` like `["userAttributes.email"]` (absent → `[]`) and
 * `userAttributes`, the user's current attributes (Amplify never reads them).
 * @since 0.1.0
 */
export const NewPasswordRequired = Schema.Struct({
  requiredAttributes: listInString,
  userAttributes: Schema.optional(Shapes.JsonString(Schema.Record({ key: Schema.String, value: Schema.Unknown }))),
  USER_ID_FOR_SRP: Schema.optional(Schema.String)
})
/** @since 0.1.0 */
export type NewPasswordRequired = typeof NewPasswordRequired.Type

/** A credential the authenticator may use (ids are base64url). @since 0.1.0 */
export const CredentialDescriptor = Schema.Struct({
  id: Schema.String,
  type: Schema.String,
  transports: Schema.optional(Schema.Array(Schema.String))
})

/** PublicKeyCredentialRequestOptionsJSON, as Cognito sends it. @since 0.1.0 */
export const CredentialRequestOptions = Schema.Struct({
  challenge: Schema.String,
  rpId: Schema.optional(Schema.String),
  timeout: Schema.optional(Schema.Number),
  allowCredentials: Schema.optional(Schema.Array(CredentialDescriptor)),
  userVerification: Schema.optional(Schema.String),
  hints: Schema.optional(Schema.Array(Schema.String)),
  extensions: Schema.optional(Schema.Record({ key: Schema.String, value: Schema.Unknown }))
})
/** @since 0.1.0 */
export type CredentialRequestOptions = typeof CredentialRequestOptions.Type

/** `WEB_AUTHN`: `CREDENTIAL_REQUEST_OPTIONS` is a JSON string of the request options. @since 0.1.0 */
export const WebAuthn = Schema.Struct({
  CREDENTIAL_REQUEST_OPTIONS: Shapes.JsonString(CredentialRequestOptions)
})
/** @since 0.1.0 */
export type WebAuthn = typeof WebAuthn.Type

/** `CUSTOM_CHALLENGE`: whatever the Lambda put there, surfaced verbatim as `additionalInfo`. @since 0.1.0 */
export const CustomChallenge = Shapes.StringRecord
/** @since 0.1.0 */
export type CustomChallenge = typeof CustomChallenge.Type
