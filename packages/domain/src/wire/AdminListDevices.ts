/**
 * `AdminListDevices` (admin): the devices of any user.
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
  Limit: Schema.optional(Schema.Number),
  PaginationToken: Schema.optional(Schema.String)
})
/** @since 0.1.0 */
export type Request = typeof Request.Type

/** @since 0.1.0 */
export const Response = Schema.Struct({
  Devices: Schema.optional(Schema.Array(Shapes.DeviceType)),
  PaginationToken: Schema.optional(Schema.String)
})
/** @since 0.1.0 */
export type Response = typeof Response.Type

/** @since 0.1.0 */
export const operation = Operation.userPool("AdminListDevices", Request, Response)
