/**
 * `RespondToAuthChallenge`: answer the current sign-in challenge (`signIn`, `confirmSignIn`).
 * `ChallengeResponses` values are secrets; `ChallengeParameters` stay plain strings.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as Operation from "./Operation.js"
import * as Shapes from "./Shapes.js"

/** @since 0.1.0 */
export const Request = Schema.Struct({
  ClientId: Schema.String,
  ChallengeName: Shapes.ChallengeName,
  Session: Schema.optional(Shapes.Secret),
  ChallengeResponses: Schema.optional(Shapes.SecretRecord),
  AnalyticsMetadata: Schema.optional(Shapes.AnalyticsMetadata),
  UserContextData: Schema.optional(Shapes.UserContextData),
  ClientMetadata: Schema.optional(Shapes.StringRecord)
})
/** @since 0.1.0 */
export type Request = typeof Request.Type

/** @since 0.1.0 */
export const Response = Shapes.AuthChallengeResult
/** @since 0.1.0 */
export type Response = typeof Response.Type

/** @since 0.1.0 */
export const operation = Operation.userPool("RespondToAuthChallenge", Request, Response)
