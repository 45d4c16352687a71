/**
 * `InitiateAuth`: start a sign-in (every `signIn` flow, auto sign-in, and token refresh before
 * Amplify 6.14). `AuthParameters` values are secrets (`PASSWORD`, `SRP_A`, `REFRESH_TOKEN`, …);
 * `ChallengeParameters` stay plain strings: decode them per challenge with `ChallengeParameters`.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as Operation from "./Operation.js"
import * as Shapes from "./Shapes.js"

/** @since 0.1.0 */
export const Request = Schema.Struct({
  AuthFlow: Shapes.AuthFlow,
  AuthParameters: Schema.optional(Shapes.SecretRecord),
  ClientMetadata: Schema.optional(Shapes.StringRecord),
  ClientId: Schema.String,
  AnalyticsMetadata: Schema.optional(Shapes.AnalyticsMetadata),
  UserContextData: Schema.optional(Shapes.UserContextData),
  Session: Schema.optional(Shapes.Secret)
})
/** @since 0.1.0 */
export type Request = typeof Request.Type

/** @since 0.1.0 */
export const Response = Shapes.AuthChallengeResult
/** @since 0.1.0 */
export type Response = typeof Response.Type

/** @since 0.1.0 */
export const operation = Operation.userPool("InitiateAuth", Request, Response)
