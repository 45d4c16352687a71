/**
 * `AdminSetUserMFAPreference` (admin): enable or prefer a user's MFA factors without their tokens.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as Operation from "./Operation.js"
import * as Shapes from "./Shapes.js"

/** @since 0.1.0 */
export const Request = Schema.Struct({
  SMSMfaSettings: Schema.optional(Shapes.MfaSettings),
  SoftwareTokenMfaSettings: Schema.optional(Shapes.MfaSettings),
  EmailMfaSettings: Schema.optional(Shapes.MfaSettings),
  Username: Schema.String,
  UserPoolId: Schema.String
})
/** @since 0.1.0 */
export type Request = typeof Request.Type

/** Nothing useful: `{}`. @since 0.1.0 */
export const Response = Shapes.Empty
/** @since 0.1.0 */
export type Response = typeof Response.Type

/** @since 0.1.0 */
export const operation = Operation.userPool("AdminSetUserMFAPreference", Request, Response)
