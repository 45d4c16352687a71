/**
 * `UpdateDeviceStatus`: mark a device remembered (`rememberDevice`; Amplify never sends `not_remembered`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as Operation from "./Operation.js"
import * as Shapes from "./Shapes.js"

/** @since 0.1.0 */
export const Request = Schema.Struct({
  AccessToken: Shapes.Secret,
  DeviceKey: Schema.String,
  DeviceRememberedStatus: Schema.optional(Shapes.DeviceRememberedStatus)
})
/** @since 0.1.0 */
export type Request = typeof Request.Type

/** Nothing useful: `{}`. @since 0.1.0 */
export const Response = Shapes.Empty
/** @since 0.1.0 */
export type Response = typeof Response.Type

/** @since 0.1.0 */
export const operation = Operation.userPool("UpdateDeviceStatus", Request, Response)
