/**
 * `VerifySoftwareToken`: prove the TOTP app works (`verifyTOTPSetup`, MFA_SETUP). Amplify never
 * reads `Status`: a wrong code must be an error, not `Status: "ERROR"`.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as Operation from "./Operation.js"
import * as Shapes from "./Shapes.js"

/** @since 0.1.0 */
export const Request = Schema.Struct({
  AccessToken: Schema.optional(Shapes.Secret),
  Session: Schema.optional(Shapes.Secret),
  UserCode: Shapes.Secret,
  FriendlyDeviceName: Schema.optional(Schema.String)
})
/** @since 0.1.0 */
export type Request = typeof Request.Type

/** @since 0.1.0 */
export const Response = Schema.Struct({
  Status: Schema.optional(Schema.Literal("SUCCESS", "ERROR")),
  Session: Schema.optional(Shapes.Secret)
})
/** @since 0.1.0 */
export type Response = typeof Response.Type

/** @since 0.1.0 */
export const operation = Operation.userPool("VerifySoftwareToken", Request, Response)
