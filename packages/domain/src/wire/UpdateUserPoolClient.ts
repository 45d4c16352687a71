/**
 * `UpdateUserPoolClient` (admin): replace an app client's settings. As in Cognito, settings left
 * out go back to their defaults, so callers send the whole configuration (usually
 * `DescribeUserPoolClient`'s answer with a few members changed).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as Operation from "./Operation.js"
import * as Shapes from "./Shapes.js"

/** @since 0.1.0 */
export const Request = Schema.Struct({
  UserPoolId: Schema.String,
  ClientId: Schema.String,
  ClientName: Schema.optional(Schema.String),
  ...Shapes.UserPoolClientSettings.fields
})
/** @since 0.1.0 */
export type Request = typeof Request.Type

/** @since 0.1.0 */
export const Response = Schema.Struct({
  UserPoolClient: Schema.optional(Shapes.UserPoolClientType)
})
/** @since 0.1.0 */
export type Response = typeof Response.Type

/** @since 0.1.0 */
export const operation = Operation.userPool("UpdateUserPoolClient", Request, Response)
