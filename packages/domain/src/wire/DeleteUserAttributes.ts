/**
 * `DeleteUserAttributes`: remove attributes of the signed-in user (`deleteUserAttributes`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as Operation from "./Operation.js"
import * as Shapes from "./Shapes.js"

/** @since 0.1.0 */
export const Request = Schema.Struct({
  UserAttributeNames: Schema.Array(Schema.String),
  AccessToken: Shapes.Secret
})
/** @since 0.1.0 */
export type Request = typeof Request.Type

/** Nothing useful: `{}`. @since 0.1.0 */
export const Response = Shapes.Empty
/** @since 0.1.0 */
export type Response = typeof Response.Type

/** @since 0.1.0 */
export const operation = Operation.userPool("DeleteUserAttributes", Request, Response)
