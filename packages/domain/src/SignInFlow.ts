/**
 * The heart of sign-in: what happens with every Cognito answer to `InitiateAuth` or
 * `RespondToAuthChallenge`. Tokens complete the sign-in through the one completion path
 * (store tokens → clear the pending sign-in → publish `signedIn` → `DONE`); a challenge the client
 * answers by itself (device SRP, TOTP association, a passkey) is answered here; any other
 * challenge is saved as the pending sign-in (it survives a reload for Cognito's 3 minutes) and
 * returned as `nextStep`.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Clock from "effect/Clock"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import {
  CognitoServiceError,
  type DeviceMetadataNotFoundException,
  InvalidTokensException,
  type InvalidPoolIdError,
  type SetUpTOTPException,
  SignInException,
  type StorageError,
  type TransportError,
  UnexpectedSignInInterruptionException
} from "./AuthError.js"
import type { UserPoolConfig } from "./AuthConfig.js"
import * as NextStep from "./NextStep.js"
import * as Tokens from "./Tokens.js"
import * as CurrentUser from "./CurrentUser.js"
import * as DeviceTracking from "./DeviceTracking.js"
import { AuthEvents } from "./services/AuthEvents.js"
import { CognitoClient } from "./services/CognitoClient.js"
import { SignInStateStore } from "./services/SignInStateStore.js"
import type { ModExp } from "./services/ModExp.js"
import type { SecureRandom } from "./services/SecureRandom.js"
import { TokenStore } from "./services/TokenStore.js"
import * as AssociateSoftwareToken from "./wire/AssociateSoftwareToken.js"
import type * as InitiateAuth from "./wire/InitiateAuth.js"
import * as TotpSetup from "./challenges/TotpSetup.js"
import * as WebAuthn from "./challenges/WebAuthn.js"
import type { PasskeyError } from "./PasskeyError.js"
import type { Authenticator } from "./services/Authenticator.js"

/** What Cognito answers to `InitiateAuth` and `RespondToAuthChallenge` alike. @since 0.1.0 */
export type AuthResponse = InitiateAuth.Response

/** What one sign-in carries from step to step. @since 0.1.0 */
export interface FlowContext {
  readonly pool: UserPoolConfig
  /** The active username: storage keys and later `USERNAME` challenge responses use it. */
  readonly username: string
  readonly signInDetails: Tokens.SignInDetails
}

/** Cognito's pending sign-in lifetime. @since 0.1.0 */
export const pendingLifetimeMillis = 3 * 60 * 1000

/** What the flow needs. @since 0.1.0 */
export type FlowServices = CognitoClient | TokenStore | SignInStateStore | AuthEvents | ModExp | SecureRandom | Authenticator

/** Errors of the flow itself. @since 0.1.0 */
export type FlowError =
  | CognitoServiceError
  | TransportError
  | InvalidPoolIdError
  | StorageError
  | SignInException
  | InvalidTokensException
  | SetUpTOTPException
  | DeviceMetadataNotFoundException
  | PasskeyError
  | UnexpectedSignInInterruptionException

/** The active username after a challenge: `USERNAME` from Cognito wins over what the user typed. @since 0.1.0 */
export const activeUsername = (response: AuthResponse, typed: string): string =>
  response.ChallengeParameters?.["USERNAME"] ?? typed

const decodeToken = (token: Redacted.Redacted<string> | undefined, name: string) =>
  token === undefined
    ? Effect.fail(new InvalidTokensException({ message: `No ${name} was returned by the service.` }))
    : Effect.mapError(Tokens.decode(Redacted.value(token)), () => new InvalidTokensException({ message: `The ${name} returned by the service is not a JWT.` }))

/**
 * Builds the stored session from an `AuthenticationResult`.
 * @since 0.1.0
 */
export const tokenSetFrom = (
  result: NonNullable<AuthResponse["AuthenticationResult"]>,
  username: string,
  signInDetails: Tokens.SignInDetails | undefined
) =>
  Effect.gen(function* () {
    const accessToken = yield* decodeToken(result.AccessToken, "access token")
    const idToken = result.IdToken === undefined ? undefined : yield* decodeToken(result.IdToken, "ID token")
    const now = yield* Clock.currentTimeMillis
    const tokens: Tokens.TokenSet = {
      username,
      accessToken,
      clockDrift: Tokens.clockDrift(accessToken, now),
      ...(idToken === undefined ? {} : { idToken }),
      ...(result.RefreshToken === undefined ? {} : { refreshToken: result.RefreshToken }),
      ...(signInDetails === undefined ? {} : { signInDetails })
    }
    return tokens
  })

/**
 * The one completion path: store the tokens (all or nothing), clear the pending sign-in, read
 * the session back, publish `signedIn`, answer `DONE`.
 * @since 0.1.0
 */
export const complete = Effect.fn("SignInFlow.complete")(function* (
  result: NonNullable<AuthResponse["AuthenticationResult"]>,
  context: FlowContext
) {
  const tokens = yield* tokenSetFrom(result, context.username, context.signInDetails)
  const store = yield* TokenStore
  yield* store.store(tokens)
  if (result.NewDeviceMetadata !== undefined) yield* DeviceTracking.confirmNewDevice(result.NewDeviceMetadata, tokens)
  yield* (yield* SignInStateStore).clear
  // Amplify reads the user back before announcing it: a storage that kept nothing (cookies a
  // server could not set) is a failed sign-in, not a signed-in user who vanishes on the next call.
  const kept = yield* store.load
  if (Option.isNone(kept)) return yield* new UnexpectedSignInInterruptionException()
  yield* (yield* AuthEvents).publish({ event: "signedIn", data: CurrentUser.fromTokens(kept.value) })
  return NextStep.done
})

/**
 * Saves a challenge as the pending sign-in, so `confirmSignIn` can answer it (after a reload too).
 * @since 0.1.0
 */
export const savePending = Effect.fn("SignInFlow.savePending")(function* (
  challengeName: string,
  session: Redacted.Redacted<string> | undefined,
  context: FlowContext,
  extra?: Readonly<Record<string, string>>
) {
  const now = yield* Clock.currentTimeMillis
  yield* (yield* SignInStateStore).save({
    username: context.username,
    challengeName,
    ...(session === undefined ? {} : { session }),
    signInDetails: context.signInDetails,
    expiresAt: now + pendingLifetimeMillis,
    ...(extra === undefined ? {} : { context: extra })
  })
})

/**
 * Settles one Cognito answer: completes, answers automatic challenges, or returns the next step.
 * @since 0.1.0
 */
export const settle = (
  response: AuthResponse,
  context: FlowContext
): Effect.Effect<NextStep.SignInOutput, FlowError, FlowServices> =>
  Effect.gen(function* () {
    if (response.AuthenticationResult !== undefined) return yield* complete(response.AuthenticationResult, context)
    if (response.ChallengeName === "DEVICE_SRP_AUTH") {
      const answer = yield* DeviceTracking.answerDeviceChallenge(context.pool, context.username, response.Session)
      return yield* settle(answer, context)
    }
    if (response.ChallengeName === WebAuthn.name) {
      const answer = yield* WebAuthn.answer(context.pool, response, context.username)
      if (answer.ChallengeName === WebAuthn.name) return yield* WebAuthn.sequentialChallenge()
      return yield* settle(answer, context)
    }
    const challengeName = response.ChallengeName
    if (challengeName === undefined) {
      return yield* new SignInException({ message: "The service returned neither tokens nor a challenge." })
    }
    const challenge: NextStep.Challenge = {
      challengeName,
      parameters: response.ChallengeParameters ?? {},
      ...(response.AvailableChallenges === undefined ? {} : { availableChallenges: response.AvailableChallenges })
    }
    const mapping = yield* NextStep.fromChallenge(challenge)
    if (mapping._tag === "Step") {
      yield* savePending(challengeName, response.Session, context)
      return NextStep.pending(mapping.step)
    }
    // MFA_SETUP with TOTP as the only choice: Amplify associates a token right away.
    const association = yield* (yield* CognitoClient).call(
      AssociateSoftwareToken.operation,
      response.Session === undefined ? {} : { Session: response.Session }
    )
    const details = yield* TotpSetup.details(association.SecretCode, context.username)
    yield* savePending(challengeName, association.Session ?? response.Session, context, { mfaSetup: "TOTP" })
    return NextStep.pending({ signInStep: "CONTINUE_SIGN_IN_WITH_TOTP_SETUP", totpSetupDetails: details })
  })

/**
 * Amplify turns two service errors into steps instead of throwing them.
 * @since 0.1.0
 */
export const recoverServiceSteps = <A, E, R>(
  effect: Effect.Effect<A | NextStep.SignInOutput, E, R>
): Effect.Effect<A | NextStep.SignInOutput, E, R> =>
  Effect.catchIf(
    effect,
    (error): error is E & CognitoServiceError =>
      error instanceof CognitoServiceError &&
      (error.exception === "UserNotConfirmedException" || error.exception === "PasswordResetRequiredException"),
    (error) =>
      Effect.succeed(
        NextStep.pending({ signInStep: error.exception === "UserNotConfirmedException" ? "CONFIRM_SIGN_UP" : "RESET_PASSWORD" })
      )
  )

/** The pending sign-in, if any and not expired. @since 0.1.0 */
export const loadPending = Effect.flatMap(SignInStateStore, (store) => store.load)
