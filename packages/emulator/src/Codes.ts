/**
 * One-time codes (sign-up confirmation, custom challenge, password reset, attribute
 * verification): where they are delivered, how the destination is masked in responses, how often
 * a user may ask for them, issuing one into the inbox, and consuming one — single use, expiring,
 * at most five wrong answers.
 *
 * @since 0.1.0
 */
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import type { SecureRandom } from "@cognito-effect/domain/services/SecureRandom"
import { Backend } from "./Backend.js"
import * as CognitoException from "./CognitoException.js"
import * as Ids from "./Ids.js"
import * as Inbox from "./Inbox.js"
import type * as Store from "./Store.js"

/** Where a code goes. @since 0.1.0 */
export interface Delivery {
  readonly medium: Store.DeliveryMedium
  readonly destination: string
  readonly attributeName: "email" | "phone_number"
}

/** @since 0.1.0 */
export const viaEmail = (user: Store.User): Delivery | undefined =>
  user.attributes["email"] ? { medium: "EMAIL", destination: user.attributes["email"], attributeName: "email" } : undefined

/** @since 0.1.0 */
export const viaSms = (user: Store.User): Delivery | undefined =>
  user.attributes["phone_number"]
    ? { medium: "SMS", destination: user.attributes["phone_number"], attributeName: "phone_number" }
    : undefined

/**
 * Where the sign-up code goes: the auto-verified attribute the user has, the phone first when
 * both are auto-verified. `undefined` when the pool verifies nothing (an admin must confirm).
 * @since 0.1.0
 */
export const signUpDelivery = (pool: Store.Pool, user: Store.User): Delivery | undefined => {
  const verified = pool.settings.AutoVerifiedAttributes ?? []
  const sms = verified.includes("phone_number") ? viaSms(user) : undefined
  const email = verified.includes("email") ? viaEmail(user) : undefined
  return sms ?? email
}

/** `a***@e***` or `+*******1234`, as CodeDeliveryDetails show a destination. @since 0.1.0 */
export const mask = (delivery: Delivery): string => {
  if (delivery.medium === "EMAIL") {
    const [local = "", domain = ""] = delivery.destination.split("@")
    return `${local.slice(0, 1)}***@${domain.slice(0, 1)}***`
  }
  return `+${"*".repeat(Math.max(delivery.destination.length - 5, 1))}${delivery.destination.slice(-4)}`
}

/** `CodeDeliveryDetails` for a delivery. @since 0.1.0 */
export const details = (delivery: Delivery) => ({
  Destination: mask(delivery),
  DeliveryMedium: delivery.medium,
  AttributeName: delivery.attributeName
})

/** The names a user can be found by in the inbox. @since 0.1.0 */
export const inboxNames = (user: Store.User): ReadonlyArray<string> =>
  [user.username, user.attributes["sub"], user.attributes["email"], user.attributes["phone_number"], user.attributes["preferred_username"]].filter(
    (name): name is string => name !== undefined && name !== ""
  )

/** Puts `code` in the inbox and logs it. @since 0.1.0 */
export const deliver = (input: {
  readonly poolId: string
  readonly user: Store.User
  readonly code: string
  readonly purpose: Inbox.Purpose
  readonly delivery: Delivery
}): Effect.Effect<void, never, Backend> =>
  Effect.gen(function* () {
    const backend = yield* Backend
    const now = yield* Clock.currentTimeMillis
    const message: Inbox.Message = {
      userPoolId: input.poolId,
      username: input.user.username,
      code: input.code,
      medium: input.delivery.medium,
      destination: input.delivery.destination,
      purpose: input.purpose,
      attributeName: input.delivery.attributeName,
      time: new Date(now).toISOString()
    }
    backend.inbox.deliver(message, inboxNames(input.user))
    yield* Effect.logInfo(Inbox.describe(message))
  })

/**
 * How often a user may ask for codes of one kind (ForgotPassword, ResendConfirmationCode,
 * GetUserAttributeVerificationCode, the codes UpdateUserAttributes sends): `requests` in any
 * rolling `windowMillis`, counted per user and per key the code is kept under. Cognito does not
 * publish its numbers; these are the emulator's.
 * @since 0.1.0
 */
export const requestLimit = { requests: 5, windowMillis: 3_600_000 } as const

const recentRequests = (user: Store.User, now: number): Record<string, ReadonlyArray<number>> => {
  const counted: Record<string, ReadonlyArray<number>> = {}
  for (const [key, times] of Object.entries(user.codeRequests ?? {})) {
    const recent = times.filter((at) => now - at < requestLimit.windowMillis)
    if (recent.length > 0) counted[key] = recent
  }
  return counted
}

/**
 * Records one request for each of `keys` without refusing any: for operations whose errors do
 * not include LimitExceededException (UpdateUserAttributes), whose codes still count against the
 * requests that do.
 * @since 0.1.0
 */
export const recordRequests = (user: Store.User, keys: ReadonlyArray<string>, now: number): Store.User => {
  const counted = recentRequests(user, now)
  for (const key of keys) counted[key] = [...(counted[key] ?? []), now]
  return { ...user, codeRequests: counted }
}

/**
 * Counts one request for each of `keys` on `user` (requests older than the window are dropped),
 * or LimitExceededException — nothing counted — when one of them already had its fill.
 * @since 0.1.0
 */
export const countRequests = (
  user: Store.User,
  keys: ReadonlyArray<string>,
  now: number
): Either.Either<Store.User, CognitoException.CognitoException> => {
  const recent = recentRequests(user, now)
  return keys.some((key) => (recent[key]?.length ?? 0) >= requestLimit.requests)
    ? Either.left(CognitoException.limitExceeded())
    : Either.right(recordRequests(user, keys, now))
}

/**
 * Issues a fresh code for `purpose` (replacing any earlier one), stores its digest on the user and
 * delivers it. Returns the updated user, already saved.
 * @since 0.1.0
 */
export const issue = (input: {
  readonly state: Store.PoolState
  readonly user: Store.User
  readonly purpose: Inbox.Purpose
  /** where the code is kept on the user; the purpose unless one purpose has several codes */
  readonly key?: string
  readonly delivery: Delivery
  readonly validForMillis: number
  /** a request of the user's own: counted against `requestLimit`, refused (nothing sent) past it */
  readonly limited?: boolean
}): Effect.Effect<Store.User, CognitoException.CognitoException, Backend | SecureRandom> =>
  Effect.gen(function* () {
    const backend = yield* Backend
    const now = yield* Clock.currentTimeMillis
    const key = input.key ?? input.purpose
    const stored = backend.store.findUser(input.state, input.user.username) ?? input.user
    const current = input.limited === true ? yield* countRequests(stored, [key], now) : stored
    const code = yield* Ids.numericCode
    const pending: Store.PendingCode = {
      digest: Ids.digest(code),
      expiresAt: now + input.validForMillis,
      failures: 0,
      medium: input.delivery.medium,
      destination: input.delivery.destination,
      attributeName: input.delivery.attributeName
    }
    const user: Store.User = { ...current, codes: { ...current.codes, [key]: pending } }
    backend.store.putUser(input.state, user)
    yield* deliver({ poolId: input.state.pool.id, user, code, purpose: input.purpose, delivery: input.delivery })
    return user
  })

/** How many wrong answers a code survives. @since 0.1.0 */
export const maxFailures = 5

/**
 * Consumes the user's `purpose` code if `code` matches (constant-time), saving the user without
 * it. A wrong code counts a failure (the fifth one discards the code); an expired one is discarded.
 * @since 0.1.0
 */
export const consume = (input: {
  readonly state: Store.PoolState
  readonly user: Store.User
  /** the key the code was issued under */
  readonly key: string
  readonly code: string
}): Effect.Effect<{ readonly user: Store.User; readonly code: Store.PendingCode }, CognitoException.CognitoException, Backend> =>
  Effect.gen(function* () {
    const backend = yield* Backend
    const now = yield* Clock.currentTimeMillis
    // Read the user afresh: the check and the update below must see the latest codes.
    const current = backend.store.findUser(input.state, input.user.username) ?? input.user
    const pending = current.codes[input.key]
    if (pending === undefined) return yield* Effect.fail(CognitoException.codeMismatch())
    const { [input.key]: _consumed, ...remaining } = current.codes
    if (pending.expiresAt <= now) {
      backend.store.putUser(input.state, { ...current, codes: remaining })
      return yield* Effect.fail(CognitoException.expiredCode())
    }
    if (!Ids.matchesDigest(input.code, pending.digest)) {
      const failures = pending.failures + 1
      const codes = failures >= maxFailures ? remaining : { ...current.codes, [input.key]: { ...pending, failures } }
      backend.store.putUser(input.state, { ...current, codes })
      return yield* Effect.fail(CognitoException.codeMismatch())
    }
    const user: Store.User = { ...current, codes: remaining }
    backend.store.putUser(input.state, user)
    return { user, code: pending }
  })
