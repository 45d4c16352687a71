/**
 * `GetUserAttributeVerificationCode`: send a code to verify an attribute (`sendUserAttributeVerificationCode`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as Operation from "./Operation.js"
import * as Shapes from "./Shapes.js"

/** @since 0.1.0 */
export const Request = Schema.Struct({
  AccessToken: Shapes.Secret,
  AttributeName: Schema.String,
  ClientMetadata: Schema.optional(Shapes.StringRecord)
})
/** @since 0.1.0 */
export type Request = typeof Request.Type

/** @since 0.1.0 */
export const Response = Schema.Struct({
  CodeDeliveryDetails: Schema.optional(Shapes.CodeDeliveryDetails)
})
/** @since 0.1.0 */
export type Response = typeof Response.Type

/** @since 0.1.0 */
export const operation = Operation.userPool("GetUserAttributeVerificationCode", Request, Response)
