/**
 * `SignUp`: register a user (`signUp`). `Session` in the answer starts the auto sign-in (USER_AUTH).
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
  Password: Schema.optional(Shapes.Secret),
  UserAttributes: Schema.optional(Shapes.AttributeList),
  ValidationData: Schema.optional(Shapes.AttributeList),
  AnalyticsMetadata: Schema.optional(Shapes.AnalyticsMetadata),
  UserContextData: Schema.optional(Shapes.UserContextData),
  ClientMetadata: Schema.optional(Shapes.StringRecord)
})
/** @since 0.1.0 */
export type Request = typeof Request.Type

/** @since 0.1.0 */
export const Response = Schema.Struct({
  UserConfirmed: Schema.Boolean,
  CodeDeliveryDetails: Schema.optional(Shapes.CodeDeliveryDetails),
  UserSub: Schema.String,
  Session: Schema.optional(Shapes.Secret)
})
/** @since 0.1.0 */
export type Response = typeof Response.Type

/** @since 0.1.0 */
export const operation = Operation.userPool("SignUp", Request, Response)
