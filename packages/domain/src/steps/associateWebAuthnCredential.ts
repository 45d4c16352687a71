/**
 * `associateWebAuthnCredential`: registers a passkey for the signed-in user —
 * StartWebAuthnRegistration for the options, the authenticator's `create` ceremony, then
 * CompleteWebAuthnRegistration with what it made.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as AuthConfig from "../AuthConfig.js"
import * as Authenticated from "../Authenticated.js"
import * as Passkey from "../Passkey.js"
import { Authenticator } from "../services/Authenticator.js"
import { CognitoClient } from "../services/CognitoClient.js"
import * as CompleteWebAuthnRegistration from "../wire/CompleteWebAuthnRegistration.js"
import * as StartWebAuthnRegistration from "../wire/StartWebAuthnRegistration.js"

/** @since 0.1.0 */
export const associateWebAuthnCredential = Effect.fn("associateWebAuthnCredential")(function* () {
  yield* AuthConfig.userPool
  const accessToken = yield* Authenticated.accessToken
  const client = yield* CognitoClient
  const started = yield* client.call(StartWebAuthnRegistration.operation, { AccessToken: accessToken })
  const options = yield* Passkey.decodeCreationOptions(started.CredentialCreationOptions)
  const credential = yield* (yield* Authenticator).create(options)
  yield* client.call(CompleteWebAuthnRegistration.operation, { AccessToken: accessToken, Credential: { ...credential } })
})
