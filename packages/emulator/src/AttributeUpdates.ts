/**
 * How a change of attributes lands on a user (UpdateUserAttributes, AdminUpdateUserAttributes) and
 * how the verification of an e-mail or phone number ends (VerifyUserAttribute).
 *
 * A changed `email` or `phone_number` replaces the old value and is unverified until its code
 * comes back (a code goes out when the pool auto-verifies it), unless the same request sets
 * `<attribute>_verified`. When the pool lists the attribute in its
 * `UserAttributeUpdateSettings.AttributesRequireVerificationBeforeUpdate` and the current value is
 * verified, Cognito keeps the original value instead: it stays verified, GetUser shows it and it
 * still signs the user in, while the new value waits — unseen by the API — for the code sent to
 * it; the right code swaps it in. A later update replaces the waiting value, writing the current
 * value back abandons it, and an admin who writes `<attribute>_verified: "true"` with the new
 * value applies it at once.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import type { SecureRandom } from "@cognito-effect/domain/services/SecureRandom"
import { Backend } from "./Backend.js"
import type * as CognitoException from "./CognitoException.js"
import * as Codes from "./Codes.js"
import type * as Store from "./Store.js"
import * as Users from "./Users.js"

/** The attributes verified by a code. @since 0.1.0 */
export type Verifiable = "email" | "phone_number"

const verifiable: ReadonlyArray<Verifiable> = ["email", "phone_number"]

/** How long an attribute's verification code stays valid. @since 0.1.0 */
export const codeValidityMillis = 24 * 3_600_000

/** Where the verification code of `attribute` is kept on the user. @since 0.1.0 */
export const codeKey = (attribute: string) => `VERIFY_ATTRIBUTE:${attribute}`

/** Whether the pool keeps the original value of `attribute` until a new one is verified. @since 0.1.0 */
export const keepsOriginal = (pool: Store.Pool, attribute: string): boolean =>
  (pool.settings.UserAttributeUpdateSettings?.AttributesRequireVerificationBeforeUpdate ?? []).some((name) => name === attribute)

/**
 * Where a code verifying `attribute` goes: the value waiting for verification if there is one,
 * else the current value; `undefined` for an attribute that is not an e-mail or phone the user has.
 * @since 0.1.0
 */
export const verificationDelivery = (user: Store.User, attribute: string): Codes.Delivery | undefined => {
  const waiting = user.pendingAttributes?.[attribute]
  const target = waiting === undefined ? user : { ...user, attributes: { ...user.attributes, [attribute]: waiting } }
  return attribute === "email" ? Codes.viaEmail(target) : attribute === "phone_number" ? Codes.viaSms(target) : undefined
}

const withPending = (user: Store.User, pending: Readonly<Record<string, string>>): Store.User => {
  const { pendingAttributes: _previous, ...rest } = user
  return Object.keys(pending).length > 0 ? { ...rest, pendingAttributes: pending } : rest
}

/**
 * Applies validated attribute writes to `user`, saves it and sends the codes the change calls for.
 * With `counted` (the user's own request), each code counts against `Codes.requestLimit`; the
 * update itself is never refused for it (UpdateUserAttributes has no LimitExceededException), but
 * asking for the code again afterwards is.
 * @since 0.1.0
 */
export const apply = (input: {
  readonly state: Store.PoolState
  readonly user: Store.User
  readonly written: Readonly<Record<string, string>>
  readonly now: number
  readonly counted: boolean
}): Effect.Effect<
  { readonly user: Store.User; readonly deliveries: ReadonlyArray<Codes.Delivery> },
  CognitoException.CognitoException,
  Backend | SecureRandom
> =>
  Effect.gen(function* () {
    const backend = yield* Backend
    const { state, user, written, now } = input
    const attributes: Record<string, string> = { ...user.attributes, ...written }
    const pending: Record<string, string> = { ...user.pendingAttributes }
    const codes: Record<string, Store.PendingCode> = { ...user.codes }
    const toVerify: Array<Verifiable> = []
    for (const attribute of verifiable) {
      const value = written[attribute]
      if (value === undefined) continue
      const flag = `${attribute}_verified`
      const original = user.attributes[attribute]
      if (value === original) {
        if (pending[attribute] !== undefined) {
          delete pending[attribute]
          delete codes[codeKey(attribute)]
        }
        continue
      }
      delete pending[attribute]
      const keep = keepsOriginal(state.pool, attribute) && original !== undefined && user.attributes[flag] === "true" &&
        value !== "" && written[flag] !== "true"
      if (keep) {
        attributes[attribute] = original
        attributes[flag] = "true"
        pending[attribute] = value
        toVerify.push(attribute)
      } else {
        if (written[flag] === undefined) attributes[flag] = "false"
        const autoVerified = (state.pool.settings.AutoVerifiedAttributes ?? []).some((name) => name === attribute)
        if (autoVerified && value !== "" && attributes[flag] !== "true") toVerify.push(attribute)
      }
    }
    for (const [name, value] of Object.entries(attributes)) if (value === "") delete attributes[name]
    let updated = withPending({ ...user, attributes, codes, modifiedAt: now }, pending)
    yield* Users.claimAliases(state, updated, false)
    // A waiting value becomes a sign-in name once verified: it must be free now too.
    for (const attribute of toVerify) {
      const waiting = pending[attribute]
      if (waiting !== undefined) yield* Users.claimAliases(state, { ...updated, attributes: { ...attributes, [attribute]: waiting } }, false)
    }
    if (input.counted && toVerify.length > 0) updated = Codes.recordRequests(updated, toVerify.map(codeKey), now)
    backend.store.putUser(state, updated)
    const deliveries: Array<Codes.Delivery> = []
    for (const attribute of toVerify) {
      const delivery = verificationDelivery(updated, attribute)
      if (delivery === undefined) continue
      updated = yield* Codes.issue({
        state,
        user: updated,
        purpose: "VERIFY_ATTRIBUTE",
        key: codeKey(attribute),
        delivery,
        validForMillis: codeValidityMillis
      })
      deliveries.push(delivery)
    }
    return { user: updated, deliveries }
  })

/**
 * The user once the code for `attribute`, sent to `destination`, came back: a value waiting for
 * that code replaces the original; the attribute is verified either way.
 * @since 0.1.0
 */
export const verified = (user: Store.User, attribute: string, destination: string | undefined, now: number): Store.User => {
  const waiting = user.pendingAttributes?.[attribute]
  const swap = waiting !== undefined && waiting === destination
  const attributes = { ...user.attributes, ...(swap ? { [attribute]: waiting } : {}), [`${attribute}_verified`]: "true" }
  if (!swap) return { ...user, attributes, modifiedAt: now }
  const { [attribute]: _swapped, ...stillWaiting } = user.pendingAttributes ?? {}
  return withPending({ ...user, attributes, modifiedAt: now }, stillWaiting)
}

/** The user without a value waiting for `attribute` (and its code), once the attribute is deleted. @since 0.1.0 */
export const forget = (user: Store.User, attribute: string): Store.User => {
  if (user.pendingAttributes?.[attribute] === undefined) return user
  const { [attribute]: _forgotten, ...stillWaiting } = user.pendingAttributes
  const { [codeKey(attribute)]: _code, ...codes } = user.codes
  return withPending({ ...user, codes }, stillWaiting)
}
