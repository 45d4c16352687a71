/**
 * `deleteWebAuthnCredential`: removes one of the signed-in user's passkeys from the user pool (the
 * authenticator keeps its copy, which no longer signs anyone in).
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as AuthConfig from "../AuthConfig.js"
import * as Authenticated from "../Authenticated.js"
import { CognitoClient } from "../services/CognitoClient.js"
import * as DeleteWebAuthnCredential from "../wire/DeleteWebAuthnCredential.js"

/** @since 0.1.0 */
export interface DeleteWebAuthnCredentialInput {
  readonly credentialId: string
}

/** @since 0.1.0 */
export const deleteWebAuthnCredential = Effect.fn("deleteWebAuthnCredential")(function* (input: DeleteWebAuthnCredentialInput) {
  yield* AuthConfig.userPool
  const accessToken = yield* Authenticated.accessToken
  yield* (yield* CognitoClient).call(DeleteWebAuthnCredential.operation, { AccessToken: accessToken, CredentialId: input.credentialId })
})
