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
export const operation = Operation.userPool("InitiateAuth", Request, Response)
