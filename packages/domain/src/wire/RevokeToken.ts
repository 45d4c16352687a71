/**
 * `RevokeToken`: revoke a refresh token and its access tokens (`signOut`, only when the access
 * token carries `origin_jti`). The answer must be a JSON body (`{}`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as Operation from "./Operation.js"
import * as Shapes from "./Shapes.js"

/** @since 0.1.0 */
export const Request = Schema.Struct({
  Token: Shapes.Secret,
  ClientId: Schema.String,
  ClientSecret: Schema.optional(Shapes.Secret),
  RevokeAssociatedSessions: Schema.optional(Schema.Literal("LINKED", "NONE"))
})
/** @since 0.1.0 */
export type Request = typeof Request.Type

/** Nothing useful: `{}`. @since 0.1.0 */
export const Response = Shapes.Empty
/** @since 0.1.0 */
export type Response = typeof Response.Type

/** @since 0.1.0 */
export const operation = Operation.userPool("RevokeToken", Request, Response)
