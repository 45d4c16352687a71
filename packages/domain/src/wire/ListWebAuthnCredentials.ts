/**
 * `ListWebAuthnCredentials`: the passkeys of the signed-in user (`listWebAuthnCredentials`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as Operation from "./Operation.js"
import * as Shapes from "./Shapes.js"

/** @since 0.1.0 */
export const Request = Schema.Struct({
  AccessToken: Shapes.Secret,
  NextToken: Schema.optional(Schema.String),
  MaxResults: Schema.optional(Schema.Number)
})
/** @since 0.1.0 */
export type Request = typeof Request.Type

/** @since 0.1.0 */
export const Response = Schema.Struct({
  Credentials: Schema.Array(Shapes.WebAuthnCredentialDescription),
  NextToken: Schema.optional(Schema.String)
})
/** @since 0.1.0 */
export type Response = typeof Response.Type

/** @since 0.1.0 */
export const operation = Operation.userPool("ListWebAuthnCredentials", Request, Response)
