/**
 * `ConfirmForgotPassword`: set a new password with the reset code (`confirmResetPassword`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as Operation from "./Operation.js"
import * as Shapes from "./Shapes.js"

/** @since 0.1.0 */
export const Request = Schema.Struct({
  ClientId: Schema.String,
  SecretHash: Schema.optional(Shapes.Secret),
  Username: Schema.String,
  ConfirmationCode: Shapes.Secret,
  Password: Shapes.Secret,
  AnalyticsMetadata: Schema.optional(Shapes.AnalyticsMetadata),
  UserContextData: Schema.optional(Shapes.UserContextData),
  ClientMetadata: Schema.optional(Shapes.StringRecord)
})
/** @since 0.1.0 */
export type Request = typeof Request.Type

/** Nothing useful: `{}`. @since 0.1.0 */
export const Response = Shapes.Empty
/** @since 0.1.0 */
export type Response = typeof Response.Type

/** @since 0.1.0 */
export const operation = Operation.userPool("ConfirmForgotPassword", Request, Response)
