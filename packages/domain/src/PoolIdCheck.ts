/**
 * Amplify accepts a configuration whose pool id names no region (`userPoolId` without `_`,
 * `identityPoolId` without `:`) and fails each request when it builds it, after the call's own
 * checks. Here that check sits in one place, by decorating the ports: `userPool(transport)` is a
 * Cognito client that refuses every call with `InvalidUserPoolId` when the configured user pool
 * has no region, and `identityPool(transport)` does the same for Cognito Identity with
 * `InvalidIdentityPoolIdException`. With a usable id the transport's client is used as it is.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as AuthConfig from "./AuthConfig.js"
import type { InvalidPoolIdError } from "./AuthError.js"
import { type AwsJsonClient, CognitoClient } from "./services/CognitoClient.js"
import { IdentityClient } from "./services/IdentityClient.js"

/**
 * `client`, or a client whose every call fails with `error`.
 * @since 0.1.0
 */
export const checking = (client: AwsJsonClient, check: Either.Either<unknown, InvalidPoolIdError>): AwsJsonClient =>
  Either.isLeft(check) ? { call: () => Effect.fail(check.left) } : client

/**
 * Wraps a Cognito transport Layer with the user-pool id check.
 * @since 0.1.0
 * @category layers
 */
export const userPool = <E, R>(
  transport: Layer.Layer<CognitoClient, E, R>
): Layer.Layer<CognitoClient, E, R | AuthConfig.AuthConfig> =>
  Layer.effect(
    CognitoClient,
    Effect.zipWith(CognitoClient, AuthConfig.AuthConfig, (client, config) =>
      config.userPool === undefined ? client : checking(client, AuthConfig.userPoolRegion(config.userPool)))
  ).pipe(Layer.provide(transport))

/**
 * Wraps a Cognito Identity transport Layer with the identity-pool id check.
 * @since 0.1.0
 * @category layers
 */
export const identityPool = <E, R>(
  transport: Layer.Layer<IdentityClient, E, R>
): Layer.Layer<IdentityClient, E, R | AuthConfig.AuthConfig> =>
  Layer.effect(
    IdentityClient,
    Effect.zipWith(IdentityClient, AuthConfig.AuthConfig, (client, config) =>
      config.identityPool === undefined ? client : checking(client, AuthConfig.identityPoolRegion(config.identityPool)))
  ).pipe(Layer.provide(transport))
