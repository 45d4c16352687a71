/**
 * `GetUser`: the signed-in user (`fetchUserAttributes`, `fetchMFAPreference`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as Operation from "./Operation.js"
import * as Shapes from "./Shapes.js"

/** @since 0.1.0 */
export const Request = Schema.Struct({
  AccessToken: Shapes.Secret
})
/** @since 0.1.0 */
export type Request = typeof Request.Type

/** @since 0.1.0 */
export const Response = Schema.Struct({
  Username: Schema.String,
  UserAttributes: Shapes.AttributeList,
  MFAOptions: Schema.optional(Schema.Array(Shapes.MFAOptionType)),
  PreferredMfaSetting: Schema.optional(Schema.String),
  UserMFASettingList: Schema.optional(Schema.Array(Schema.String))
})
/** @since 0.1.0 */
export type Response = typeof Response.Type

/** @since 0.1.0 */
export const operation = Operation.userPool("GetUser", Request, Response)
