/**
 * Users as administrators manage them: AdminCreateUser (temporary password →
 * NEW_PASSWORD_REQUIRED), AdminSetUserPassword, AdminConfirmSignUp, AdminGetUser,
 * AdminUpdateUserAttributes, AdminDeleteUser, AdminDisableUser, AdminEnableUser,
 * AdminResetUserPassword, ListUsers.
 *
 * @since 0.1.0
 */
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import * as AdminConfirmSignUp from "@cognito-effect/domain/wire/AdminConfirmSignUp"
import * as AdminCreateUser from "@cognito-effect/domain/wire/AdminCreateUser"
import * as AdminDeleteUser from "@cognito-effect/domain/wire/AdminDeleteUser"
import * as AdminDisableUser from "@cognito-effect/domain/wire/AdminDisableUser"
import * as AdminEnableUser from "@cognito-effect/domain/wire/AdminEnableUser"
import * as AdminGetUser from "@cognito-effect/domain/wire/AdminGetUser"
import * as AdminSetUserPassword from "@cognito-effect/domain/wire/AdminSetUserPassword"
import * as AdminUpdateUserAttributes from "@cognito-effect/domain/wire/AdminUpdateUserAttributes"
import * as ListUsers from "@cognito-effect/domain/wire/ListUsers"
import * as Operation from "@cognito-effect/domain/wire/Operation"
import * as Shapes from "@cognito-effect/domain/wire/Shapes"
import * as Attributes from "../Attributes.js"
import * as AttributeUpdates from "../AttributeUpdates.js"
import { Backend } from "../Backend.js"
import * as CognitoException from "../CognitoException.js"
import * as Codes from "../Codes.js"
import * as Handler from "../Handler.js"
import * as Mfa from "../Mfa.js"
import * as Passwords from "../Passwords.js"
import * as Store from "../Store.js"
import * as Users from "../Users.js"
import { poolState } from "./UserPools.js"

const orFail = <A>(either: Either.Either<A, CognitoException.CognitoException>) =>
  Either.match(either, { onLeft: Effect.fail, onRight: Effect.succeed })

const failIfSome = (option: Option.Option<CognitoException.CognitoException>) =>
  Option.match(option, { onNone: () => Effect.void, onSome: Effect.fail })

/** Sends the invitation (the temporary password) by the requested media the user can receive. */
const invite = (state: Store.PoolState, user: Store.User, password: Redacted.Redacted<string>, mediums: ReadonlyArray<string>) =>
  Effect.forEach(mediums, (medium) => {
    const delivery = medium === "EMAIL" ? Codes.viaEmail(user) : Codes.viaSms(user)
    return delivery === undefined
      ? Effect.void
      : Codes.deliver({ poolId: state.pool.id, user, code: Redacted.value(password), purpose: "TEMPORARY_PASSWORD", delivery })
  }, { discard: true })

/** @since 0.1.0 */
export const adminCreateUser = Handler.make(
  AdminCreateUser.operation,
  Effect.fn("AdminCreateUser")(function* (request) {
    const backend = yield* Backend
    const state = yield* poolState(request.UserPoolId)
    const now = yield* Clock.currentTimeMillis
    const policy = Passwords.policyOf(state.pool)
    const password = request.TemporaryPassword ?? (yield* Passwords.temporary(policy))
    yield* failIfSome(Passwords.violation(policy, password))
    const mediums = request.DesiredDeliveryMediums ?? ["SMS"]
    if (request.MessageAction === "RESEND") {
      const existing = yield* Users.lookup(state, request.Username)
      if (existing.status !== "FORCE_CHANGE_PASSWORD") {
        return yield* Effect.fail(CognitoException.make("UnsupportedUserStateException", "Resend not possible. User status is " + existing.status))
      }
      const credential = yield* Passwords.credential({ pool: state.pool, username: existing.username, password, temporary: true, now })
      const user = { ...existing, password: credential, modifiedAt: now }
      backend.store.putUser(state, user)
      yield* invite(state, user, password, mediums)
      return { User: Users.describe(user) }
    }
    const written = yield* orFail(Attributes.validate(state.pool, request.UserAttributes ?? [], { _tag: "Admin" }, "create"))
    // Required attributes may be missing: NEW_PASSWORD_REQUIRED asks the user for them.
    const created = yield* Users.make({ state, typed: request.Username, attributes: written, status: "FORCE_CHANGE_PASSWORD", now })
    yield* Users.claimAliases(state, created, request.ForceAliasCreation ?? false)
    const credential = yield* Passwords.credential({ pool: state.pool, username: created.username, password, temporary: true, now })
    const user = { ...created, password: credential }
    backend.store.putUser(state, user)
    if (request.MessageAction !== "SUPPRESS") yield* invite(state, user, password, mediums)
    return { User: Users.describe(user) }
  })
)

/** @since 0.1.0 */
export const adminSetUserPassword = Handler.make(
  AdminSetUserPassword.operation,
  Effect.fn("AdminSetUserPassword")(function* (request) {
    const backend = yield* Backend
    const state = yield* poolState(request.UserPoolId)
    const user = yield* Users.lookup(state, request.Username)
    const now = yield* Clock.currentTimeMillis
    yield* failIfSome(Passwords.violation(Passwords.policyOf(state.pool), request.Password))
    const permanent = request.Permanent ?? false
    const password = yield* Passwords.credential({ pool: state.pool, username: user.username, password: request.Password, temporary: !permanent, now })
    backend.store.putUser(state, {
      ...user,
      password,
      status: permanent ? "CONFIRMED" : "FORCE_CHANGE_PASSWORD",
      failedSignIns: Store.noFailedSignIns,
      modifiedAt: now
    })
    return {}
  })
)

/** @since 0.1.0 */
export const adminConfirmSignUp = Handler.make(
  AdminConfirmSignUp.operation,
  Effect.fn("AdminConfirmSignUp")(function* (request) {
    const backend = yield* Backend
    const state = yield* poolState(request.UserPoolId)
    const user = yield* Users.lookup(state, request.Username)
    if (user.status !== "UNCONFIRMED") {
      return yield* Effect.fail(CognitoException.notAuthorized(`User cannot be confirmed. Current status is ${user.status}`))
    }
    const now = yield* Clock.currentTimeMillis
    const { SIGN_UP: _code, ...codes } = user.codes
    backend.store.putUser(state, { ...user, status: "CONFIRMED", codes, modifiedAt: now })
    return {}
  })
)

/** @since 0.1.0 */
export const adminGetUser = Handler.make(
  AdminGetUser.operation,
  Effect.fn("AdminGetUser")(function* (request) {
    const state = yield* poolState(request.UserPoolId)
    const user = yield* Users.lookup(state, request.Username)
    return {
      Username: user.username,
      UserAttributes: Attributes.toList(user.attributes),
      UserCreateDate: new Date(user.createdAt),
      UserLastModifiedDate: new Date(user.modifiedAt),
      Enabled: user.enabled,
      UserStatus: user.status,
      ...Mfa.describeUser(user)
    }
  })
)

/** @since 0.1.0 */
export const adminUpdateUserAttributes = Handler.make(
  AdminUpdateUserAttributes.operation,
  Effect.fn("AdminUpdateUserAttributes")(function* (request) {
    const state = yield* poolState(request.UserPoolId)
    const user = yield* Users.lookup(state, request.Username)
    const written = yield* orFail(Attributes.validate(state.pool, request.UserAttributes, { _tag: "Admin" }, "update"))
    const now = yield* Clock.currentTimeMillis
    yield* AttributeUpdates.apply({ state, user, written, now, counted: false })
    return {}
  })
)

/** @since 0.1.0 */
export const adminDeleteUser = Handler.make(
  AdminDeleteUser.operation,
  Effect.fn("AdminDeleteUser")(function* (request) {
    const backend = yield* Backend
    const state = yield* poolState(request.UserPoolId)
    const user = yield* Users.lookup(state, request.Username)
    backend.store.deleteUser(state, user)
    return {}
  })
)

/** @since 0.1.0 */
export const adminDisableUser = Handler.make(
  AdminDisableUser.operation,
  Effect.fn("AdminDisableUser")(function* (request) {
    const backend = yield* Backend
    const state = yield* poolState(request.UserPoolId)
    const user = yield* Users.lookup(state, request.Username)
    const now = yield* Clock.currentTimeMillis
    backend.store.putUser(state, { ...user, enabled: false, modifiedAt: now })
    backend.store.revokeUserOrigins(state.pool.id, user.username)
    return {}
  })
)

/** @since 0.1.0 */
export const adminEnableUser = Handler.make(
  AdminEnableUser.operation,
  Effect.fn("AdminEnableUser")(function* (request) {
    const backend = yield* Backend
    const state = yield* poolState(request.UserPoolId)
    const user = yield* Users.lookup(state, request.Username)
    const now = yield* Clock.currentTimeMillis
    backend.store.putUser(state, { ...user, enabled: true, modifiedAt: now })
    return {}
  })
)

/**
 * AdminResetUserPassword (no client uses it, so its codec lives here): the user must reset their
 * password; sign-in answers PasswordResetRequiredException and a code goes to the inbox
 * (purpose `RESET_PASSWORD`) when the user has a verified e-mail or phone.
 * @since 0.1.0
 */
export const AdminResetUserPasswordOperation = Operation.userPool(
  "AdminResetUserPassword",
  Schema.Struct({
    UserPoolId: Schema.String,
    Username: Schema.String,
    ClientMetadata: Schema.optional(Shapes.StringRecord)
  }),
  Shapes.Empty
)

/** @since 0.1.0 */
export const adminResetUserPassword = Handler.make(
  AdminResetUserPasswordOperation,
  Effect.fn("AdminResetUserPassword")(function* (request) {
    const backend = yield* Backend
    const state = yield* poolState(request.UserPoolId)
    const user = yield* Users.lookup(state, request.Username)
    const now = yield* Clock.currentTimeMillis
    const reset: Store.User = { ...user, status: "RESET_REQUIRED", modifiedAt: now }
    backend.store.putUser(state, reset)
    const delivery =
      (user.attributes["email_verified"] === "true" ? Codes.viaEmail(user) : undefined) ??
      (user.attributes["phone_number_verified"] === "true" ? Codes.viaSms(user) : undefined)
    if (delivery !== undefined) {
      yield* Codes.issue({ state, user: reset, purpose: "RESET_PASSWORD", key: "FORGOT_PASSWORD", delivery, validForMillis: 3_600_000 })
    }
    return {}
  })
)

const filterable = new Set([
  "username",
  "email",
  "phone_number",
  "name",
  "given_name",
  "family_name",
  "preferred_username",
  "cognito:user_status",
  "status",
  "sub"
])

/** ListUsers' `Filter`: `attribute = "value"` or `attribute ^= "prefix"`. @since 0.1.0 */
export const parseFilter = (filter: string | undefined) => {
  if (filter === undefined || filter.trim() === "") return Effect.succeed((_: Store.User) => true)
  const match = /^\s*([\w:]+)\s*(=|\^=)\s*"((?:[^"\\]|\\.)*)"\s*$/.exec(filter)
  if (match === null || !filterable.has(match[1]!)) {
    return Effect.fail(CognitoException.invalidParameter("Invalid search filter"))
  }
  const [, attribute, operator, raw] = match as unknown as [string, string, string, string]
  const wanted = raw.replace(/\\(.)/g, "$1")
  const valueOf = (user: Store.User): string =>
    attribute === "username"
      ? user.username
      : attribute === "cognito:user_status"
        ? user.status
        : attribute === "status"
          ? (user.enabled ? "Enabled" : "Disabled")
          : (user.attributes[attribute] ?? "")
  return Effect.succeed((user: Store.User) =>
    operator === "=" ? valueOf(user) === wanted : valueOf(user).toLowerCase().startsWith(wanted.toLowerCase())
  )
}

/** @since 0.1.0 */
export const listUsers = Handler.make(
  ListUsers.operation,
  Effect.fn("ListUsers")(function* (request) {
    const state = yield* poolState(request.UserPoolId)
    const limit = request.Limit ?? 60
    if (!Number.isInteger(limit) || limit < 1 || limit > 60) {
      return yield* Effect.fail(CognitoException.invalidParameter("Limit must be between 1 and 60."))
    }
    const offset = request.PaginationToken === undefined ? 0 : Number(Buffer.from(request.PaginationToken, "base64url").toString("utf8"))
    if (!Number.isInteger(offset) || offset < 0) return yield* Effect.fail(CognitoException.invalidParameter("Invalid pagination token."))
    const matches = yield* parseFilter(request.Filter)
    const users = [...state.users.values()].filter(matches)
    const page = users.slice(offset, offset + limit)
    const next = offset + limit < users.length ? Buffer.from(String(offset + limit)).toString("base64url") : undefined
    return {
      Users: page.map((user) => Users.describe(user, request.AttributesToGet)),
      ...(next !== undefined ? { PaginationToken: next } : {})
    }
  })
)

/** @since 0.1.0 */
export const handlers: ReadonlyArray<Handler.Any> = [
  adminCreateUser,
  adminSetUserPassword,
  adminConfirmSignUp,
  adminGetUser,
  adminUpdateUserAttributes,
  adminDeleteUser,
  adminDisableUser,
  adminEnableUser,
  adminResetUserPassword,
  listUsers
]
