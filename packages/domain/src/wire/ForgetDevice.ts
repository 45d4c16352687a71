/**
 * `ForgetDevice`: forget a remembered device (`forgetDevice`). Amplify ignores the body, which may
 * be empty: a transport that finds no body should decode `{}`.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as Operation from "./Operation.js"
import * as Shapes from "./Shapes.js"

/** @since 0.1.0 */
export const Request = Schema.Struct({
  AccessToken: Schema.optional(Shapes.Secret),
  DeviceKey: Schema.String
})
/** @since 0.1.0 */
export type Request = typeof Request.Type

/** Nothing useful: `{}`. @since 0.1.0 */
export const Response = Shapes.Empty
/** @since 0.1.0 */
export type Response = typeof Response.Type

/** @since 0.1.0 */
export const operation = Operation.userPool("ForgetDevice", Request, Response)
