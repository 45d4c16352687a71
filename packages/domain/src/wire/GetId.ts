/**
 * `GetId` (identity pools): the identity id for a login map. Guests send `Logins: {}` (an
 * empty object, not omitted). `Logins` values are ID tokens, hence secrets.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as Operation from "./Operation.js"
import * as Shapes from "./Shapes.js"

/** @since 0.1.0 */
export const Request = Schema.Struct({
  AccountId: Schema.optional(Schema.String),
  IdentityPoolId: Schema.String,
  Logins: Schema.optional(Shapes.SecretRecord)
})
/** @since 0.1.0 */
export type Request = typeof Request.Type

/** @since 0.1.0 */
export const Response = Schema.Struct({
  IdentityId: Schema.optional(Schema.String)
})
/** @since 0.1.0 */
export type Response = typeof Response.Type

/** @since 0.1.0 */
export const operation = Operation.identityPool("GetId", Request, Response)
