/**
 * Passkey management for the signed-in user: StartWebAuthnRegistration (creation options with a
 * fresh challenge, the user's passkeys excluded), CompleteWebAuthnRegistration (the attestation
 * verified against that challenge, the pool's RP id and origins), ListWebAuthnCredentials (pages
 * of at most 20) and DeleteWebAuthnCredential.
 *
 * The registration in progress is kept like a sign-in session, one per user (a new start replaces
 * it), for five minutes, bound to the app client that started it.
 *
 * @since 0.1.0
 */
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import * as Passkey from "@cognito-effect/domain/Passkey"
import * as CompleteWebAuthnRegistration from "@cognito-effect/domain/wire/CompleteWebAuthnRegistration"
import * as DeleteWebAuthnCredential from "@cognito-effect/domain/wire/DeleteWebAuthnCredential"
import * as ListWebAuthnCredentials from "@cognito-effect/domain/wire/ListWebAuthnCredentials"
import * as StartWebAuthnRegistration from "@cognito-effect/domain/wire/StartWebAuthnRegistration"
import { Backend } from "../Backend.js"
import * as CognitoException from "../CognitoException.js"
import * as Handler from "../Handler.js"
import * as Ids from "../Ids.js"
import * as Passkeys from "../Passkeys.js"
import type * as Store from "../Store.js"
import * as Tokens from "../Tokens.js"
import * as WebAuthn from "../WebAuthn.js"

/** How long a registration may take. @since 0.1.0 */
export const registrationTimeoutMillis = 5 * 60_000

const registrationChallenge = "WEB_AUTHN_REGISTRATION"

const registrationKey = (state: Store.PoolState, user: Store.User) => `${registrationChallenge}:${state.pool.id}:${user.username}`

/** The Cognito exception a refused registration reports. */
const registrationError = (failure: WebAuthn.WebAuthnFailure) => {
  switch (failure.reason) {
    case "Challenge":
      return CognitoException.make("WebAuthnChallengeNotFoundException", failure.message)
    case "Origin":
      return CognitoException.make("WebAuthnOriginNotAllowedException", failure.message)
    case "RelyingParty":
      return CognitoException.make("WebAuthnRelyingPartyMismatchException", failure.message)
    case "Unsupported":
      return CognitoException.make("WebAuthnCredentialNotSupportedException", failure.message)
    default:
      return CognitoException.invalidParameter(`Invalid WebAuthn registration: ${failure.message}`)
  }
}

const savePasskeys = (state: Store.PoolState, user: Store.User, passkeys: ReadonlyArray<Store.Passkey>, now: number) =>
  Effect.map(Backend, (backend) => backend.store.putUser(state, { ...user, passkeys, modifiedAt: now }))

/** @since 0.1.0 */
export const startWebAuthnRegistration = Handler.make(
  StartWebAuthnRegistration.operation,
  Effect.fn("StartWebAuthnRegistration")(function* (request) {
    const backend = yield* Backend
    const { state, client, user } = yield* Tokens.authenticate(request.AccessToken)
    if (!Passkeys.enabled(state.pool)) return yield* Effect.fail(Passkeys.notEnabled())
    const existing = user.passkeys ?? []
    if (existing.length >= Passkeys.maxPerUser) {
      return yield* Effect.fail(CognitoException.make("LimitExceededException", `A user can have at most ${Passkeys.maxPerUser} passkeys.`))
    }
    const rp = Passkeys.relyingParty(state.pool)
    const challenge = yield* Ids.opaque(32)
    const now = yield* Clock.currentTimeMillis
    backend.sessions.put(
      {
        id: registrationKey(state, user),
        poolId: state.pool.id,
        clientId: client.id,
        username: user.username,
        flow: registrationChallenge,
        challenge: registrationChallenge,
        passed: [],
        expiresAt: now + registrationTimeoutMillis,
        webAuthn: { challenge }
      },
      now
    )
    const options: Passkey.CreationOptions = {
      rp: { id: rp.id, name: rp.id },
      user: { id: Passkeys.userHandle(user), name: Passkeys.accountName(user), displayName: user.attributes["name"] ?? Passkeys.accountName(user) },
      challenge,
      pubKeyCredParams: [
        { type: "public-key", alg: WebAuthn.ES256 },
        { type: "public-key", alg: WebAuthn.RS256 }
      ],
      timeout: 60_000,
      excludeCredentials: existing.map((passkey) => ({
        type: "public-key",
        id: passkey.credentialId,
        ...(passkey.transports.length > 0 ? { transports: passkey.transports } : {})
      })),
      authenticatorSelection: { requireResidentKey: true, residentKey: "required", userVerification: rp.userVerification }
    }
    return { CredentialCreationOptions: { ...Schema.encodeSync(Passkey.CreationOptions)(options) } }
  })
)

/** @since 0.1.0 */
export const completeWebAuthnRegistration = Handler.make(
  CompleteWebAuthnRegistration.operation,
  Effect.fn("CompleteWebAuthnRegistration")(function* (request) {
    const backend = yield* Backend
    const { state, client, user } = yield* Tokens.authenticate(request.AccessToken)
    if (!Passkeys.enabled(state.pool)) return yield* Effect.fail(Passkeys.notEnabled())
    const now = yield* Clock.currentTimeMillis
    const pending = backend.sessions.take(registrationKey(state, user), now)
    if (pending === "Missing" || pending === "Expired" || pending.webAuthn === undefined) {
      return yield* Effect.fail(CognitoException.make("WebAuthnChallengeNotFoundException", "No passkey registration was started, or it expired."))
    }
    if (pending.clientId !== client.id) {
      return yield* Effect.fail(CognitoException.make("WebAuthnClientMismatchException", "The registration was started by another app client."))
    }
    const credential = yield* Either.match(Schema.decodeUnknownEither(Passkey.RegistrationResponse)(request.Credential), {
      onLeft: () => Effect.fail(CognitoException.invalidParameter("Credential is not a RegistrationResponseJSON.")),
      onRight: Effect.succeed
    })
    const rp = Passkeys.relyingParty(state.pool)
    const registration = yield* Either.match(
      WebAuthn.verifyRegistration(credential, {
        challenge: pending.webAuthn.challenge,
        rpId: rp.id,
        originAllowed: rp.originAllowed,
        userVerification: rp.userVerification
      }),
      { onLeft: (failure) => Effect.fail(registrationError(failure)), onRight: Effect.succeed }
    )
    const taken = [...state.users.values()].some((other) => (other.passkeys ?? []).some((passkey) => passkey.credentialId === registration.credentialId))
    if (taken) return yield* Effect.fail(CognitoException.invalidParameter("This credential is already registered."))
    const current = backend.store.findUser(state, user.username) ?? user
    const existing = current.passkeys ?? []
    const passkey: Store.Passkey = {
      credentialId: registration.credentialId,
      publicKey: registration.publicKey,
      algorithm: registration.algorithm,
      signCount: registration.signCount,
      relyingPartyId: rp.id,
      friendlyName: `Passkey ${existing.length + 1}`,
      transports: credential.response.transports ?? [],
      ...(credential.authenticatorAttachment !== undefined ? { attachment: credential.authenticatorAttachment } : {}),
      createdAt: now
    }
    yield* savePasskeys(state, current, [...existing, passkey], now)
    return {}
  })
)

const pageSizeLimit = 20

/** @since 0.1.0 */
export const listWebAuthnCredentials = Handler.make(
  ListWebAuthnCredentials.operation,
  Effect.fn("ListWebAuthnCredentials")(function* (request) {
    const { user } = yield* Tokens.authenticate(request.AccessToken)
    const size = request.MaxResults ?? pageSizeLimit
    if (!Number.isInteger(size) || size < 1 || size > pageSizeLimit) {
      return yield* Effect.fail(CognitoException.invalidParameter(`MaxResults must be between 1 and ${pageSizeLimit}.`))
    }
    const all = user.passkeys ?? []
    // The token names the first credential of the next page, so deletions between pages skip nothing.
    const start = request.NextToken === undefined ? 0 : all.findIndex((passkey) => passkey.credentialId === request.NextToken)
    if (start < 0) return yield* Effect.fail(CognitoException.invalidParameter("Invalid NextToken."))
    const page = all.slice(start, start + size)
    const next = all[start + size]
    return {
      Credentials: page.map(Passkeys.toDescription),
      ...(next !== undefined ? { NextToken: next.credentialId } : {})
    }
  })
)

/** @since 0.1.0 */
export const deleteWebAuthnCredential = Handler.make(
  DeleteWebAuthnCredential.operation,
  Effect.fn("DeleteWebAuthnCredential")(function* (request) {
    const { state, user } = yield* Tokens.authenticate(request.AccessToken)
    const existing = user.passkeys ?? []
    if (!existing.some((passkey) => passkey.credentialId === request.CredentialId)) {
      return yield* Effect.fail(CognitoException.resourceNotFound("The credential does not exist."))
    }
    const now = yield* Clock.currentTimeMillis
    yield* savePasskeys(state, user, existing.filter((passkey) => passkey.credentialId !== request.CredentialId), now)
    return {}
  })
)

/** @since 0.1.0 */
export const handlers: ReadonlyArray<Handler.Any> = [
  startWebAuthnRegistration,
  completeWebAuthnRegistration,
  listWebAuthnCredentials,
  deleteWebAuthnCredential
]
