/**
 * InitiateAuth: USER_SRP_AUTH, USER_PASSWORD_AUTH, CUSTOM_AUTH (with `SRP_A` +
 * `CHALLENGE_NAME: "SRP_A"`, or without) and REFRESH_TOKEN_AUTH / REFRESH_TOKEN.
 *
 * Order of refusals: app client and flow, SECRET_HASH, unknown user (hidden or not, per the
 * client), reset-required and disabled users, lockout; then the password, then "not confirmed".
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import * as InitiateAuthWire from "@cognito-effect/domain/wire/InitiateAuth"
import { Backend } from "../Backend.js"
import * as Challenges from "../Challenges.js"
import * as PasswordVerifier from "../challenges/PasswordVerifier.js"
import * as CognitoException from "../CognitoException.js"
import * as Handler from "../Handler.js"
import * as Passwords from "../Passwords.js"
import * as SignIn from "../SignIn.js"
import type * as Store from "../Store.js"
import * as Tokens from "../Tokens.js"
import * as UserAuth from "../UserAuth.js"

const refreshTokenAuth = (state: Store.PoolState, client: Store.Client, parameters: Readonly<Record<string, string>>) =>
  Effect.gen(function* () {
    yield* SignIn.requireFlow(client, "REFRESH_TOKEN_AUTH")
    if (client.settings.RefreshTokenRotation?.Feature === "ENABLED") {
      return yield* Effect.fail(
        CognitoException.invalidParameter("Refresh token rotation is enabled for this client: use GetTokensFromRefreshToken.")
      )
    }
    const token = yield* SignIn.requireParameter(parameters, "REFRESH_TOKEN")
    const redeemed = yield* Tokens.redeem({ state, client, token: Redacted.make(token) })
    yield* SignIn.requireSecretHash(client, [redeemed.user.username], parameters["SECRET_HASH"])
    const result = yield* Tokens.refresh({ state, client, redeemed, rotate: false, graceSeconds: 0 })
    return { ChallengeParameters: {}, AuthenticationResult: result } satisfies SignIn.AuthResponse
  })

/** @since 0.1.0 */
export const initiateAuth = Handler.make(
  InitiateAuthWire.operation,
  Effect.fn("InitiateAuth")(function* (request) {
    const backend = yield* Backend
    const { state, client } = yield* SignIn.clientFor(request.ClientId)
    const parameters = SignIn.reveal(request.AuthParameters)
    const flow = request.AuthFlow
    if (flow === "REFRESH_TOKEN_AUTH" || flow === "REFRESH_TOKEN") return yield* refreshTokenAuth(state, client, parameters)
    if (flow === "USER_AUTH") return yield* UserAuth.initiate({ state, client, parameters, session: request.Session })
    if (flow !== "USER_SRP_AUTH" && flow !== "USER_PASSWORD_AUTH" && flow !== "CUSTOM_AUTH") {
      return yield* Effect.fail(CognitoException.invalidParameter(`${flow} flow not enabled for this client`))
    }
    yield* SignIn.requireFlow(client, flow)
    const typed = yield* SignIn.requireParameter(parameters, "USERNAME")
    const srpA = flow === "USER_SRP_AUTH" || parameters["CHALLENGE_NAME"] === "SRP_A" ? yield* SignIn.requireParameter(parameters, "SRP_A") : undefined
    const user = backend.store.findUser(state, typed)
    yield* SignIn.requireSecretHash(client, [typed, ...(user ? [user.username] : [])], parameters["SECRET_HASH"])
    if (user === undefined) {
      if (SignIn.hidesUsers(client) && srpA !== undefined) return yield* PasswordVerifier.decoy({ state, client, typed, flow, srpA })
      return yield* Effect.fail(SignIn.unknownUser(client))
    }
    yield* SignIn.requireUsable(user)
    const deviceKey = parameters["DEVICE_KEY"]
    const attempt: SignIn.Attempt = { state, client, user, flow, passed: [], ...(deviceKey ? { deviceKey } : {}) }
    if (srpA !== undefined) {
      yield* SignIn.requireNotLockedOut(user)
      return yield* PasswordVerifier.start(attempt, srpA)
    }
    if (flow === "USER_PASSWORD_AUTH") {
      const password = Redacted.make(yield* SignIn.requireParameter(parameters, "PASSWORD"))
      yield* SignIn.requireNotLockedOut(user)
      if (!(yield* Passwords.matches({ pool: state.pool, user, password }))) {
        yield* SignIn.recordFailure(state, user.username)
        return yield* Effect.fail(CognitoException.incorrectCredentials())
      }
      yield* SignIn.requireConfirmed(state, user)
      return yield* Challenges.advance({ ...attempt, passed: ["PASSWORD"] })
    }
    // CUSTOM_AUTH without SRP: the custom challenge is the first factor.
    if (user.status === "UNCONFIRMED") {
      return yield* Effect.fail(CognitoException.make("UserNotConfirmedException", "User is not confirmed."))
    }
    return yield* Challenges.advance(attempt)
  })
)

/** @since 0.1.0 */
export const handlers: ReadonlyArray<Handler.Any> = [initiateAuth]
