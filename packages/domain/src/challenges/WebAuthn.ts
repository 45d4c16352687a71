/**
 * `WEB_AUTHN`: sign-in with a passkey. Cognito sends the request options as a JSON string
 * (`CREDENTIAL_REQUEST_OPTIONS`); the client runs the ceremony on its authenticator right away,
 * with no step shown to the user, and answers with the assertion as a JSON string (`CREDENTIAL`).
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import { SignInException } from "../AuthError.js"
import type { UserPoolConfig } from "../AuthConfig.js"
import * as Passkey from "../Passkey.js"
import { Authenticator } from "../services/Authenticator.js"
import { CognitoClient } from "../services/CognitoClient.js"
import * as UserContextData from "../services/UserContextData.js"
import type * as InitiateAuth from "../wire/InitiateAuth.js"
import * as RespondToAuthChallenge from "../wire/RespondToAuthChallenge.js"

/** @since 0.1.0 */
export const name = "WEB_AUTHN"

/** Amplify refuses a second `WEB_AUTHN` right after one was answered. @since 0.1.0 */
export const sequentialChallenge = () =>
  new SignInException({ message: "Sequential WEB_AUTHN challenges returned from underlying service cannot be handled." })

/**
 * Runs the passkey ceremony for a `WEB_AUTHN` challenge and sends the assertion; returns
 * Cognito's reply, which the sign-in flow settles.
 * @since 0.1.0
 */
export const answer = Effect.fn("WebAuthn.answer")(function* (
  pool: UserPoolConfig,
  challenge: InitiateAuth.Response,
  username: string
) {
  const options = yield* Passkey.decodeRequestOptions(challenge.ChallengeParameters?.["CREDENTIAL_REQUEST_OPTIONS"])
  const credential = yield* (yield* Authenticator).get(options)
  return yield* (yield* CognitoClient).call(RespondToAuthChallenge.operation, {
    ChallengeName: name,
    ClientId: pool.userPoolClientId,
    ChallengeResponses: { USERNAME: Redacted.make(username), CREDENTIAL: Redacted.make(JSON.stringify(credential)) },
    ...(challenge.Session === undefined ? {} : { Session: challenge.Session }),
    ...(yield* UserContextData.member(pool, username))
  })
})
