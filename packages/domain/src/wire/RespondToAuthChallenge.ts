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
export const Response = Schema.Struct({
  // An open string: a challenge this client does not know must reach the sign-in flow
  // (Amplify's SignInException "… was not addressed"), not fail as an invalid response.
  ChallengeName: Schema.optional(Schema.String),
  Session: Schema.optional(Shapes.Secret),
  ChallengeParameters: Schema.optional(Shapes.StringRecord),
  AuthenticationResult: Schema.optional(Shapes.AuthenticationResult),
  AvailableChallenges: Schema.optional(Schema.Array(Schema.String))
})
/** @since 0.1.0 */
export type Response = typeof Response.Type

/** @since 0.1.0 */
export const operation = Operation.userPool("RespondToAuthChallenge", Request, Response)
