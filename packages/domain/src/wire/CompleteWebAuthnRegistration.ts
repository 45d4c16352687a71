/**
 * `CompleteWebAuthnRegistration`: register the passkey the browser created. `Credential` is a
 * JSON object (RegistrationResponseJSON), not a string.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as Operation from "./Operation.js"
import * as Shapes from "./Shapes.js"

/** @since 0.1.0 */
export const Request = Schema.Struct({
  AccessToken: Shapes.Secret,
  Credential: Schema.Record({ key: Schema.String, value: Schema.Unknown })
})
/** @since 0.1.0 */
export type Request = typeof Request.Type

/** Nothing useful: `{}`. @since 0.1.0 */
export const Response = Shapes.Empty
/** @since 0.1.0 */
export type Response = typeof Response.Type

/** @since 0.1.0 */
export const operation = Operation.userPool("CompleteWebAuthnRegistration", Request, Response)
