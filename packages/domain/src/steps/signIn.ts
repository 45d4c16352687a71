/**
 * `signIn`: starts a sign-in with one of Amplify's flows and settles Cognito's first answer.
 * Checks run in Amplify's order: already signed in → configuration → username → password.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import { EmptyUserIdForSRPException, UserAlreadyAuthenticatedException, validationError } from "../AuthError.js"
import * as AuthConfig from "../AuthConfig.js"
import * as AwsJson from "../AwsJson.js"
import * as PasswordVerifier from "../challenges/PasswordVerifier.js"
import * as DeviceTracking from "../DeviceTracking.js"
import * as SignInFlow from "../SignInFlow.js"
import { AutoSignInState } from "../services/AutoSignInState.js"
import { CognitoClient } from "../services/CognitoClient.js"
import { SignInStateStore } from "../services/SignInStateStore.js"
import { TokenStore } from "../services/TokenStore.js"
import * as UserContextData from "../services/UserContextData.js"
import * as InitiateAuth from "../wire/InitiateAuth.js"
import * as RespondToAuthChallenge from "../wire/RespondToAuthChallenge.js"

/** Amplify's `AuthFlowType`. @since 0.1.0 */
export type AuthFlowType = "USER_SRP_AUTH" | "USER_PASSWORD_AUTH" | "CUSTOM_WITH_SRP" | "CUSTOM_WITHOUT_SRP" | "USER_AUTH"

/** Amplify's `AuthFactorType`. @since 0.1.0 */
export type AuthFactorType = "WEB_AUTHN" | "EMAIL_OTP" | "SMS_OTP" | "PASSWORD" | "PASSWORD_SRP"

/** @since 0.1.0 */
export interface SignInOptions {
  readonly authFlowType?: AuthFlowType
  readonly clientMetadata?: Readonly<Record<string, string>>
  readonly preferredChallenge?: AuthFactorType
}

/** @since 0.1.0 */
export interface SignInInput {
  readonly username: string
  readonly password?: Redacted.Redacted<string> | string
  readonly options?: SignInOptions
  /** A `Session` from `SignUp`/`ConfirmSignUp`, used by auto sign-in with `USER_AUTH`. */
  readonly session?: Redacted.Redacted<string>
}

const secretOf = (password: SignInInput["password"]): Redacted.Redacted<string> | undefined =>
  password === undefined ? undefined : Redacted.isRedacted(password) ? password : Redacted.make(password)

const isEmpty = (value: Redacted.Redacted<string> | undefined) => value === undefined || Redacted.value(value) === ""

const params = (entries: Record<string, string | Redacted.Redacted<string> | undefined>) => {
  const record: Record<string, Redacted.Redacted<string>> = {}
  for (const [key, value] of Object.entries(entries)) {
    if (value !== undefined) record[key] = Redacted.isRedacted(value) ? value : Redacted.make(value)
  }
  return record
}

/** Throws `UserAlreadyAuthenticatedException` when a session is stored. @since 0.1.0 */
export const assertSignedOut = Effect.gen(function* () {
  const tokens = yield* (yield* TokenStore).load
  if (Option.isSome(tokens)) return yield* new UserAlreadyAuthenticatedException()
})

/**
 * Runs the SRP half of a flow: `InitiateAuth` with `SRP_A`, then the password proof when Cognito
 * answers `PASSWORD_VERIFIER`.
 */
const srpFlow = (
  pool: AuthConfig.UserPoolConfig,
  input: SignInInput,
  password: Redacted.Redacted<string>,
  authFlow: "USER_SRP_AUTH" | "CUSTOM_AUTH" | "USER_AUTH",
  extraParameters: Record<string, string>,
  context: SignInFlow.FlowContext
) =>
  Effect.gen(function* () {
    const client = yield* CognitoClient
    const ephemeral = yield* PasswordVerifier.start
    const first = yield* client.call(InitiateAuth.operation, {
      AuthFlow: authFlow,
      ClientId: pool.userPoolClientId,
      AuthParameters: params({ USERNAME: input.username, SRP_A: ephemeral.srpA, ...extraParameters }),
      ...(input.options?.clientMetadata === undefined ? {} : { ClientMetadata: input.options.clientMetadata }),
      ...(input.session === undefined ? {} : { Session: input.session }),
      ...(yield* UserContextData.member(pool, input.username))
    })
    return yield* answerPasswordVerifier(pool, first, ephemeral, password, context, input.options?.clientMetadata)
  })

/**
 * Answers a `PASSWORD_VERIFIER` challenge (anything else is settled as it is).
 * @since 0.1.0
 */
export const answerPasswordVerifier = (
  pool: AuthConfig.UserPoolConfig,
  response: SignInFlow.AuthResponse,
  ephemeral: PasswordVerifier.Ephemeral,
  password: Redacted.Redacted<string>,
  context: SignInFlow.FlowContext,
  clientMetadata: Readonly<Record<string, string>> | undefined
) =>
  Effect.gen(function* () {
    const active = { ...context, username: SignInFlow.activeUsername(response, context.username) }
    if (response.ChallengeName !== "PASSWORD_VERIFIER") return yield* SignInFlow.settle(response, active)
    const parameters = response.ChallengeParameters ?? {}
    const userId = parameters["USER_ID_FOR_SRP"]
    if (userId === undefined) {
      return yield* new EmptyUserIdForSRPException()
    }
    const device = yield* (yield* TokenStore).getDeviceMetadata(userId)
    const proof = yield* PasswordVerifier.respond(parameters, ephemeral, { poolName: pool.poolName, userId, password })
    const answer = yield* DeviceTracking.forgetIfGone(userId, (yield* CognitoClient).call(RespondToAuthChallenge.operation, {
      ChallengeName: "PASSWORD_VERIFIER",
      ClientId: pool.userPoolClientId,
      ChallengeResponses: params({
        USERNAME: userId,
        ...proof,
        DEVICE_KEY: Option.isSome(device) ? device.value.deviceKey : undefined
      }),
      ...(response.Session === undefined ? {} : { Session: response.Session }),
      ...(clientMetadata === undefined ? {} : { ClientMetadata: clientMetadata }),
      ...(yield* UserContextData.member(pool, userId))
    }))
    return yield* SignInFlow.settle(answer, active)
  })

/** @since 0.1.0 */
export const signIn = Effect.fn("signIn")(function* (input: SignInInput) {
  yield* assertSignedOut
  const pool = yield* AuthConfig.userPool
  if (!input.username) return yield* validationError("EmptySignInUsername")
  const flow = input.options?.authFlowType ?? "USER_SRP_AUTH"
  const password = secretOf(input.password)
  const preferred = input.options?.preferredChallenge ?? (flow === "USER_AUTH" ? pool.passwordless?.preferredChallenge : undefined)
  if (flow === "CUSTOM_WITHOUT_SRP") {
    if (!isEmpty(password)) return yield* validationError("CustomAuthSignInPassword")
  } else if (flow !== "USER_AUTH" || preferred === "PASSWORD" || preferred === "PASSWORD_SRP") {
    if (isEmpty(password)) return yield* validationError("EmptySignInPassword")
  }
  if (flow === "USER_AUTH" && (preferred === "EMAIL_OTP" || preferred === "SMS_OTP" || preferred === "WEB_AUTHN") && pool.passwordless !== undefined) {
    const enabled =
      preferred === "EMAIL_OTP" ? pool.passwordless.emailOtpEnabled : preferred === "SMS_OTP" ? pool.passwordless.smsOtpEnabled : pool.passwordless.webAuthn !== undefined
    if (enabled !== true) return yield* validationError("InvalidPreferredChallenge")
  }
  // Untyped callers: SRP turns the password into a number, so it must be text even when it is
  // never sent; refused as Cognito refuses a non-string PASSWORD.
  if (password !== undefined && typeof Redacted.value(password) !== "string") {
    return yield* AwsJson.invalidMember(InitiateAuth.operation, "AuthParameters.PASSWORD", Redacted.value(password))
  }
  // Likewise the username: it names storage keys (device lookup) before any request is sent.
  if (typeof input.username !== "string") {
    return yield* AwsJson.invalidMember(InitiateAuth.operation, "AuthParameters.USERNAME", input.username)
  }

  yield* (yield* AutoSignInState).reset
  yield* (yield* SignInStateStore).clear
  const context: SignInFlow.FlowContext = {
    pool,
    username: input.username,
    signInDetails: { loginId: input.username, authFlowType: flow }
  }
  const client = yield* CognitoClient
  const clientMetadata = input.options?.clientMetadata === undefined ? {} : { ClientMetadata: input.options.clientMetadata }

  const run = Effect.gen(function* () {
    switch (flow) {
      case "USER_SRP_AUTH":
        return yield* srpFlow(pool, input, password!, "USER_SRP_AUTH", {}, context)
      case "CUSTOM_WITH_SRP":
        return yield* srpFlow(pool, input, password!, "CUSTOM_AUTH", { CHALLENGE_NAME: "SRP_A" }, context)
      case "USER_PASSWORD_AUTH": {
        const device = yield* (yield* TokenStore).getDeviceMetadata(input.username)
        const response = yield* client.call(InitiateAuth.operation, {
          AuthFlow: "USER_PASSWORD_AUTH",
          ClientId: pool.userPoolClientId,
          AuthParameters: params({
            USERNAME: input.username,
            PASSWORD: password,
            DEVICE_KEY: Option.isSome(device) ? device.value.deviceKey : undefined
          }),
          ...clientMetadata,
          ...(yield* UserContextData.member(pool, input.username))
        })
        const parameters = response.ChallengeParameters ?? {}
        const username = parameters["USERNAME"] ?? parameters["USER_ID_FOR_SRP"] ?? input.username
        return yield* SignInFlow.settle(response, { ...context, username })
      }
      case "CUSTOM_WITHOUT_SRP": {
        const device = yield* (yield* TokenStore).getDeviceMetadata(input.username)
        const response = yield* client.call(InitiateAuth.operation, {
          AuthFlow: "CUSTOM_AUTH",
          ClientId: pool.userPoolClientId,
          AuthParameters: params({
            USERNAME: input.username,
            DEVICE_KEY: Option.isSome(device) ? device.value.deviceKey : undefined
          }),
          ...clientMetadata,
          ...(yield* UserContextData.member(pool, input.username))
        })
        return yield* SignInFlow.settle(response, { ...context, username: SignInFlow.activeUsername(response, input.username) })
      }
      case "USER_AUTH": {
        if (preferred === "PASSWORD_SRP") {
          return yield* srpFlow(pool, input, password!, "USER_AUTH", { PREFERRED_CHALLENGE: "PASSWORD_SRP" }, context)
        }
        const response = yield* client.call(InitiateAuth.operation, {
          AuthFlow: "USER_AUTH",
          ClientId: pool.userPoolClientId,
          AuthParameters: params({
            USERNAME: input.username,
            PREFERRED_CHALLENGE: preferred,
            PASSWORD: preferred === "PASSWORD" ? password : undefined
          }),
          ...clientMetadata,
          ...(input.session === undefined ? {} : { Session: input.session }),
          ...(yield* UserContextData.member(pool, input.username))
        })
        // USER_AUTH keeps the typed username unless Cognito names the user.
        return yield* SignInFlow.settle(response, { ...context, username: SignInFlow.activeUsername(response, input.username) })
      }
    }
  })
  return yield* SignInFlow.recoverServiceSteps(DeviceTracking.retryWithoutDevice(input.username, run))
})
