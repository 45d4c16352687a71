/**
 * Creating and describing users: the canonical user name (a UUID when the pool signs in with
 * e-mail or phone), uniqueness of user names and aliases (`UsernameExistsException`,
 * `AliasExistsException`, `ForceAliasCreation`), and `UserType` for the admin API.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import type { SecureRandom } from "@cognito-effect/domain/services/SecureRandom"
import type * as Shapes from "@cognito-effect/domain/wire/Shapes"
import * as Attributes from "./Attributes.js"
import { Backend } from "./Backend.js"
import * as CognitoException from "./CognitoException.js"
import * as Ids from "./Ids.js"
import * as Store from "./Store.js"

const emailPattern = /^[^\s@]+@[^\s@]+$/
const phonePattern = /^\+[0-9]{4,15}$/
const usernamePattern = /^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$/u

/** The user behind a name (user name or alias), or UserNotFoundException. @since 0.1.0 */
export const lookup = (state: Store.PoolState, username: string) =>
  Effect.flatMap(Backend, (backend) => {
    const user = backend.store.findUser(state, username)
    return user === undefined ? Effect.fail(CognitoException.userNotFound()) : Effect.succeed(user)
  })

const exists = (attribute: string) =>
  CognitoException.make("UsernameExistsException", `An account with the given ${attribute} already exists.`)

/**
 * A new user (not yet saved). In e-mail/phone-as-username pools the typed name must be an e-mail
 * or phone number, becomes that attribute, and the user name is the new `sub`.
 * @since 0.1.0
 */
export const make = (input: {
  readonly state: Store.PoolState
  readonly typed: string
  readonly attributes: Readonly<Record<string, string>>
  readonly status: Shapes.UserType["UserStatus"] & string
  readonly now: number
}): Effect.Effect<Store.User, CognitoException.CognitoException, Backend | SecureRandom> =>
  Effect.gen(function* () {
    const backend = yield* Backend
    const { state, typed } = input
    if (typed.length === 0 || typed.length > 128 || !usernamePattern.test(typed)) {
      return yield* Effect.fail(CognitoException.invalidParameter("Username must match [\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+ (1-128 characters)."))
    }
    const sub = yield* Ids.uuid
    const attributes: Record<string, string> = { sub, ...input.attributes }
    const byAttribute = state.pool.settings.UsernameAttributes ?? []
    let username = typed
    if (byAttribute.length > 0) {
      const attribute = byAttribute.includes("email") && emailPattern.test(typed)
        ? "email"
        : byAttribute.includes("phone_number") && phonePattern.test(typed)
          ? "phone_number"
          : undefined
      if (attribute === undefined) {
        return yield* Effect.fail(
          CognitoException.invalidParameter(
            byAttribute.length > 1 ? "Username should be either an email or a phone number." : byAttribute[0] === "email" ? "Username should be an email." : "Username should be a phone number."
          )
        )
      }
      attributes[attribute] = typed
      username = sub
    } else if ((state.pool.settings.AliasAttributes ?? []).includes("email") && emailPattern.test(typed)) {
      return yield* Effect.fail(
        CognitoException.invalidParameter("Username cannot be of email format, since user pool is configured for email alias.")
      )
    } else if ((state.pool.settings.AliasAttributes ?? []).includes("phone_number") && phonePattern.test(typed)) {
      return yield* Effect.fail(
        CognitoException.invalidParameter("Username cannot be of phone_number format, since user pool is configured for phone_number alias.")
      )
    }
    if (state.users.has(backend.store.userKey(state, username))) {
      return yield* Effect.fail(CognitoException.make("UsernameExistsException", "User already exists"))
    }
    for (const attribute of byAttribute) {
      const value = attributes[attribute]
      if (value !== undefined && backend.store.aliasOwner(state, attribute, value) !== undefined) return yield* Effect.fail(exists(attribute))
    }
    return Store.newUser({ username, attributes, status: input.status, now: input.now })
  })

/**
 * Makes sure no other user holds the sign-in names `user` is about to hold. With
 * `ForceAliasCreation`, a verified alias moves to `user` (the other user's becomes unverified);
 * otherwise AliasExistsException. Username attributes can never be shared.
 * @since 0.1.0
 */
export const claimAliases = (state: Store.PoolState, user: Store.User, force: boolean) =>
  Effect.gen(function* () {
    const backend = yield* Backend
    const key = backend.store.userKey(state, user.username)
    for (const attribute of state.pool.settings.UsernameAttributes ?? []) {
      const value = user.attributes[attribute]
      const owner = value === undefined ? undefined : backend.store.aliasOwner(state, attribute, value)
      if (owner !== undefined && backend.store.userKey(state, owner.username) !== key) return yield* Effect.fail(exists(attribute))
    }
    for (const alias of Store.signInAliases(state.pool, user)) {
      const [attribute = "", ...rest] = alias.split(":")
      const value = rest.join(":")
      const owner = backend.store.aliasOwner(state, attribute, value)
      if (owner === undefined || backend.store.userKey(state, owner.username) === key) continue
      if (!force || attribute === "preferred_username") {
        return yield* Effect.fail(CognitoException.make("AliasExistsException", `An account with the given ${attribute} already exists.`))
      }
      backend.store.putUser(state, { ...owner, attributes: { ...owner.attributes, [`${attribute}_verified`]: "false" } })
    }
  })

/** `UserType` of a user. @since 0.1.0 */
export const describe = (user: Store.User, attributesToGet?: ReadonlyArray<string>): Shapes.UserType => ({
  Username: user.username,
  Attributes: Attributes.toList(
    attributesToGet === undefined
      ? user.attributes
      : Object.fromEntries(Object.entries(user.attributes).filter(([name]) => attributesToGet.includes(name)))
  ),
  UserCreateDate: new Date(user.createdAt),
  UserLastModifiedDate: new Date(user.modifiedAt),
  Enabled: user.enabled,
  UserStatus: user.status
})
