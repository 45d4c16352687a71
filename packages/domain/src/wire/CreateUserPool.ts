/**
 * `CreateUserPool` (admin): create a pool. Only the members an emulator acts on are modelled; other
 * members (Lambda triggers, email/SMS configuration, …) are accepted and dropped.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as Operation from "./Operation.js"
import * as Shapes from "./Shapes.js"

/** @since 0.1.0 */
export const Request = Schema.Struct({
  PoolName: Schema.String,
  ...Shapes.UserPoolSettings.fields,
  Schema: Schema.optional(Schema.Array(Shapes.SchemaAttribute))
})
/** @since 0.1.0 */
export type Request = typeof Request.Type

/** @since 0.1.0 */
export const Response = Schema.Struct({
  UserPool: Schema.optional(Shapes.UserPoolType)
})
/** @since 0.1.0 */
export type Response = typeof Response.Type

/** @since 0.1.0 */
export const operation = Operation.userPool("CreateUserPool", Request, Response)
