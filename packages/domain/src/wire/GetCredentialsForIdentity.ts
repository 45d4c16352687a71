/**
 * `GetCredentialsForIdentity` (identity pools): temporary AWS credentials. `Logins` is omitted for
 * guests; `Expiration` is epoch seconds.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as Operation from "./Operation.js"
import * as Shapes from "./Shapes.js"

/** @since 0.1.0 */
export const Request = Schema.Struct({
  IdentityId: Schema.String,
  Logins: Schema.optional(Shapes.SecretRecord),
  CustomRoleArn: Schema.optional(Schema.String)
})
/** @since 0.1.0 */
export type Request = typeof Request.Type

/** @since 0.1.0 */
export const Response = Schema.Struct({
  IdentityId: Schema.optional(Schema.String),
  Credentials: Schema.optional(
    Schema.Struct({
      AccessKeyId: Schema.optional(Schema.String),
      SecretKey: Schema.optional(Shapes.Secret),
      SessionToken: Schema.optional(Shapes.Secret),
      Expiration: Schema.optional(Shapes.EpochSeconds)
    })
  )
})
/** @since 0.1.0 */
export type Response = typeof Response.Type

/** @since 0.1.0 */
export const operation = Operation.identityPool("GetCredentialsForIdentity", Request, Response)
