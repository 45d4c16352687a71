/**
 * `listWebAuthnCredentials`: one page of the signed-in user's passkeys (`pageSize` at most 20,
 * Cognito's limit), with `nextToken` when more follow.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as AuthConfig from "../AuthConfig.js"
import * as Authenticated from "../Authenticated.js"
import { CognitoClient } from "../services/CognitoClient.js"
import * as ListWebAuthnCredentials from "../wire/ListWebAuthnCredentials.js"
import type * as Shapes from "../wire/Shapes.js"

/** @since 0.1.0 */
export interface ListWebAuthnCredentialsInput {
  readonly pageSize?: number
  readonly nextToken?: string
}

/** Amplify's `AuthWebAuthnCredential`. @since 0.1.0 */
export interface AuthWebAuthnCredential {
  readonly credentialId: string | undefined
  readonly friendlyCredentialName: string | undefined
  readonly relyingPartyId: string | undefined
  readonly authenticatorAttachment?: string
  readonly authenticatorTransports: ReadonlyArray<string> | undefined
  readonly createdAt: Date | undefined
}

/** @since 0.1.0 */
export interface ListWebAuthnCredentialsOutput {
  readonly credentials: ReadonlyArray<AuthWebAuthnCredential>
  readonly nextToken?: string
}

/** @since 0.1.0 */
export const toCredential = (description: Shapes.WebAuthnCredentialDescription): AuthWebAuthnCredential => ({
  credentialId: description.CredentialId,
  friendlyCredentialName: description.FriendlyCredentialName,
  relyingPartyId: description.RelyingPartyId,
  ...(description.AuthenticatorAttachment === undefined ? {} : { authenticatorAttachment: description.AuthenticatorAttachment }),
  authenticatorTransports: description.AuthenticatorTransports,
  createdAt: description.CreatedAt
})

/** @since 0.1.0 */
export const listWebAuthnCredentials = Effect.fn("listWebAuthnCredentials")(function* (input?: ListWebAuthnCredentialsInput) {
  yield* AuthConfig.userPool
  const accessToken = yield* Authenticated.accessToken
  const page = yield* (yield* CognitoClient).call(ListWebAuthnCredentials.operation, {
    AccessToken: accessToken,
    ...(input?.pageSize === undefined ? {} : { MaxResults: input.pageSize }),
    ...(input?.nextToken === undefined ? {} : { NextToken: input.nextToken })
  })
  return {
    credentials: page.Credentials.map(toCredential),
    ...(page.NextToken === undefined ? {} : { nextToken: page.NextToken })
  } satisfies ListWebAuthnCredentialsOutput
})
