/**
 * Test support (not a test file): pools that allow passwordless first factors, signed-in users,
 * and the passkey ceremonies run by the adapters' software authenticator against the emulator's
 * wire API, as a browser page at `origin` would run them.
 */
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as SoftwareAuthenticator from "@cognito-effect/adapters/SoftwareAuthenticator"
import * as Passkey from "@cognito-effect/domain/Passkey"
import { call, makePool, makeUser, ok, uniqueName } from "./Harness.js"

export const origin = "http://localhost:5173"
export const password = "Passw0rd!"

/** A pool whose users may sign in with every first factor, and a client allowing USER_AUTH. */
export const passwordlessPool = (pool: Record<string, unknown> = {}, client: Record<string, unknown> = {}) =>
  makePool(
    {
      Policies: { SignInPolicy: { AllowedFirstAuthFactors: ["PASSWORD", "EMAIL_OTP", "SMS_OTP", "WEB_AUTHN"] } },
      ...pool
    },
    {
      ExplicitAuthFlows: ["ALLOW_USER_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
      ...client
    }
  )

/** A confirmed user with a password, a verified e-mail and phone, signed in with USER_PASSWORD_AUTH. */
export const signedInUser = (userPoolId: string, clientId: string, attributes: Record<string, string> = {}) =>
  Effect.gen(function* () {
    const username = uniqueName("pk")
    yield* makeUser(userPoolId, username, password, {
      email: `${username}@example.com`,
      email_verified: "true",
      phone_number: "+15555550123",
      phone_number_verified: "true",
      ...attributes
    })
    const answer = yield* ok("InitiateAuth", {
      AuthFlow: "USER_PASSWORD_AUTH",
      ClientId: clientId,
      AuthParameters: { USERNAME: username, PASSWORD: password }
    })
    return { username, email: `${username}@example.com`, accessToken: answer.AuthenticationResult.AccessToken as string }
  })

/** A software authenticator on `origin`. */
export const device = (options: Partial<SoftwareAuthenticator.Options> = {}) => SoftwareAuthenticator.make({ origin, ...options })

/** StartWebAuthnRegistration, the authenticator's `create`, and the RegistrationResponseJSON (not sent yet). */
export const attest = (accessToken: string, authenticator: SoftwareAuthenticator.SoftwareAuthenticator) =>
  Effect.gen(function* () {
    const started = yield* ok("StartWebAuthnRegistration", { AccessToken: accessToken })
    const options = Either.getOrThrow(Passkey.decodeCreationOptions(started.CredentialCreationOptions))
    const credential = yield* Effect.orDie(authenticator.create(options))
    return { options, credential }
  })

/** A whole registration; returns the credential id. */
export const register = (accessToken: string, authenticator: SoftwareAuthenticator.SoftwareAuthenticator) =>
  Effect.gen(function* () {
    const { credential } = yield* attest(accessToken, authenticator)
    yield* ok("CompleteWebAuthnRegistration", { AccessToken: accessToken, Credential: credential })
    return credential.id
  })

/** InitiateAuth USER_AUTH preferring WEB_AUTHN: the challenge and its decoded request options. */
export const passkeyChallenge = (clientId: string, username: string) =>
  Effect.gen(function* () {
    const challenge = yield* ok("InitiateAuth", {
      AuthFlow: "USER_AUTH",
      ClientId: clientId,
      AuthParameters: { USERNAME: username, PREFERRED_CHALLENGE: "WEB_AUTHN" }
    })
    const options = Either.getOrThrow(Passkey.decodeRequestOptions(challenge.ChallengeParameters.CREDENTIAL_REQUEST_OPTIONS))
    return { challenge, options }
  })

/** Answers a WEB_AUTHN challenge with `credential` (an AuthenticationResponseJSON, or any JSON). */
export const answerPasskey = (clientId: string, username: string, session: string, credential: unknown) =>
  call("RespondToAuthChallenge", {
    ChallengeName: "WEB_AUTHN",
    ClientId: clientId,
    Session: session,
    ChallengeResponses: { USERNAME: username, CREDENTIAL: JSON.stringify(credential) }
  })
