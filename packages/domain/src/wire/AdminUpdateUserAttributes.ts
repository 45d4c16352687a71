/**
 * `AdminUpdateUserAttributes` (admin): set attributes (e.g. `email_verified`) of any user.
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
  UserAttributes: Shapes.AttributeList,
  ClientMetadata: Schema.optional(Shapes.StringRecord)
})
/** @since 0.1.0 */
export type Request = typeof Request.Type

/** Nothing useful: `{}`. @since 0.1.0 */
export const Response = Shapes.Empty
/** @since 0.1.0 */
export type Response = typeof Response.Type

/** @since 0.1.0 */
export const operation = Operation.userPool("AdminUpdateUserAttributes", Request, Response)
