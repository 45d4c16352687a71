/**
 * `ConfirmSignUp`: confirm a sign-up with the emailed/texted code (`confirmSignUp`).
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
  ForceAliasCreation: Schema.optional(Schema.Boolean),
  AnalyticsMetadata: Schema.optional(Shapes.AnalyticsMetadata),
  UserContextData: Schema.optional(Shapes.UserContextData),
  ClientMetadata: Schema.optional(Shapes.StringRecord),
  Session: Schema.optional(Shapes.Secret)
})
/** @since 0.1.0 */
export type Request = typeof Request.Type

/** @since 0.1.0 */
export const Response = Schema.Struct({
  Session: Schema.optional(Shapes.Secret)
})
/** @since 0.1.0 */
export type Response = typeof Response.Type

/** @since 0.1.0 */
export const operation = Operation.userPool("ConfirmSignUp", Request, Response)
