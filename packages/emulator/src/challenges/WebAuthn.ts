/**
 * `WEB_AUTHN`: sign-in with a passkey, as USER_AUTH's first factor. The challenge carries the
 * request options as a JSON string (`CREDENTIAL_REQUEST_OPTIONS`: a fresh challenge, the pool's
 * RP id, the user's credentials); the answer `CREDENTIAL` is the assertion as a JSON string,
 * verified in full (`WebAuthn.verifyAssertion`) before the credential's sign count is advanced.
 *
 * A refused assertion ends the session: an assertion is never worth a second look.
 *
 * @since 0.1.0
 */
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import * as Passkey from "@cognito-effect/domain/Passkey"
import { Backend } from "../Backend.js"
import * as CognitoException from "../CognitoException.js"
import * as Ids from "../Ids.js"
import * as Passkeys from "../Passkeys.js"
import * as SignIn from "../SignIn.js"
import type * as Store from "../Store.js"
import * as WebAuthnVerification from "../WebAuthn.js"

/** @since 0.1.0 */
export const name = "WEB_AUTHN"

/** How long the browser may take, as Cognito says. @since 0.1.0 */
export const timeoutMillis = 180_000

/** Asks for an assertion by one of the user's passkeys. @since 0.1.0 */
export const challenge = (attempt: SignIn.Attempt) =>
  Effect.gen(function* () {
    const rp = Passkeys.relyingParty(attempt.state.pool)
    const challengeBytes = yield* Ids.opaque(32)
    const session = yield* SignIn.openSession(attempt, name, { webAuthn: { challenge: challengeBytes }, firstFactor: name })
    const options = {
      hints: [],
      attestation: "none",
      attestationFormats: [],
      challenge: challengeBytes,
      timeout: timeoutMillis,
      rpId: rp.id,
      allowCredentials: Passkeys.of(attempt.state.pool, attempt.user).map((passkey) => ({
        id: passkey.credentialId,
        type: "public-key",
        ...(passkey.transports.length > 0 ? { transports: passkey.transports } : {})
      })),
      userVerification: rp.userVerification
    }
    return {
      ChallengeName: name,
      Session: Redacted.make(session),
      ChallengeParameters: { CREDENTIAL_REQUEST_OPTIONS: JSON.stringify(options) }
    } satisfies SignIn.AuthResponse
  })

const refused = (message: string) => CognitoException.notAuthorized(`Passkey sign-in refused: ${message}`)

const decodeCredential = (json: string) =>
  Either.match(Schema.decodeUnknownEither(Schema.parseJson(Passkey.AuthenticationResponse))(json), {
    onLeft: () => Effect.fail(CognitoException.invalidParameter("CREDENTIAL is not an AuthenticationResponseJSON.")),
    onRight: Effect.succeed
  })

/** @since 0.1.0 */
export const responder: SignIn.Responder = {
  respond: ({ session, attempt, responses }) =>
    Effect.gen(function* () {
      const backend = yield* Backend
      const credential = yield* decodeCredential(yield* SignIn.requireParameter(responses, "CREDENTIAL"))
      const issued = session.webAuthn?.challenge
      if (issued === undefined) return yield* Effect.fail(CognitoException.invalidSession())
      const current = backend.store.findUser(attempt.state, attempt.user.username) ?? attempt.user
      const passkey = Passkeys.of(attempt.state.pool, current).find((candidate) => candidate.credentialId === credential.rawId)
      if (passkey === undefined) return yield* Effect.fail(refused("the credential is not registered for this user"))
      const rp = Passkeys.relyingParty(attempt.state.pool)
      const verified = WebAuthnVerification.verifyAssertion(
        credential,
        { credentialId: passkey.credentialId, publicKey: passkey.publicKey, signCount: passkey.signCount, userHandle: Passkeys.userHandle(current) },
        { challenge: issued, rpId: rp.id, originAllowed: rp.originAllowed, userVerification: rp.userVerification }
      )
      if (Either.isLeft(verified)) return yield* Effect.fail(refused(verified.left.message))
      const now = yield* Clock.currentTimeMillis
      const used: Store.Passkey = { ...passkey, signCount: verified.right.signCount, lastUsedAt: now }
      const user: Store.User = {
        ...current,
        passkeys: (current.passkeys ?? []).map((candidate) => (candidate.credentialId === used.credentialId ? used : candidate))
      }
      backend.store.putUser(attempt.state, user)
      return { _tag: "Continue", attempt: { ...attempt, user, passed: [...attempt.passed, name] } } as const
    })
}
