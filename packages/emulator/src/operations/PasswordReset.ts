/**
 * Forgotten passwords: ForgotPassword sends a code (inbox purpose `FORGOT_PASSWORD`, valid one
 * hour) to the user's verified recovery attribute, in the order of the pool's
 * `AccountRecoverySetting` (default: phone, then e-mail); ConfirmForgotPassword sets the new
 * password with it. The same code answers an `AdminResetUserPassword`. Asking too often is
 * LimitExceededException (`Codes.requestLimit`).
 *
 * @since 0.1.0
 */
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as ConfirmForgotPassword from "@cognito-effect/domain/wire/ConfirmForgotPassword"
import * as ForgotPassword from "@cognito-effect/domain/wire/ForgotPassword"
import { Backend } from "../Backend.js"
import * as CognitoException from "../CognitoException.js"
import * as Codes from "../Codes.js"
import * as Handler from "../Handler.js"
import * as Passwords from "../Passwords.js"
import * as SignIn from "../SignIn.js"
import * as Store from "../Store.js"

/** Where reset codes are kept on the user. @since 0.1.0 */
export const codeKey = "FORGOT_PASSWORD"

const secret = (value: Redacted.Redacted<string> | undefined) => (value === undefined ? undefined : Redacted.value(value))

/** The verified attribute a reset code goes to, or why there is none. @since 0.1.0 */
export const recoveryDelivery = (pool: Store.Pool, user: Store.User): Codes.Delivery | CognitoException.CognitoException => {
  const configured = pool.settings.AccountRecoverySetting?.RecoveryMechanisms
  const mechanisms = configured === undefined || configured.length === 0
    ? ["verified_phone_number", "verified_email"]
    : [...configured].sort((a, b) => a.Priority - b.Priority).map((mechanism) => mechanism.Name)
  for (const mechanism of mechanisms) {
    if (mechanism === "admin_only") return CognitoException.notAuthorized("Contact administrator to reset password.")
    if (mechanism === "verified_email" && user.attributes["email_verified"] === "true") {
      const delivery = Codes.viaEmail(user)
      if (delivery !== undefined) return delivery
    }
    if (mechanism === "verified_phone_number" && user.attributes["phone_number_verified"] === "true") {
      const delivery = Codes.viaSms(user)
      if (delivery !== undefined) return delivery
    }
  }
  return CognitoException.invalidParameter("Cannot reset password for the user as there is no registered/verified email or phone_number")
}

/** @since 0.1.0 */
export const forgotPassword = Handler.make(
  ForgotPassword.operation,
  Effect.fn("ForgotPassword")(function* (request) {
    const backend = yield* Backend
    const { state, client } = yield* SignIn.clientFor(request.ClientId)
    const user = backend.store.findUser(state, request.Username)
    yield* SignIn.requireSecretHash(client, [request.Username, ...(user ? [user.username] : [])], secret(request.SecretHash))
    if (user === undefined) {
      if (SignIn.hidesUsers(client)) {
        const destination = request.Username.includes("@") ? request.Username : `${request.Username}@example.com`
        return { CodeDeliveryDetails: Codes.details({ medium: "EMAIL", destination, attributeName: "email" }) }
      }
      return yield* Effect.fail(CognitoException.userNotFound("Username/client id combination not found."))
    }
    if (!user.enabled) return yield* Effect.fail(CognitoException.notAuthorized("User is disabled."))
    const delivery = recoveryDelivery(state.pool, user)
    if (delivery instanceof CognitoException.CognitoException) return yield* Effect.fail(delivery)
    yield* Codes.issue({ state, user, purpose: "FORGOT_PASSWORD", key: codeKey, delivery, validForMillis: 3_600_000, limited: true })
    return { CodeDeliveryDetails: Codes.details(delivery) }
  })
)

/** @since 0.1.0 */
export const confirmForgotPassword = Handler.make(
  ConfirmForgotPassword.operation,
  Effect.fn("ConfirmForgotPassword")(function* (request) {
    const backend = yield* Backend
    const { state, user: found } = yield* SignIn.userForCode(request.ClientId, request.Username, request.SecretHash)
    // The policy first, so a weak password does not spend the code.
    const violation = Passwords.violation(Passwords.policyOf(state.pool), request.Password)
    if (Option.isSome(violation)) return yield* Effect.fail(violation.value)
    const { user } = yield* Codes.consume({ state, user: found, key: codeKey, code: Redacted.value(request.ConfirmationCode) })
    const now = yield* Clock.currentTimeMillis
    const password = yield* Passwords.credential({ pool: state.pool, username: user.username, password: request.Password, temporary: false, now })
    backend.store.putUser(state, {
      ...user,
      password,
      status: user.status === "RESET_REQUIRED" || user.status === "FORCE_CHANGE_PASSWORD" ? "CONFIRMED" : user.status,
      failedSignIns: Store.noFailedSignIns,
      modifiedAt: now
    })
    return {}
  }),
  { replayable: true }
)

/** @since 0.1.0 */
export const handlers: ReadonlyArray<Handler.Any> = [forgotPassword, confirmForgotPassword]
