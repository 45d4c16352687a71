/**
 * RespondToAuthChallenge: takes the session (single use), checks it belongs to this app client
 * and challenge, that `USERNAME` names the same user (alias or canonical name) and SECRET_HASH,
 * then hands the answer to the challenge's responder (`Challenges.responders`) and continues the
 * sign-in.
 *
 * @since 0.1.0
 */
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import * as RespondToAuthChallengeWire from "@cognito-effect/domain/wire/RespondToAuthChallenge"
import { Backend } from "../Backend.js"
import * as Challenges from "../Challenges.js"
import * as CognitoException from "../CognitoException.js"
import * as Handler from "../Handler.js"
import * as SignIn from "../SignIn.js"

/** @since 0.1.0 */
export const respondToAuthChallenge = Handler.make(
  RespondToAuthChallengeWire.operation,
  Effect.fn("RespondToAuthChallenge")(function* (request) {
    const backend = yield* Backend
    const { state, client } = yield* SignIn.clientFor(request.ClientId)
    const responder = Challenges.responders[request.ChallengeName]
    if (responder === undefined) {
      return yield* Effect.fail(CognitoException.invalidParameter(`Unsupported challenge ${request.ChallengeName}`))
    }
    const responses = SignIn.reveal(request.ChallengeResponses)
    const username = yield* SignIn.requireParameter(responses, "USERNAME")
    const key =
      responder.sessionKey?.(responses) ?? (request.Session === undefined ? undefined : Redacted.value(request.Session))
    if (key === undefined) return yield* Effect.fail(CognitoException.invalidParameter("Missing required parameter Session"))
    const now = yield* Clock.currentTimeMillis
    const session = backend.sessions.take(key, now)
    if (session === "Expired") return yield* Effect.fail(CognitoException.expiredSession())
    if (session === "Missing" || session.clientId !== client.id || session.poolId !== state.pool.id) {
      return yield* Effect.fail(CognitoException.invalidSession())
    }
    if (session.challenge !== request.ChallengeName) return yield* Effect.fail(CognitoException.invalidSession())
    if (session.decoy === true) return yield* Effect.fail(CognitoException.incorrectCredentials())
    const user = backend.store.findUser(state, username)
    if (user === undefined || user.username !== session.username) return yield* Effect.fail(CognitoException.incorrectCredentials())
    yield* SignIn.requireSecretHash(client, [username, user.username], responses["SECRET_HASH"])
    yield* SignIn.requireUsable(user)
    // DEVICE_KEY may come with any answer (Amplify adds it to PASSWORD_VERIFIER and MFA codes).
    const deviceKey = responses["DEVICE_KEY"] || session.deviceKey
    const step = yield* responder.respond({
      session,
      attempt: { state, client, user, flow: session.flow, passed: session.passed, ...(deviceKey ? { deviceKey } : {}) },
      responses,
      request
    })
    return step._tag === "Respond" ? step.response : yield* Challenges.advance(step.attempt)
  }),
  { replayable: true }
)

/** @since 0.1.0 */
export const handlers: ReadonlyArray<Handler.Any> = [respondToAuthChallenge]
