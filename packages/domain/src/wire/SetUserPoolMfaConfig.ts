/**
 * `SetUserPoolMfaConfig` (admin): the pool's MFA mode and which factors (SMS, TOTP, email, passkey) it offers.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as Operation from "./Operation.js"
import * as Shapes from "./Shapes.js"

/** @since 0.1.0 */
export const Request = Schema.Struct({
  UserPoolId: Schema.String,
  ...Shapes.MfaConfigFields
})
/** @since 0.1.0 */
export type Request = typeof Request.Type

/** @since 0.1.0 */
export const Response = Schema.Struct({
  ...Shapes.MfaConfigFields
})
/** @since 0.1.0 */
export type Response = typeof Response.Type

/** @since 0.1.0 */
export const operation = Operation.userPool("SetUserPoolMfaConfig", Request, Response)
