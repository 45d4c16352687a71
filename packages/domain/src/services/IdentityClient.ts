/**
 * The port to Cognito Identity (identity pools): `GetId`, `GetCredentialsForIdentity`.
 * Same shape as the user-pool port, a different endpoint and target prefix.
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import type { AwsJsonClient } from "./CognitoClient.js"

/** @since 0.1.0 @category tags */
export class IdentityClient extends Context.Tag("@cognito-effect/domain/IdentityClient")<IdentityClient, AwsJsonClient>() {}
