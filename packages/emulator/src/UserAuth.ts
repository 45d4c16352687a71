/**
 * InitiateAuth with `AuthFlow: "USER_AUTH"`: choice-based sign-in (protocol.md §3.5).
 *
 * - With a `Session` from ConfirmSignUp, the confirmed sign-up code is the first factor: the
 *   `AuthParameters` are ignored and the sign-in continues (auto sign-in after sign-up).
 * - With `PREFERRED_CHALLENGE` the user can take: `PASSWORD` checks `PASSWORD` at once,
 *   `PASSWORD_SRP` answers `SRP_A` with PASSWORD_VERIFIER, `EMAIL_OTP` / `SMS_OTP` / `WEB_AUTHN`
 *   get their challenge.
 * - Otherwise (no preference, or one the user cannot take): `SELECT_CHALLENGE` with the
 *   `AvailableChallenges`.
 *
 * A user unknown to a client that hides user existence gets a choice like anyone else, and every
 * answer is refused.
 *
 * @since 0.1.0
 */
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import { Backend } from "./Backend.js"
import * as Challenges from "./Challenges.js"
import * as PasswordVerifier from "./challenges/PasswordVerifier.js"
import * as SelectChallenge from "./challenges/SelectChallenge.js"
import * as CognitoException from "./CognitoException.js"
import * as SignIn from "./SignIn.js"
import * as Store from "./Store.js"

/** The pseudo-challenge of the session ConfirmSignUp returns. @since 0.1.0 */
export const signUpConfirmed = "SIGN_UP"

/** The session ConfirmSignUp hands out when the app client allows USER_AUTH. @since 0.1.0 */
export const sessionAfterSignUp = (state: Store.PoolState, client: Store.Client, user: Store.User) =>
  Effect.gen(function* () {
    const allowed = yield* Effect.either(SignIn.requireFlow(client, "USER_AUTH"))
    if (allowed._tag === "Left") return undefined
    return yield* SignIn.openSession({ state, client, user, flow: "USER_AUTH", passed: [] }, signUpConfirmed)
  })

const continueAfterSignUp = (state: Store.PoolState, client: Store.Client, user: Store.User | undefined, sessionId: string) =>
  Effect.gen(function* () {
    const backend = yield* Backend
    const session = backend.sessions.take(sessionId, yield* Clock.currentTimeMillis)
    if (session === "Expired") return yield* Effect.fail(CognitoException.expiredSession())
    if (
      session === "Missing" ||
      session.challenge !== signUpConfirmed ||
      session.poolId !== state.pool.id ||
      session.clientId !== client.id ||
      user === undefined ||
      user.username !== session.username
    ) {
      return yield* Effect.fail(CognitoException.invalidSession())
    }
    yield* SignIn.requireUsable(user)
    return yield* Challenges.advance({ state, client, user, flow: "USER_AUTH", passed: [signUpConfirmed] })
  })

/** A choice for a user that does not exist; the session is a decoy, so every answer fails. */
const decoy = (state: Store.PoolState, client: Store.Client, typed: string) => {
  const user = Store.newUser({ username: typed, attributes: {}, status: "CONFIRMED", now: 0 })
  return SelectChallenge.select({ state, client, user, flow: "USER_AUTH", passed: [] }, SelectChallenge.offered(state.pool), { decoy: true })
}

/** @since 0.1.0 */
export const initiate = (input: {
  readonly state: Store.PoolState
  readonly client: Store.Client
  readonly parameters: Readonly<Record<string, string>>
  readonly session: Redacted.Redacted<string> | undefined
}) =>
  Effect.gen(function* () {
    const backend = yield* Backend
    const { state, client, parameters } = input
    yield* SignIn.requireFlow(client, "USER_AUTH")
    const typed = yield* SignIn.requireParameter(parameters, "USERNAME")
    const user = backend.store.findUser(state, typed)
    yield* SignIn.requireSecretHash(client, [typed, ...(user ? [user.username] : [])], parameters["SECRET_HASH"])
    if (input.session !== undefined) return yield* continueAfterSignUp(state, client, user, Redacted.value(input.session))
    const preferred = parameters["PREFERRED_CHALLENGE"]
    if (preferred !== undefined && !SelectChallenge.isFactor(preferred)) {
      return yield* Effect.fail(CognitoException.invalidParameter(`Invalid PREFERRED_CHALLENGE: ${preferred}`))
    }
    if (user === undefined) {
      if (!SignIn.hidesUsers(client)) return yield* Effect.fail(CognitoException.userNotFound())
      if (preferred === "PASSWORD") return yield* Effect.fail(CognitoException.incorrectCredentials())
      if (preferred === "PASSWORD_SRP") {
        const srpA = yield* SignIn.requireParameter(parameters, "SRP_A")
        return yield* PasswordVerifier.decoy({ state, client, typed, flow: "USER_AUTH", srpA })
      }
      return yield* decoy(state, client, typed)
    }
    yield* SignIn.requireUsable(user)
    const deviceKey = parameters["DEVICE_KEY"]
    const attempt: SignIn.Attempt = { state, client, user, flow: "USER_AUTH", passed: [], ...(deviceKey ? { deviceKey } : {}) }
    const choices = SelectChallenge.available(state.pool, user)
    if (preferred !== undefined && choices.includes(preferred)) {
      if (preferred === "PASSWORD") {
        const password = Redacted.make(yield* SignIn.requireParameter(parameters, "PASSWORD"))
        return yield* Challenges.advance(yield* SelectChallenge.checkPassword(attempt, password))
      }
      return yield* SelectChallenge.offer(attempt, preferred, parameters)
    }
    if (choices.length === 0) return yield* Effect.fail(CognitoException.notAuthorized("The user has no sign-in factor the pool allows."))
    return yield* SelectChallenge.select(attempt, choices)
  })
