/**
 * MFA operations: the pool's configuration (SetUserPoolMfaConfig, GetUserPoolMfaConfig), a
 * user's factors (SetUserMFAPreference, AdminSetUserMFAPreference) and TOTP enrolment
 * (AssociateSoftwareToken, VerifySoftwareToken) with an access token or, during sign-in, the
 * MFA_SETUP session.
 *
 * Enrolment keeps the new secret pending until a code from it is verified; only then does it
 * replace the user's authenticator. With a session, verifying also enables TOTP for the user and
 * answers a session that completes MFA_SETUP. A wrong code is `EnableSoftwareTokenMFAException`
 * (never `Status: "ERROR"`), and the session can be used again.
 *
 * @since 0.1.0
 */
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Redacted from "effect/Redacted"
import * as AdminSetUserMFAPreference from "@cognito-effect/domain/wire/AdminSetUserMFAPreference"
import * as AssociateSoftwareToken from "@cognito-effect/domain/wire/AssociateSoftwareToken"
import * as GetUserPoolMfaConfig from "@cognito-effect/domain/wire/GetUserPoolMfaConfig"
import * as SetUserMFAPreference from "@cognito-effect/domain/wire/SetUserMFAPreference"
import * as SetUserPoolMfaConfig from "@cognito-effect/domain/wire/SetUserPoolMfaConfig"
import * as VerifySoftwareToken from "@cognito-effect/domain/wire/VerifySoftwareToken"
import { Backend } from "../Backend.js"
import * as MfaChallenges from "../challenges/Mfa.js"
import * as CognitoException from "../CognitoException.js"
import * as Handler from "../Handler.js"
import * as Mfa from "../Mfa.js"
import * as Passkeys from "../Passkeys.js"
import * as SignIn from "../SignIn.js"
import type * as Store from "../Store.js"
import * as Tokens from "../Tokens.js"
import * as Users from "../Users.js"
import { poolState } from "./UserPools.js"

const setupChallenge = "MFA_SETUP"

const totpNotEnabled = () =>
  CognitoException.make("SoftwareTokenMFANotFoundException", "Software token MFA is not enabled for the user pool.")

const notAssociated = () =>
  CognitoException.make("SoftwareTokenMFANotFoundException", "No software token is associated with the user: call AssociateSoftwareToken first.")

const mismatch = () => CognitoException.make("EnableSoftwareTokenMFAException", "Code mismatch and fail enable Software Token MFA")

const badUserCode = (code: string) =>
  /^[0-9]{6}$/.test(code)
    ? undefined
    : CognitoException.invalidParameter(
      "1 validation error detected: Value at 'userCode' failed to satisfy constraint: Member must be 6 digits ([0-9]{6})"
    )

/** The MFA_SETUP sign-in behind a `Session`, taken (it answers once, or is put back on a retryable error). */
const setupSession = (token: Redacted.Redacted<string>) =>
  Effect.gen(function* () {
    const backend = yield* Backend
    const now = yield* Clock.currentTimeMillis
    const session = backend.sessions.take(Redacted.value(token), now)
    if (session === "Expired") return yield* Effect.fail(CognitoException.expiredSession())
    if (session === "Missing") return yield* Effect.fail(CognitoException.invalidSession())
    if (session.challenge !== setupChallenge || session.decoy === true) {
      backend.sessions.put(session, now)
      return yield* Effect.fail(CognitoException.invalidSession())
    }
    const state = backend.store.pools.get(session.poolId)
    const client = state?.clients.get(session.clientId)
    const user = state === undefined ? undefined : backend.store.findUser(state, session.username)
    if (state === undefined || client === undefined || user === undefined) return yield* Effect.fail(CognitoException.invalidSession())
    const attempt: SignIn.Attempt = {
      state,
      client,
      user,
      flow: session.flow,
      passed: session.passed,
      ...(session.deviceKey !== undefined ? { deviceKey: session.deviceKey } : {})
    }
    return { session, attempt }
  })

const withPending = (user: Store.User, token: Store.SoftwareToken): Store.User => ({
  ...user,
  mfa: { ...Mfa.settingsOf(user), pendingSoftwareToken: token }
})

/** The user with the pending authenticator verified at `step`: it replaces any earlier one. */
const promote = (user: Store.User, pending: Store.SoftwareToken, step: number, friendlyName: string | undefined): Store.User => {
  const { pendingSoftwareToken: _verified, ...settings } = Mfa.settingsOf(user)
  const softwareToken: Store.SoftwareToken = {
    ...pending,
    lastStep: step,
    ...(friendlyName !== undefined ? { friendlyName } : {})
  }
  return { ...user, mfa: { ...settings, softwareToken } }
}

/** @since 0.1.0 */
export const associateSoftwareToken = Handler.make(
  AssociateSoftwareToken.operation,
  Effect.fn("AssociateSoftwareToken")(function* (request) {
    const backend = yield* Backend
    const now = yield* Clock.currentTimeMillis
    if (request.AccessToken !== undefined) {
      const caller = yield* Tokens.authenticate(request.AccessToken)
      if (!Mfa.offered(caller.state.pool).includes("SOFTWARE_TOKEN_MFA")) return yield* Effect.fail(totpNotEnabled())
      const token = yield* Mfa.newSoftwareToken(now)
      backend.store.putUser(caller.state, withPending(caller.user, token))
      return { SecretCode: token.secret }
    }
    if (request.Session !== undefined) {
      const { attempt, session } = yield* setupSession(request.Session)
      if (!Mfa.offered(attempt.state.pool).includes("SOFTWARE_TOKEN_MFA")) {
        return yield* MfaChallenges.retry(session, totpNotEnabled(), false)
      }
      const token = yield* Mfa.newSoftwareToken(now)
      backend.store.putUser(attempt.state, withPending(attempt.user, token))
      const next = yield* SignIn.openSession(attempt, setupChallenge)
      return { SecretCode: token.secret, Session: Redacted.make(next) }
    }
    return yield* Effect.fail(CognitoException.invalidParameter("Either AccessToken or Session is required."))
  })
)

/** @since 0.1.0 */
export const verifySoftwareToken = Handler.make(
  VerifySoftwareToken.operation,
  Effect.fn("VerifySoftwareToken")(function* (request) {
    const backend = yield* Backend
    const now = yield* Clock.currentTimeMillis
    const code = Redacted.value(request.UserCode)
    if (request.AccessToken !== undefined) {
      const malformed = badUserCode(code)
      if (malformed !== undefined) return yield* Effect.fail(malformed)
      const caller = yield* Tokens.authenticate(request.AccessToken)
      const pending = Mfa.settingsOf(caller.user).pendingSoftwareToken
      if (pending === undefined) return yield* Effect.fail(notAssociated())
      const check = Mfa.checkTotp(pending, code, now)
      if (check._tag !== "Accepted") return yield* Effect.fail(mismatch())
      backend.store.putUser(caller.state, { ...promote(caller.user, pending, check.step, request.FriendlyDeviceName), modifiedAt: now })
      return { Status: "SUCCESS" as const }
    }
    if (request.Session !== undefined) {
      const { attempt, session } = yield* setupSession(request.Session)
      const malformed = badUserCode(code)
      if (malformed !== undefined) return yield* MfaChallenges.retry(session, malformed, false)
      const current = backend.store.findUser(attempt.state, attempt.user.username) ?? attempt.user
      const pending = Mfa.settingsOf(current).pendingSoftwareToken
      if (pending === undefined) return yield* MfaChallenges.retry(session, notAssociated(), false)
      const check = Mfa.checkTotp(pending, code, now)
      if (check._tag !== "Accepted") return yield* MfaChallenges.retry(session, mismatch())
      const user = Mfa.enable({ ...promote(current, pending, check.step, request.FriendlyDeviceName), modifiedAt: now }, "SOFTWARE_TOKEN_MFA")
      backend.store.putUser(attempt.state, user)
      const next = yield* SignIn.openSession(
        { ...attempt, user, passed: [...attempt.passed, MfaChallenges.softwareTokenSetUp] },
        setupChallenge
      )
      return { Status: "SUCCESS" as const, Session: Redacted.make(next) }
    }
    return yield* Effect.fail(CognitoException.invalidParameter("Either AccessToken or Session is required."))
  })
)

const preferencesOf = (request: {
  readonly SMSMfaSettings?: Mfa.Settings | undefined
  readonly SoftwareTokenMfaSettings?: Mfa.Settings | undefined
  readonly EmailMfaSettings?: Mfa.Settings | undefined
}): Mfa.Preferences => ({
  ...(request.SMSMfaSettings !== undefined ? { SMS_MFA: request.SMSMfaSettings } : {}),
  ...(request.SoftwareTokenMfaSettings !== undefined ? { SOFTWARE_TOKEN_MFA: request.SoftwareTokenMfaSettings } : {}),
  ...(request.EmailMfaSettings !== undefined ? { EMAIL_OTP: request.EmailMfaSettings } : {})
})

const savePreferences = (state: Store.PoolState, user: Store.User, preferences: Mfa.Preferences) =>
  Effect.gen(function* () {
    const backend = yield* Backend
    const now = yield* Clock.currentTimeMillis
    const settings = yield* Either.match(Mfa.applyPreferences(state.pool, user, preferences), {
      onLeft: Effect.fail,
      onRight: Effect.succeed
    })
    backend.store.putUser(state, { ...user, mfa: settings, modifiedAt: now })
    return {}
  })

/** @since 0.1.0 */
export const setUserMFAPreference = Handler.make(
  SetUserMFAPreference.operation,
  Effect.fn("SetUserMFAPreference")(function* (request) {
    const caller = yield* Tokens.authenticate(request.AccessToken)
    return yield* savePreferences(caller.state, caller.user, preferencesOf(request))
  })
)

/** @since 0.1.0 */
export const adminSetUserMFAPreference = Handler.make(
  AdminSetUserMFAPreference.operation,
  Effect.fn("AdminSetUserMFAPreference")(function* (request) {
    const state = yield* poolState(request.UserPoolId)
    const user = yield* Users.lookup(state, request.Username)
    return yield* savePreferences(state, user, preferencesOf(request))
  })
)

/** @since 0.1.0 */
export const setUserPoolMfaConfig = Handler.make(
  SetUserPoolMfaConfig.operation,
  Effect.fn("SetUserPoolMfaConfig")(function* (request) {
    const backend = yield* Backend
    const state = yield* poolState(request.UserPoolId)
    const now = yield* Clock.currentTimeMillis
    const configured = yield* Either.match(Mfa.configure(state.pool, request, now), { onLeft: Effect.fail, onRight: Effect.succeed })
    const pool = Passkeys.configure(configured, request.WebAuthnConfiguration)
    backend.store.putPool(pool)
    return { ...Mfa.describePool(pool), ...Passkeys.describe(pool) }
  })
)

/** @since 0.1.0 */
export const getUserPoolMfaConfig = Handler.make(
  GetUserPoolMfaConfig.operation,
  Effect.fn("GetUserPoolMfaConfig")(function* (request) {
    const state = yield* poolState(request.UserPoolId)
    return { ...Mfa.describePool(state.pool), ...Passkeys.describe(state.pool) }
  })
)

/** @since 0.1.0 */
export const handlers: ReadonlyArray<Handler.Any> = [
  associateSoftwareToken,
  verifySoftwareToken,
  setUserMFAPreference,
  adminSetUserMFAPreference,
  setUserPoolMfaConfig,
  getUserPoolMfaConfig
]
