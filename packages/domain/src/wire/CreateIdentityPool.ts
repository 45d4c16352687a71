/**
 * `CreateIdentityPool` (identity pools, admin): create a pool; `CognitoIdentityProviders` links
 * user-pool app clients (`ProviderName` = `cognito-idp.<region>.amazonaws.com/<userPoolId>`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as Operation from "./Operation.js"
import * as Shapes from "./Shapes.js"

/** A user-pool app client an identity pool trusts. @since 0.1.0 */
export const CognitoIdentityProvider = Schema.Struct({
  ProviderName: Schema.optional(Schema.String),
  ClientId: Schema.optional(Schema.String),
  ServerSideTokenCheck: Schema.optional(Schema.Boolean)
})

const identityPoolSettings = {
  IdentityPoolName: Schema.String,
  AllowUnauthenticatedIdentities: Schema.Boolean,
  AllowClassicFlow: Schema.optional(Schema.Boolean),
  SupportedLoginProviders: Schema.optional(Shapes.StringRecord),
  DeveloperProviderName: Schema.optional(Schema.String),
  OpenIdConnectProviderARNs: Schema.optional(Schema.Array(Schema.String)),
  CognitoIdentityProviders: Schema.optional(Schema.Array(CognitoIdentityProvider)),
  SamlProviderARNs: Schema.optional(Schema.Array(Schema.String)),
  IdentityPoolTags: Schema.optional(Shapes.StringRecord)
}

/** @since 0.1.0 */
export const Request = Schema.Struct(identityPoolSettings)
/** @since 0.1.0 */
export type Request = typeof Request.Type

/** The created pool (`IdentityPool` shape). @since 0.1.0 */
export const Response = Schema.Struct({
  IdentityPoolId: Schema.String,
  ...identityPoolSettings
})
/** @since 0.1.0 */
export type Response = typeof Response.Type

/** @since 0.1.0 */
export const operation = Operation.identityPool("CreateIdentityPool", Request, Response)
