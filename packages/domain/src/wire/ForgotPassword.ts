/**
 * `ForgotPassword`: send a password-reset code (`resetPassword`).
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
  UserContextData: Schema.optional(Shapes.UserContextData),
  Username: Schema.String,
  AnalyticsMetadata: Schema.optional(Shapes.AnalyticsMetadata),
  ClientMetadata: Schema.optional(Shapes.StringRecord)
})
/** @since 0.1.0 */
export type Request = typeof Request.Type

/** @since 0.1.0 */
export const Response = Schema.Struct({
  CodeDeliveryDetails: Schema.optional(Shapes.CodeDeliveryDetails)
})
/** @since 0.1.0 */
export type Response = typeof Response.Type

/** @since 0.1.0 */
export const operation = Operation.userPool("ForgotPassword", Request, Response)
