/**
 * Self-service registration: SignUp, ConfirmSignUp, ResendConfirmationCode. The confirmation code
 * goes to the attribute the pool auto-verifies (the inbox, purpose `SIGN_UP`), lives 24 hours,
 * and confirming verifies that attribute; resending too often is LimitExceededException
 * (`Codes.requestLimit`). Pools with a passwordless first factor take sign-ups
 * without a password, and ConfirmSignUp answers a `Session` for the auto sign-in (USER_AUTH).
 *
 * @since 0.1.0
 */
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as ConfirmSignUp from "@cognito-effect/domain/wire/ConfirmSignUp"
import * as ResendConfirmationCode from "@cognito-effect/domain/wire/ResendConfirmationCode"
import * as SignUpWire from "@cognito-effect/domain/wire/SignUp"
import * as Attributes from "../Attributes.js"
import { Backend } from "../Backend.js"
import * as CognitoException from "../CognitoException.js"
import * as Codes from "../Codes.js"
import * as Handler from "../Handler.js"
import * as Passkeys from "../Passkeys.js"
import * as Passwords from "../Passwords.js"
import * as SignIn from "../SignIn.js"
import type * as Store from "../Store.js"
import * as UserAuth from "../UserAuth.js"
import * as Users from "../Users.js"

/** How long a sign-up code stays valid. @since 0.1.0 */
export const codeValidityMillis = 24 * 3_600_000

const purpose = "SIGN_UP"

const secret = (value: Redacted.Redacted<string> | undefined) => (value === undefined ? undefined : Redacted.value(value))

/** @since 0.1.0 */
export const signUp = Handler.make(
  SignUpWire.operation,
  Effect.fn("SignUp")(function* (request) {
    const backend = yield* Backend
    const { state, client } = yield* SignIn.clientFor(request.ClientId)
    yield* SignIn.requireSecretHash(client, [request.Username], secret(request.SecretHash))
    if (state.pool.settings.AdminCreateUserConfig?.AllowAdminCreateUserOnly === true) {
      return yield* Effect.fail(CognitoException.notAuthorized("SignUp is not permitted for this user pool"))
    }
    // A pool with a passwordless first factor (USER_AUTH) lets users sign up without a password.
    if (request.Password === undefined && !Passkeys.passwordOptional(state.pool)) {
      return yield* Effect.fail(CognitoException.invalidParameter("Missing required parameter Password"))
    }
    if (request.Password !== undefined) {
      const violation = Passwords.violation(Passwords.policyOf(state.pool), request.Password)
      if (Option.isSome(violation)) return yield* Effect.fail(violation.value)
    }
    const written = yield* Either.match(
      Attributes.validate(state.pool, request.UserAttributes ?? [], { _tag: "Client", client }, "create"),
      { onLeft: Effect.fail, onRight: Effect.succeed }
    )
    const now = yield* Clock.currentTimeMillis
    const created = yield* Users.make({ state, typed: request.Username, attributes: written, status: "UNCONFIRMED", now })
    const missing = Attributes.missingRequired(state.pool, created.attributes)
    if (missing.length > 0) return yield* Effect.fail(Attributes.requiredError(missing))
    const password =
      request.Password === undefined
        ? undefined
        : yield* Passwords.credential({ pool: state.pool, username: created.username, password: request.Password, temporary: false, now })
    const user: Store.User = password === undefined ? created : { ...created, password }
    backend.store.putUser(state, user)
    const delivery = Codes.signUpDelivery(state.pool, user)
    if (delivery !== undefined) yield* Codes.issue({ state, user, purpose, delivery, validForMillis: codeValidityMillis })
    return {
      UserConfirmed: false,
      UserSub: user.attributes["sub"]!,
      ...(delivery !== undefined ? { CodeDeliveryDetails: Codes.details(delivery) } : {})
    }
  })
)

/** @since 0.1.0 */
export const confirmSignUp = Handler.make(
  ConfirmSignUp.operation,
  Effect.fn("ConfirmSignUp")(function* (request) {
    const backend = yield* Backend
    const { state, client, user: found } = yield* SignIn.userForCode(request.ClientId, request.Username, request.SecretHash)
    if (found.status !== "UNCONFIRMED") {
      return yield* Effect.fail(CognitoException.notAuthorized(`User cannot be confirmed. Current status is ${found.status}`))
    }
    const attribute = found.codes[purpose]?.attributeName
    const { user: consumed } = yield* Codes.consume({ state, user: found, key: purpose, code: Redacted.value(request.ConfirmationCode) })
    const now = yield* Clock.currentTimeMillis
    const user: Store.User = {
      ...consumed,
      status: "CONFIRMED",
      attributes: attribute === undefined ? consumed.attributes : { ...consumed.attributes, [`${attribute}_verified`]: "true" },
      modifiedAt: now
    }
    yield* Users.claimAliases(state, user, request.ForceAliasCreation ?? false)
    backend.store.putUser(state, user)
    // The confirmed code can be the first factor of an auto sign-in (InitiateAuth USER_AUTH with this Session).
    const session = yield* UserAuth.sessionAfterSignUp(state, client, user)
    return session === undefined ? {} : { Session: Redacted.make(session) }
  }),
  { replayable: true }
)

/** What a client that hides users answers for an unknown one: a plausible delivery. */
const simulatedDelivery = (typed: string): Codes.Delivery =>
  /^\+[0-9]+$/.test(typed)
    ? { medium: "SMS", destination: typed, attributeName: "phone_number" }
    : { medium: "EMAIL", destination: typed.includes("@") ? typed : `${typed}@example.com`, attributeName: "email" }

/** @since 0.1.0 */
export const resendConfirmationCode = Handler.make(
  ResendConfirmationCode.operation,
  Effect.fn("ResendConfirmationCode")(function* (request) {
    const backend = yield* Backend
    const { state, client } = yield* SignIn.clientFor(request.ClientId)
    const found = backend.store.findUser(state, request.Username)
    yield* SignIn.requireSecretHash(client, [request.Username, ...(found ? [found.username] : [])], secret(request.SecretHash))
    if (found === undefined) {
      if (SignIn.hidesUsers(client)) return { CodeDeliveryDetails: Codes.details(simulatedDelivery(request.Username)) }
      return yield* Effect.fail(CognitoException.userNotFound("Username/client id combination not found."))
    }
    if (found.status !== "UNCONFIRMED") return yield* Effect.fail(CognitoException.invalidParameter("User is already confirmed."))
    const delivery = Codes.signUpDelivery(state.pool, found)
    if (delivery === undefined) {
      return yield* Effect.fail(CognitoException.invalidParameter("Cannot resend codes. Auto verification not turned on."))
    }
    yield* Codes.issue({ state, user: found, purpose, delivery, validForMillis: codeValidityMillis, limited: true })
    return { CodeDeliveryDetails: Codes.details(delivery) }
  })
)

/** @since 0.1.0 */
export const handlers: ReadonlyArray<Handler.Any> = [signUp, confirmSignUp, resendConfirmationCode]
