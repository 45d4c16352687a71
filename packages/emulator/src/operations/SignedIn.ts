/**
 * Living with tokens: GetTokensFromRefreshToken (refresh, rotating when the app client enables
 * it), RevokeToken (one token family), GlobalSignOut (every family of the user), GetUser,
 * ChangePassword and DeleteUser.
 *
 * @since 0.1.0
 */
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as ChangePassword from "@cognito-effect/domain/wire/ChangePassword"
import * as DeleteUser from "@cognito-effect/domain/wire/DeleteUser"
import * as GetTokensFromRefreshToken from "@cognito-effect/domain/wire/GetTokensFromRefreshToken"
import * as GetUser from "@cognito-effect/domain/wire/GetUser"
import * as GlobalSignOut from "@cognito-effect/domain/wire/GlobalSignOut"
import * as RevokeToken from "@cognito-effect/domain/wire/RevokeToken"
import * as Attributes from "../Attributes.js"
import { Backend } from "../Backend.js"
import * as CognitoException from "../CognitoException.js"
import * as Handler from "../Handler.js"
import * as Ids from "../Ids.js"
import * as Mfa from "../Mfa.js"
import * as Passwords from "../Passwords.js"
import * as SignIn from "../SignIn.js"
import * as Store from "../Store.js"
import * as Tokens from "../Tokens.js"

/** @since 0.1.0 */
export const getTokensFromRefreshToken = Handler.make(
  GetTokensFromRefreshToken.operation,
  Effect.fn("GetTokensFromRefreshToken")(function* (request) {
    const { state, client } = yield* SignIn.clientFor(request.ClientId)
    yield* SignIn.requireClientSecret(client, request.ClientSecret)
    const redeemed = yield* Tokens.redeem({ state, client, token: request.RefreshToken })
    const rotation = client.settings.RefreshTokenRotation
    const result = yield* Tokens.refresh({
      state,
      client,
      redeemed,
      rotate: rotation?.Feature === "ENABLED",
      graceSeconds: rotation?.RetryGracePeriodSeconds ?? 0
    })
    return { AuthenticationResult: result }
  }),
  { replayable: true }
)

/** @since 0.1.0 */
export const revokeToken = Handler.make(
  RevokeToken.operation,
  Effect.fn("RevokeToken")(function* (request) {
    const backend = yield* Backend
    const { client } = yield* SignIn.clientFor(request.ClientId)
    if (client.settings.EnableTokenRevocation === false) {
      return yield* Effect.fail(CognitoException.make("UnsupportedOperationException", "Token revocation is not enabled for this client."))
    }
    yield* SignIn.requireClientSecret(client, request.ClientSecret).pipe(
      Effect.mapError((error) => CognitoException.make("UnauthorizedException", error.message))
    )
    const token = Redacted.value(request.Token)
    if (token.split(".").length === 3) {
      return yield* Effect.fail(CognitoException.make("UnsupportedTokenTypeException", "Only refresh tokens can be revoked."))
    }
    const record = backend.store.refreshTokens.get(Ids.digest(token))
    const origin = record === undefined ? undefined : backend.store.origins.get(record.originJti)
    // RFC 7009: revoking an unknown (or already revoked) token is a success.
    if (origin === undefined) return {}
    if (origin.clientId !== client.id) {
      return yield* Effect.fail(CognitoException.make("UnauthorizedException", "The token was not issued to this client."))
    }
    backend.store.revokeOrigin(origin.jti)
    return {}
  })
)

/** @since 0.1.0 */
export const globalSignOut = Handler.make(
  GlobalSignOut.operation,
  Effect.fn("GlobalSignOut")(function* (request) {
    const backend = yield* Backend
    const caller = yield* Tokens.authenticate(request.AccessToken)
    backend.store.revokeUserOrigins(caller.state.pool.id, caller.user.username)
    return {}
  })
)

/** @since 0.1.0 */
export const getUser = Handler.make(
  GetUser.operation,
  Effect.fn("GetUser")(function* (request) {
    const caller = yield* Tokens.authenticate(request.AccessToken)
    return {
      Username: caller.user.username,
      UserAttributes: Attributes.toList(Attributes.readable(caller.client, caller.user.attributes)),
      ...Mfa.describeUser(caller.user)
    }
  })
)

/**
 * ChangePassword: the previous password must be right (wrong ones count towards the lockout,
 * which answers LimitExceededException here), the new one must meet the policy.
 * @since 0.1.0
 */
export const changePassword = Handler.make(
  ChangePassword.operation,
  Effect.fn("ChangePassword")(function* (request) {
    const backend = yield* Backend
    const caller = yield* Tokens.authenticate(request.AccessToken)
    const now = yield* Clock.currentTimeMillis
    if (caller.user.failedSignIns.lockedUntil > now) {
      return yield* Effect.fail(CognitoException.limitExceeded())
    }
    if (caller.user.password !== undefined) {
      const previous = request.PreviousPassword
      const right = previous !== undefined && (yield* Passwords.matches({ pool: caller.state.pool, user: caller.user, password: previous }))
      if (!right) {
        yield* SignIn.recordFailure(caller.state, caller.user.username)
        return yield* Effect.fail(CognitoException.incorrectCredentials())
      }
    }
    const violation = Passwords.violation(Passwords.policyOf(caller.state.pool), request.ProposedPassword)
    if (Option.isSome(violation)) return yield* Effect.fail(violation.value)
    const password = yield* Passwords.credential({
      pool: caller.state.pool,
      username: caller.user.username,
      password: request.ProposedPassword,
      temporary: false,
      now
    })
    const current = backend.store.findUser(caller.state, caller.user.username) ?? caller.user
    backend.store.putUser(caller.state, { ...current, password, failedSignIns: Store.noFailedSignIns, modifiedAt: now })
    return {}
  })
)

/** DeleteUser: the user deletes themselves; every session ends. @since 0.1.0 */
export const deleteUser = Handler.make(
  DeleteUser.operation,
  Effect.fn("DeleteUser")(function* (request) {
    const backend = yield* Backend
    const caller = yield* Tokens.authenticate(request.AccessToken)
    backend.store.deleteUser(caller.state, caller.user)
    return {}
  })
)

/** @since 0.1.0 */
export const handlers: ReadonlyArray<Handler.Any> = [
  getTokensFromRefreshToken,
  revokeToken,
  globalSignOut,
  getUser,
  changePassword,
  deleteUser
]
