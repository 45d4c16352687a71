/**
 * `CreateUserPoolClient` (admin): create an app client; `GenerateSecret` asks for a client secret.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as Operation from "./Operation.js"
import * as Shapes from "./Shapes.js"

/** @since 0.1.0 */
export const Request = Schema.Struct({
  UserPoolId: Schema.String,
  ClientName: Schema.String,
  GenerateSecret: Schema.optional(Schema.Boolean),
  ClientSecret: Schema.optional(Shapes.Secret),
  ...Shapes.UserPoolClientSettings.fields
})
/** @since 0.1.0 */
export type Request = typeof Request.Type

/** @since 0.1.0 */
export const Response = Schema.Struct({
  UserPoolClient: Schema.optional(Shapes.UserPoolClientType)
})
/** @since 0.1.0 */
export type Response = typeof Response.Type

/** @since 0.1.0 */
export const operation = Operation.userPool("CreateUserPoolClient", Request, Response)
