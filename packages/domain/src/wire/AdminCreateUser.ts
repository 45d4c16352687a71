/**
 * `AdminCreateUser` (admin): create a user in `FORCE_CHANGE_PASSWORD` state (or resend the invitation).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as Operation from "./Operation.js"
import * as Shapes from "./Shapes.js"

/** @since 0.1.0 */
export const Request = Schema.Struct({
  UserPoolId: Schema.String,
  Username: Schema.String,
  UserAttributes: Schema.optional(Shapes.AttributeList),
  ValidationData: Schema.optional(Shapes.AttributeList),
  TemporaryPassword: Schema.optional(Shapes.Secret),
  ForceAliasCreation: Schema.optional(Schema.Boolean),
  MessageAction: Schema.optional(Schema.Literal("RESEND", "SUPPRESS")),
  DesiredDeliveryMediums: Schema.optional(Schema.Array(Shapes.DeliveryMedium)),
  ClientMetadata: Schema.optional(Shapes.StringRecord)
})
/** @since 0.1.0 */
export type Request = typeof Request.Type

/** @since 0.1.0 */
export const Response = Schema.Struct({
  User: Schema.optional(Shapes.UserType)
})
/** @since 0.1.0 */
export type Response = typeof Response.Type

/** @since 0.1.0 */
export const operation = Operation.userPool("AdminCreateUser", Request, Response)
