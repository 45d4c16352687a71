/**
 * NEW_PASSWORD_REQUIRED: after a correct temporary password (AdminCreateUser, or
 * AdminSetUserPassword with `Permanent: false`), the user must choose a password and supply the
 * required attributes they lack. `requiredAttributes` and `userAttributes` are JSON strings; the
 * answer carries `NEW_PASSWORD` and `userAttributes.<name>` members.
 *
 * @since 0.1.0
 */
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Attributes from "../Attributes.js"
import { Backend } from "../Backend.js"
import * as Passwords from "../Passwords.js"
import * as SignIn from "../SignIn.js"

/** @since 0.1.0 */
export const name = "NEW_PASSWORD_REQUIRED"

const prefix = "userAttributes."

/** @since 0.1.0 */
export const stage: SignIn.Stage = {
  name,
  required: (attempt) => attempt.passed.includes("PASSWORD") && attempt.user.password?.temporary === true,
  challenge: (attempt) =>
    Effect.gen(function* () {
      const session = yield* SignIn.openSession(attempt, name)
      const missing = Attributes.missingRequired(attempt.state.pool, attempt.user.attributes)
      const { sub: _sub, ...current } = Attributes.readable(attempt.client, attempt.user.attributes)
      return {
        ChallengeName: name,
        Session: Redacted.make(session),
        ChallengeParameters: {
          USER_ID_FOR_SRP: attempt.user.username,
          requiredAttributes: JSON.stringify(missing.map((attribute) => `${prefix}${attribute}`)),
          userAttributes: JSON.stringify(current)
        }
      }
    })
}

/** @since 0.1.0 */
export const responder: SignIn.Responder = {
  respond: ({ attempt, responses }) =>
    Effect.gen(function* () {
      const backend = yield* Backend
      const now = yield* Clock.currentTimeMillis
      const newPassword = Redacted.make(yield* SignIn.requireParameter(responses, "NEW_PASSWORD"))
      const violation = Passwords.violation(Passwords.policyOf(attempt.state.pool), newPassword)
      if (Option.isSome(violation)) return yield* Effect.fail(violation.value)
      const given = Object.entries(responses)
        .filter(([key]) => key.startsWith(prefix))
        .map(([key, value]) => ({ Name: key.slice(prefix.length), Value: value }))
      const written = yield* Either.match(
        Attributes.validate(attempt.state.pool, given, { _tag: "Client", client: attempt.client }, "create"),
        { onLeft: Effect.fail, onRight: Effect.succeed }
      )
      const attributes = { ...attempt.user.attributes, ...written }
      const missing = Attributes.missingRequired(attempt.state.pool, attributes)
      if (missing.length > 0) return yield* Effect.fail(Attributes.requiredError(missing))
      const password = yield* Passwords.credential({
        pool: attempt.state.pool,
        username: attempt.user.username,
        password: newPassword,
        temporary: false,
        now
      })
      const user = { ...attempt.user, attributes, password, status: "CONFIRMED" as const, modifiedAt: now }
      backend.store.putUser(attempt.state, user)
      return { _tag: "Continue", attempt: { ...attempt, user, passed: [...attempt.passed, name] } } as const
    })
}
