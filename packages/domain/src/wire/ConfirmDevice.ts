/**
 * `ConfirmDevice`: register the device keys issued on sign-in with their SRP verifier (automatic
 * after a sign-in that returned `NewDeviceMetadata`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as Operation from "./Operation.js"
import * as Shapes from "./Shapes.js"

/** @since 0.1.0 */
export const Request = Schema.Struct({
  AccessToken: Shapes.Secret,
  DeviceKey: Schema.String,
  DeviceSecretVerifierConfig: Schema.optional(
    Schema.Struct({
      PasswordVerifier: Schema.optional(Shapes.Secret),
      Salt: Schema.optional(Schema.String)
    })
  ),
  DeviceName: Schema.optional(Schema.String)
})
/** @since 0.1.0 */
export type Request = typeof Request.Type

/** @since 0.1.0 */
export const Response = Schema.Struct({
  UserConfirmationNecessary: Schema.optional(Schema.Boolean)
})
/** @since 0.1.0 */
export type Response = typeof Response.Type

/** @since 0.1.0 */
export const operation = Operation.userPool("ConfirmDevice", Request, Response)
