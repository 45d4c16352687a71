/**
 * `DescribeUserPoolClient` (admin): an app client's configuration, including its secret.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as Operation from "./Operation.js"
import * as Shapes from "./Shapes.js"

/** @since 0.1.0 */
export const Request = Schema.Struct({
  UserPoolId: Schema.String,
  ClientId: Schema.String
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
export const operation = Operation.userPool("DescribeUserPoolClient", Request, Response)
