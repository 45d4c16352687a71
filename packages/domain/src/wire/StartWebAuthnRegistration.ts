/**
 * `StartWebAuthnRegistration`: passkey registration options (`associateWebAuthnCredential`).
 * `CredentialCreationOptions` is a JSON object (PublicKeyCredentialCreationOptionsJSON), not a string.
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
  CredentialCreationOptions: Schema.Record({ key: Schema.String, value: Schema.Unknown })
})
/** @since 0.1.0 */
export type Response = typeof Response.Type

/** @since 0.1.0 */
export const operation = Operation.userPool("StartWebAuthnRegistration", Request, Response)
