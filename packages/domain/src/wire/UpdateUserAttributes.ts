/**
 * `UpdateUserAttributes`: change attributes (`updateUserAttributes`); every attribute listed in
 * `CodeDeliveryDetailsList` awaits a code.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as Operation from "./Operation.js"
import * as Shapes from "./Shapes.js"

/** @since 0.1.0 */
export const Request = Schema.Struct({
  UserAttributes: Shapes.AttributeList,
  AccessToken: Shapes.Secret,
  ClientMetadata: Schema.optional(Shapes.StringRecord)
})
/** @since 0.1.0 */
export type Request = typeof Request.Type

/** @since 0.1.0 */
export const Response = Schema.Struct({
  CodeDeliveryDetailsList: Schema.optional(Schema.Array(Shapes.CodeDeliveryDetails))
})
/** @since 0.1.0 */
export type Response = typeof Response.Type

/** @since 0.1.0 */
export const operation = Operation.userPool("UpdateUserAttributes", Request, Response)
