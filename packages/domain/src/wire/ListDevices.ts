/**
 * `ListDevices`: the devices of the signed-in user (`fetchDevices`, which sends `Limit: 60`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as Operation from "./Operation.js"
import * as Shapes from "./Shapes.js"

/** @since 0.1.0 */
export const Request = Schema.Struct({
  AccessToken: Shapes.Secret,
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
export const operation = Operation.userPool("ListDevices", Request, Response)
