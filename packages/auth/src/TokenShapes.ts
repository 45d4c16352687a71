/**
 * The session and credentials as Amplify's objects (`AuthTokens` with JWT objects,
 * `AWSCredentials` with plain strings) and back into the domain's (decoded tokens, `Redacted`
 * secrets): what the `/cognito` building blocks and app-supplied providers exchange.
 *
 * @since 0.1.0
 */
import { InvalidTokensException } from "@cognito-effect/domain/AuthError"
import type * as DomainCredentials from "@cognito-effect/domain/Credentials"
import * as Tokens from "@cognito-effect/domain/Tokens"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import type { AuthTokens, AWSCredentials, CredentialsAndIdentityId } from "./cognito.js"

/** Amplify's `JWT`. @since 0.1.0 */
export interface JWT {
  readonly payload: Tokens.JwtPayload
  toString(): string
}

/** Amplify's JWT shape over a decoded token: the raw string only through `toString()`. @since 0.1.0 */
export const toJWT = (jwt: Tokens.Jwt): JWT => ({ payload: jwt.payload, toString: () => Redacted.value(jwt.raw) })

/** The domain's session shaped as Amplify's `AuthTokens`. @since 0.1.0 */
export const toAuthTokens = (tokens: Pick<Tokens.TokenSet, "accessToken" | "idToken" | "signInDetails">): AuthTokens => ({
  accessToken: toJWT(tokens.accessToken),
  ...(tokens.idToken === undefined ? {} : { idToken: toJWT(tokens.idToken) }),
  ...(tokens.signInDetails === undefined ? {} : { signInDetails: tokens.signInDetails })
})

const decodeJWT = (jwt: JWT | undefined, name: string) =>
  Effect.mapError(Tokens.decode(String(jwt)), () => new InvalidTokensException({ message: `The ${name} is not a JWT.` }))

/** Amplify's `AuthTokens` back into the domain's session. @since 0.1.0 */
export const fromAuthTokens = (tokens: AuthTokens) =>
  Effect.gen(function* () {
    const accessToken = yield* decodeJWT(tokens.accessToken, "access token")
    const idToken = tokens.idToken === undefined ? undefined : yield* decodeJWT(tokens.idToken, "ID token")
    const session: Tokens.TokenSet = {
      username: Tokens.stringClaim(accessToken, "username") ?? "",
      accessToken,
      clockDrift: 0,
      ...(idToken === undefined ? {} : { idToken }),
      ...(tokens.signInDetails === undefined ? {} : { signInDetails: tokens.signInDetails })
    }
    return session
  })

/** Amplify's `AWSCredentials` over the domain's. @since 0.1.0 */
export const toAWSCredentials = (value: DomainCredentials.CredentialsAndIdentityId): CredentialsAndIdentityId => ({
  credentials: toAWSCredentialValues(value.credentials),
  identityId: value.identityId
})

/** Temporary credentials with their secrets in plain strings, as Amplify hands them out. @since 0.1.0 */
export const toAWSCredentialValues = (credentials: DomainCredentials.AwsCredentials): AWSCredentials => ({
  accessKeyId: credentials.accessKeyId,
  secretAccessKey: Redacted.value(credentials.secretAccessKey),
  ...(credentials.sessionToken === undefined ? {} : { sessionToken: Redacted.value(credentials.sessionToken) }),
  ...(credentials.expiration === undefined ? {} : { expiration: credentials.expiration })
})

/** Amplify's `AWSCredentials` back into the domain's, the secrets `Redacted`. @since 0.1.0 */
export const fromAWSCredentials = (value: CredentialsAndIdentityId): Effect.Effect<DomainCredentials.CredentialsAndIdentityId, InvalidTokensException> =>
  value.identityId === undefined
    ? Effect.fail(new InvalidTokensException({ message: "The credentials provider answered no identity id." }))
    : Effect.succeed({
      credentials: {
        accessKeyId: value.credentials.accessKeyId,
        secretAccessKey: Redacted.make(value.credentials.secretAccessKey),
        ...(value.credentials.sessionToken === undefined ? {} : { sessionToken: Redacted.make(value.credentials.sessionToken) }),
        ...(value.credentials.expiration === undefined ? {} : { expiration: value.credentials.expiration })
      },
      identityId: value.identityId
    })
