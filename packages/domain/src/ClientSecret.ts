/**
 * App clients with a secret (protocol.md §5), which Amplify does not support: Cognito then wants
 * `SECRET_HASH = Base64(HMAC-SHA256(secret, username + clientId))` on every call that names a
 * user, and the raw secret on the calls that redeem or revoke a refresh token.
 *
 * The secret is attached in one place, by decorating the `CognitoClient` port, so no step needs
 * to know about it: `ClientSecret.layer(secret)(transport)` is the Cognito client of a server
 * that holds the secret. Only server-side code can build that Layer; nothing in the Amplify
 * configuration a browser bundle sees can carry a secret.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import { hmac } from "@noble/hashes/hmac.js"
import { sha256 } from "@noble/hashes/sha2.js"
import { utf8ToBytes } from "@noble/hashes/utils.js"
import { type AwsJsonClient, CognitoClient } from "./services/CognitoClient.js"
import { bytesToBase64 } from "./Srp.js"
import * as ConfirmForgotPassword from "./wire/ConfirmForgotPassword.js"
import * as ConfirmSignUp from "./wire/ConfirmSignUp.js"
import * as ForgotPassword from "./wire/ForgotPassword.js"
import * as GetTokensFromRefreshToken from "./wire/GetTokensFromRefreshToken.js"
import * as InitiateAuth from "./wire/InitiateAuth.js"
import * as ResendConfirmationCode from "./wire/ResendConfirmationCode.js"
import * as RespondToAuthChallenge from "./wire/RespondToAuthChallenge.js"
import * as RevokeToken from "./wire/RevokeToken.js"
import * as SignUp from "./wire/SignUp.js"

/**
 * `Base64(HMAC-SHA256(key = utf8(secret), message = utf8(username + clientId)))`.
 * @since 0.1.0
 */
export const secretHash = (
  secret: Redacted.Redacted<string>,
  username: string,
  clientId: string
): Redacted.Redacted<string> =>
  Redacted.make(bytesToBase64(hmac(sha256, utf8ToBytes(Redacted.value(secret)), utf8ToBytes(username + clientId))))

type WithSecretHash = {
  readonly Username: string
  readonly ClientId: string
  readonly SecretHash?: Redacted.Redacted<string> | undefined
}

type Signer = (request: never, secret: Redacted.Redacted<string>) => unknown

const topLevel = <R extends WithSecretHash>(request: R, secret: Redacted.Redacted<string>): R => ({
  ...request,
  SecretHash: secretHash(secret, request.Username, request.ClientId)
})

/** Adds `SECRET_HASH` to a parameter map that names the user in `USERNAME`; without one, nothing to sign. */
const inParameters = (
  parameters: Readonly<Record<string, Redacted.Redacted<string>>> | undefined,
  secret: Redacted.Redacted<string>,
  clientId: string
) => {
  const username = parameters?.["USERNAME"]
  return parameters === undefined || username === undefined
    ? parameters
    : { ...parameters, SECRET_HASH: secretHash(secret, Redacted.value(username), clientId) }
}

/**
 * How each operation carries the secret (protocol.md §5), by `X-Amz-Target`. `InitiateAuth`
 * without `USERNAME` (`REFRESH_TOKEN_AUTH`) is left alone: the steps refresh with
 * `GetTokensFromRefreshToken`, which takes the raw secret.
 */
const signers: ReadonlyMap<string, Signer> = new Map<string, Signer>([
  [InitiateAuth.operation.target, (request: InitiateAuth.Request, secret) => {
    const AuthParameters = inParameters(request.AuthParameters, secret, request.ClientId)
    return AuthParameters === undefined ? request : { ...request, AuthParameters }
  }],
  [RespondToAuthChallenge.operation.target, (request: RespondToAuthChallenge.Request, secret) => {
    const ChallengeResponses = inParameters(request.ChallengeResponses, secret, request.ClientId)
    return ChallengeResponses === undefined ? request : { ...request, ChallengeResponses }
  }],
  [SignUp.operation.target, (request: SignUp.Request, secret) => topLevel(request, secret)],
  [ConfirmSignUp.operation.target, (request: ConfirmSignUp.Request, secret) => topLevel(request, secret)],
  [ResendConfirmationCode.operation.target, (request: ResendConfirmationCode.Request, secret) => topLevel(request, secret)],
  [ForgotPassword.operation.target, (request: ForgotPassword.Request, secret) => topLevel(request, secret)],
  [ConfirmForgotPassword.operation.target, (request: ConfirmForgotPassword.Request, secret) => topLevel(request, secret)],
  [GetTokensFromRefreshToken.operation.target, (request: GetTokensFromRefreshToken.Request, secret) => ({
    ...request,
    ClientSecret: secret
  })],
  [RevokeToken.operation.target, (request: RevokeToken.Request, secret) => ({ ...request, ClientSecret: secret })]
])

/**
 * A Cognito client that adds the secret to every request that needs it and passes the others
 * through unchanged.
 * @since 0.1.0
 */
export const signing = (client: AwsJsonClient, secret: Redacted.Redacted<string>): AwsJsonClient => ({
  call: (operation, input) => {
    // Each signer takes and returns the request type of the operation it is listed under.
    const sign = signers.get(operation.target) as
      | ((request: typeof input, secret: Redacted.Redacted<string>) => typeof input)
      | undefined
    return client.call(operation, sign === undefined ? input : sign(input, secret))
  }
})

/**
 * Wraps a Cognito transport Layer so that its client signs with `secret`:
 * `Layers.make(config, { transport: ClientSecret.layer(secret)(CognitoFetchClient.layer()) })`.
 * @since 0.1.0
 * @category layers
 */
export const layer =
  (secret: Redacted.Redacted<string>) =>
  <E, R>(transport: Layer.Layer<CognitoClient, E, R>): Layer.Layer<CognitoClient, E, R> =>
    Layer.effect(CognitoClient, Effect.map(CognitoClient, (client) => signing(client, secret))).pipe(Layer.provide(transport))
