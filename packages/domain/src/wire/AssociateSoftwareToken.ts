/**
 * `AssociateSoftwareToken`: start TOTP setup, with an access token (`setUpTOTP`) or the sign-in
 * `Session` (MFA_SETUP). The answered `Session` replaces the sign-in session.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as Operation from "./Operation.js"
import * as Shapes from "./Shapes.js"

/** @since 0.1.0 */
export const Request = Schema.Struct({
  AccessToken: Schema.optional(Shapes.Secret),
  Session: Schema.optional(Shapes.Secret)
})
/** @since 0.1.0 */
export type Request = typeof Request.Type

/** @since 0.1.0 */
export const Response = Schema.Struct({
  SecretCode: Schema.optional(Shapes.Secret),
  Session: Schema.optional(Shapes.Secret)
})
/** @since 0.1.0 */
export type Response = typeof Response.Type

/** @since 0.1.0 */
export const operation = Operation.userPool("AssociateSoftwareToken", Request, Response)
