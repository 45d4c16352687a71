/**
 * `ListUsers` (admin): users of a pool, optionally filtered (`email = "a@b.c"`, `username ^= "x"`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as Operation from "./Operation.js"
import * as Shapes from "./Shapes.js"

/** @since 0.1.0 */
export const Request = Schema.Struct({
  UserPoolId: Schema.String,
  AttributesToGet: Schema.optional(Schema.Array(Schema.String)),
  Limit: Schema.optional(Schema.Number),
  PaginationToken: Schema.optional(Schema.String),
  Filter: Schema.optional(Schema.String)
})
/** @since 0.1.0 */
export type Request = typeof Request.Type

/** @since 0.1.0 */
export const Response = Schema.Struct({
  Users: Schema.optional(Schema.Array(Shapes.UserType)),
  PaginationToken: Schema.optional(Schema.String)
})
/** @since 0.1.0 */
export type Response = typeof Response.Type

/** @since 0.1.0 */
export const operation = Operation.userPool("ListUsers", Request, Response)
