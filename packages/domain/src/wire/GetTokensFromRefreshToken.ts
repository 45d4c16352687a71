/**
 * `GetTokensFromRefreshToken`: the token refresh of Amplify >= 6.14. A `RefreshToken` in the
 * answer replaces the stored one (rotation); without one the old token stays.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as Operation from "./Operation.js"
import * as Shapes from "./Shapes.js"

/** @since 0.1.0 */
export const Request = Schema.Struct({
  RefreshToken: Shapes.Secret,
  ClientId: Schema.String,
  ClientSecret: Schema.optional(Shapes.Secret),
  DeviceKey: Schema.optional(Schema.String),
  ClientMetadata: Schema.optional(Shapes.StringRecord)
})
/** @since 0.1.0 */
export type Request = typeof Request.Type

/** @since 0.1.0 */
export const Response = Schema.Struct({
  AuthenticationResult: Schema.optional(Shapes.AuthenticationResult)
})
/** @since 0.1.0 */
export type Response = typeof Response.Type

/** @since 0.1.0 */
export const operation = Operation.userPool("GetTokensFromRefreshToken", Request, Response)
