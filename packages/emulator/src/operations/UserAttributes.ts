/**
 * A signed-in user's own attributes: UpdateUserAttributes (a changed e-mail or phone is handled by
 * `AttributeUpdates`: unverified with a code, or kept until the new value is verified),
 * GetUserAttributeVerificationCode (to the value waiting for verification, if any),
 * VerifyUserAttribute and DeleteUserAttributes. Codes are kept per attribute (inbox purpose
 * `VERIFY_ATTRIBUTE`, valid 24 hours); asking for them too often is LimitExceededException
 * (`Codes.requestLimit`).
 *
 * @since 0.1.0
 */
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Redacted from "effect/Redacted"
import * as DeleteUserAttributes from "@cognito-effect/domain/wire/DeleteUserAttributes"
import * as GetUserAttributeVerificationCode from "@cognito-effect/domain/wire/GetUserAttributeVerificationCode"
import * as UpdateUserAttributes from "@cognito-effect/domain/wire/UpdateUserAttributes"
import * as VerifyUserAttribute from "@cognito-effect/domain/wire/VerifyUserAttribute"
import * as Attributes from "../Attributes.js"
import * as AttributeUpdates from "../AttributeUpdates.js"
import { Backend } from "../Backend.js"
import * as CognitoException from "../CognitoException.js"
import * as Codes from "../Codes.js"
import * as Handler from "../Handler.js"
import type * as Store from "../Store.js"
import * as Tokens from "../Tokens.js"
import * as Users from "../Users.js"

const verifiable = (user: Store.User, attribute: string) => {
  const delivery = AttributeUpdates.verificationDelivery(user, attribute)
  return delivery === undefined
    ? Effect.fail(CognitoException.invalidParameter(`Cannot verify attribute ${attribute}: it is not an e-mail or phone number the user has.`))
    : Effect.succeed(delivery)
}

/** @since 0.1.0 */
export const updateUserAttributes = Handler.make(
  UpdateUserAttributes.operation,
  Effect.fn("UpdateUserAttributes")(function* (request) {
    const caller = yield* Tokens.authenticate(request.AccessToken)
    const written = yield* Either.match(
      Attributes.validate(caller.state.pool, request.UserAttributes, { _tag: "Client", client: caller.client }, "update"),
      { onLeft: Effect.fail, onRight: Effect.succeed }
    )
    const now = yield* Clock.currentTimeMillis
    const { deliveries } = yield* AttributeUpdates.apply({ state: caller.state, user: caller.user, written, now, counted: true })
    const sent = deliveries.map(Codes.details)
    return sent.length > 0 ? { CodeDeliveryDetailsList: sent } : {}
  })
)

/** @since 0.1.0 */
export const getUserAttributeVerificationCode = Handler.make(
  GetUserAttributeVerificationCode.operation,
  Effect.fn("GetUserAttributeVerificationCode")(function* (request) {
    const caller = yield* Tokens.authenticate(request.AccessToken)
    const delivery = yield* verifiable(caller.user, request.AttributeName)
    const key = AttributeUpdates.codeKey(request.AttributeName)
    yield* Codes.issue({
      state: caller.state,
      user: caller.user,
      purpose: "VERIFY_ATTRIBUTE",
      key,
      delivery,
      validForMillis: AttributeUpdates.codeValidityMillis,
      limited: true
    })
    return { CodeDeliveryDetails: Codes.details(delivery) }
  })
)

/** @since 0.1.0 */
export const verifyUserAttribute = Handler.make(
  VerifyUserAttribute.operation,
  Effect.fn("VerifyUserAttribute")(function* (request) {
    const backend = yield* Backend
    const caller = yield* Tokens.authenticate(request.AccessToken)
    yield* verifiable(caller.user, request.AttributeName)
    const key = AttributeUpdates.codeKey(request.AttributeName)
    const consumed = yield* Codes.consume({ state: caller.state, user: caller.user, key, code: Redacted.value(request.Code) })
    const now = yield* Clock.currentTimeMillis
    const user = AttributeUpdates.verified(consumed.user, request.AttributeName, consumed.code.destination, now)
    yield* Users.claimAliases(caller.state, user, false)
    backend.store.putUser(caller.state, user)
    return {}
  }),
  { replayable: true }
)

/** @since 0.1.0 */
export const deleteUserAttributes = Handler.make(
  DeleteUserAttributes.operation,
  Effect.fn("DeleteUserAttributes")(function* (request) {
    const backend = yield* Backend
    const caller = yield* Tokens.authenticate(request.AccessToken)
    const allowed = Attributes.writable(caller.state.pool, caller.client)
    const attributes = { ...caller.user.attributes }
    for (const name of request.UserAttributeNames) {
      const definition = caller.state.pool.schema.find((attribute) => attribute.Name === name)
      if (definition === undefined || name === "sub" || definition.Mutable === false) {
        return yield* Effect.fail(CognitoException.invalidParameter(`Cannot delete attribute ${name}.`))
      }
      if (definition.Required === true) return yield* Effect.fail(Attributes.requiredError([name]))
      if (!allowed.has(name)) return yield* Effect.fail(CognitoException.notAuthorized("A client attempted to write unauthorized attribute"))
      delete attributes[name]
      if (name === "email" || name === "phone_number") delete attributes[`${name}_verified`]
    }
    const now = yield* Clock.currentTimeMillis
    const user = request.UserAttributeNames.reduce(AttributeUpdates.forget, caller.user)
    backend.store.putUser(caller.state, { ...user, attributes, modifiedAt: now })
    return {}
  })
)

/** @since 0.1.0 */
export const handlers: ReadonlyArray<Handler.Any> = [
  updateUserAttributes,
  getUserAttributeVerificationCode,
  verifyUserAttribute,
  deleteUserAttributes
]
