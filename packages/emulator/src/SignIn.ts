/**
 * The machinery every sign-in path shares: the app client and its allowed flows, SECRET_HASH,
 * finding the user (or not, when the client hides user existence), the checks before a password
 * is even tried, Cognito's lockout after failed passwords, challenge sessions, and the one
 * completion path that mints tokens.
 *
 * A sign-in is an `Attempt` that collects passed factors; `Challenges.advance` asks each
 * registered stage whether it still needs a challenge and mints tokens when none does.
 *
 * @since 0.1.0
 */
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import type { SecureRandom } from "@cognito-effect/domain/services/SecureRandom"
import type * as InitiateAuth from "@cognito-effect/domain/wire/InitiateAuth"
import type * as RespondToAuthChallenge from "@cognito-effect/domain/wire/RespondToAuthChallenge"
import * as NodeCrypto from "node:crypto"
import { Backend } from "./Backend.js"
import * as CognitoException from "./CognitoException.js"
import * as Devices from "./Devices.js"
import * as Ids from "./Ids.js"
import type * as Sessions from "./Sessions.js"
import * as Store from "./Store.js"
import * as Tokens from "./Tokens.js"

/** What InitiateAuth and RespondToAuthChallenge answer. @since 0.1.0 */
export type AuthResponse = InitiateAuth.Response

/** A sign-in in progress. @since 0.1.0 */
export interface Attempt {
  readonly state: Store.PoolState
  readonly client: Store.Client
  readonly user: Store.User
  readonly flow: string
  /** factors passed so far: `PASSWORD`, `NEW_PASSWORD_REQUIRED`, `CUSTOM_CHALLENGE`, … */
  readonly passed: ReadonlyArray<string>
  /** the device the client named with `DEVICE_KEY`, if any */
  readonly deviceKey?: string
}

/** A step of sign-in that may demand a challenge (new password, custom challenge, later MFA, …). @since 0.1.0 */
export interface Stage {
  readonly name: string
  readonly required: (attempt: Attempt) => boolean
  readonly challenge: (attempt: Attempt) => Effect.Effect<AuthResponse, CognitoException.CognitoException, Backend | SecureRandom>
}

/** The outcome of answering a challenge: continue the sign-in, or answer right away (another try). @since 0.1.0 */
export type Step =
  | { readonly _tag: "Continue"; readonly attempt: Attempt }
  | { readonly _tag: "Respond"; readonly response: AuthResponse }

/** Answers one challenge name. @since 0.1.0 */
export interface Responder {
  /** where the session id is found; the `Session` member unless said otherwise */
  readonly sessionKey?: (responses: Readonly<Record<string, string>>) => string | undefined
  readonly respond: (input: {
    readonly session: Sessions.ChallengeSession
    readonly attempt: Attempt
    readonly responses: Readonly<Record<string, string>>
    readonly request: RespondToAuthChallenge.Request
  }) => Effect.Effect<Step, CognitoException.CognitoException, Backend | SecureRandom>
}

/** `ChallengeResponses` / `AuthParameters` with their values revealed, for reading. @since 0.1.0 */
export const reveal = (
  record: Readonly<Record<string, Redacted.Redacted<string>>> | undefined
): Record<string, string> => {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(record ?? {})) out[name] = Redacted.value(value)
  return out
}

/** A required member of `AuthParameters` / `ChallengeResponses`. @since 0.1.0 */
export const requireParameter = (
  record: Readonly<Record<string, string>>,
  name: string
): Effect.Effect<string, CognitoException.CognitoException> =>
  record[name] !== undefined && record[name] !== ""
    ? Effect.succeed(record[name])
    : Effect.fail(CognitoException.invalidParameter(`Missing required parameter ${name}`))

/** The pool and app client of a client id. @since 0.1.0 */
export const clientFor = (clientId: string) =>
  Effect.flatMap(Backend, (backend) => {
    const found = backend.store.findClient(clientId)
    return found === undefined ? Effect.fail(CognitoException.clientNotFound(clientId)) : Effect.succeed(found)
  })

const defaultFlows = ["ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_CUSTOM_AUTH"]

const flowPermissions: Record<string, ReadonlyArray<string>> = {
  USER_SRP_AUTH: ["ALLOW_USER_SRP_AUTH"],
  USER_PASSWORD_AUTH: ["ALLOW_USER_PASSWORD_AUTH", "USER_PASSWORD_AUTH"],
  CUSTOM_AUTH: ["ALLOW_CUSTOM_AUTH", "CUSTOM_AUTH_FLOW_ONLY"],
  REFRESH_TOKEN_AUTH: ["ALLOW_REFRESH_TOKEN_AUTH", "USER_PASSWORD_AUTH", "CUSTOM_AUTH_FLOW_ONLY", "ADMIN_NO_SRP_AUTH"],
  USER_AUTH: ["ALLOW_USER_AUTH"]
}

/** Fails unless the app client allows `flow`. @since 0.1.0 */
export const requireFlow = (client: Store.Client, flow: string): Effect.Effect<void, CognitoException.CognitoException> => {
  const configured = client.settings.ExplicitAuthFlows ?? []
  const allowed = configured.length === 0 ? defaultFlows : configured
  return (flowPermissions[flow] ?? []).some((permission) => allowed.includes(permission as never))
    ? Effect.void
    : Effect.fail(CognitoException.invalidParameter(`${flow} flow not enabled for this client`))
}

/** `Base64(HMAC-SHA256(clientSecret, username + clientId))`. @since 0.1.0 */
export const secretHash = (secret: string, username: string, clientId: string): string =>
  NodeCrypto.createHmac("sha256", secret).update(username + clientId).digest("base64")

/**
 * Checks SECRET_HASH for a client with a secret: it must match one of the user's names (the one
 * typed or the canonical one). Clients without a secret ignore it.
 * @since 0.1.0
 */
export const requireSecretHash = (
  client: Store.Client,
  names: ReadonlyArray<string>,
  provided: string | undefined
): Effect.Effect<void, CognitoException.CognitoException> => {
  if (client.secret === undefined) return Effect.void
  if (provided === undefined || provided === "") {
    return Effect.fail(CognitoException.notAuthorized(`Client ${client.id} is configured for secret but secret was not received`))
  }
  const secret = Redacted.value(client.secret)
  return names.some((name) => Ids.constantTimeEqual(secretHash(secret, name, client.id), provided))
    ? Effect.void
    : Effect.fail(CognitoException.notAuthorized(`Unable to verify secret hash for client ${client.id}`))
}

/** Checks the raw `ClientSecret` of RevokeToken / GetTokensFromRefreshToken. @since 0.1.0 */
export const requireClientSecret = (
  client: Store.Client,
  provided: Redacted.Redacted<string> | undefined
): Effect.Effect<void, CognitoException.CognitoException> => {
  if (client.secret === undefined) return Effect.void
  if (provided === undefined) {
    return Effect.fail(CognitoException.notAuthorized(`Client ${client.id} is configured for secret but secret was not received`))
  }
  return Ids.constantTimeEqual(Redacted.value(client.secret), Redacted.value(provided))
    ? Effect.void
    : Effect.fail(CognitoException.notAuthorized(`Unable to verify secret hash for client ${client.id}`))
}

/** Whether the client hides whether a user exists (`PreventUserExistenceErrors: ENABLED`). @since 0.1.0 */
export const hidesUsers = (client: Store.Client): boolean => client.settings.PreventUserExistenceErrors === "ENABLED"

/**
 * The user a code-confirming request names (ConfirmSignUp, ConfirmForgotPassword), after the
 * client's SECRET_HASH check; an unknown user is `UserNotFoundException`, or `CodeMismatchException`
 * when the client hides whether users exist.
 * @since 0.1.0
 */
export const userForCode = (clientId: string, username: string, providedSecretHash: Redacted.Redacted<string> | undefined) =>
  Effect.gen(function* () {
    const backend = yield* Backend
    const { state, client } = yield* clientFor(clientId)
    const found = backend.store.findUser(state, username)
    const provided = providedSecretHash === undefined ? undefined : Redacted.value(providedSecretHash)
    yield* requireSecretHash(client, [username, ...(found ? [found.username] : [])], provided)
    if (found === undefined) {
      return yield* Effect.fail(
        hidesUsers(client) ? CognitoException.codeMismatch() : CognitoException.userNotFound("Username/client id combination not found.")
      )
    }
    return { state, client, user: found }
  })

/** The error for an unknown user during sign-in, per the client's setting. @since 0.1.0 */
export const unknownUser = (client: Store.Client) =>
  hidesUsers(client) ? CognitoException.incorrectCredentials() : CognitoException.userNotFound()

/** Refusals that come before any password is tried. @since 0.1.0 */
export const requireUsable = (user: Store.User): Effect.Effect<void, CognitoException.CognitoException> => {
  if (user.status === "RESET_REQUIRED") {
    return Effect.fail(CognitoException.make("PasswordResetRequiredException", "Password reset required for the user"))
  }
  if (!user.enabled) return Effect.fail(CognitoException.notAuthorized("User is disabled."))
  return Effect.void
}

/** Refusals after a correct password: an unconfirmed user, an expired temporary password. @since 0.1.0 */
export const requireConfirmed = (state: Store.PoolState, user: Store.User) =>
  Effect.gen(function* () {
    const now = yield* Clock.currentTimeMillis
    if (user.status === "UNCONFIRMED") {
      return yield* Effect.fail(CognitoException.make("UserNotConfirmedException", "User is not confirmed."))
    }
    const password = user.password
    const validDays = state.pool.settings.Policies?.PasswordPolicy?.TemporaryPasswordValidityDays ?? 7
    if (password?.temporary === true && validDays > 0 && now > password.setAt + validDays * 86_400_000) {
      return yield* Effect.fail(
        CognitoException.notAuthorized("Temporary password has expired and must be reset by an administrator.")
      )
    }
  })

const fifteenMinutes = 15 * 60_000

/** Fails with "Password attempts exceeded" while the user is locked out. @since 0.1.0 */
export const requireNotLockedOut = (user: Store.User) =>
  Effect.flatMap(Clock.currentTimeMillis, (now) =>
    user.failedSignIns.lockedUntil > now
      ? Effect.fail(CognitoException.notAuthorized("Password attempts exceeded"))
      : Effect.void
  )

/**
 * Counts a wrong password: from the fifth, the user is locked out for 2^(n−5) s (at most 15
 * minutes). Fifteen quiet minutes start the count afresh.
 * @since 0.1.0
 */
export const recordFailure = (state: Store.PoolState, username: string) =>
  Effect.gen(function* () {
    const backend = yield* Backend
    const now = yield* Clock.currentTimeMillis
    const user = backend.store.findUser(state, username)
    if (user === undefined) return
    const previous = now - user.failedSignIns.lastAt > fifteenMinutes ? 0 : user.failedSignIns.count
    const count = previous + 1
    const lockedUntil = count >= 5 ? now + Math.min(2 ** (count - 5) * 1000, fifteenMinutes) : 0
    backend.store.putUser(state, { ...user, failedSignIns: { count, lockedUntil, lastAt: now } })
  })

/** Opens a session expecting `challenge`; returns its id. @since 0.1.0 */
export const openSession = (
  attempt: Attempt,
  challenge: string,
  extra: Partial<Pick<Sessions.ChallengeSession, "id" | "srp" | "custom" | "decoy" | "mfa" | "firstFactor" | "webAuthn">> = {}
) =>
  Effect.gen(function* () {
    const backend = yield* Backend
    const now = yield* Clock.currentTimeMillis
    const id = extra.id ?? (yield* Ids.base64(96))
    backend.sessions.put(
      {
        id,
        poolId: attempt.state.pool.id,
        clientId: attempt.client.id,
        username: attempt.user.username,
        flow: attempt.flow,
        challenge,
        passed: attempt.passed,
        expiresAt: now + (attempt.client.settings.AuthSessionValidity ?? 3) * 60_000,
        ...(attempt.deviceKey !== undefined ? { deviceKey: attempt.deviceKey } : {}),
        ...extra
      },
      now
    )
    return id
  })

/** The completion path: reset the lockout, open a token family, mint tokens. @since 0.1.0 */
export const succeed = (attempt: Attempt): Effect.Effect<AuthResponse, never, Backend | SecureRandom> =>
  Effect.gen(function* () {
    const backend = yield* Backend
    const current = backend.store.findUser(attempt.state, attempt.user.username) ?? attempt.user
    const user =
      current.failedSignIns.count === 0 ? current : { ...current, failedSignIns: Store.noFailedSignIns }
    if (user !== current) backend.store.putUser(attempt.state, user)
    const device = yield* Devices.atSignIn(attempt)
    const origin = yield* Tokens.openOrigin({ state: attempt.state, client: attempt.client, user, ...device.origin })
    const result = yield* Tokens.mint({ state: attempt.state, client: attempt.client, user, origin, withRefreshToken: true })
    return { ChallengeParameters: {}, AuthenticationResult: { ...result, ...device.result } }
  })
