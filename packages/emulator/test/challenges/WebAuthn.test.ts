/**
 * The WEB_AUTHN challenge against forged and replayed assertions. Assertions are built by hand
 * and signed with the registered credential's real key (`SoftwareAuthenticator.sign`), so each
 * refusal below comes from the check it names, not from a broken signature.
 */
import { assert, describe, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import type * as SoftwareAuthenticator from "@cognito-effect/adapters/SoftwareAuthenticator"
import type * as Passkey from "@cognito-effect/domain/Passkey"
import * as NodeCrypto from "node:crypto"
import { ok, TestEmulator } from "../Harness.js"
import { answerPasskey, device, origin, passkeyChallenge, passwordlessPool, register, signedInUser } from "../PasskeyClient.js"

const sha256 = (data: Uint8Array | string) => NodeCrypto.createHash("sha256").update(data).digest()
const b64url = (data: Uint8Array) => Buffer.from(data).toString("base64url")

interface Forgery {
  readonly type?: string
  readonly challenge?: string
  readonly origin?: string
  readonly rpId?: string
  /** UP = 0x01, UV = 0x04 */
  readonly flags?: number
  readonly signCount?: number
  readonly userHandle?: string
  /** sign with another credential's key */
  readonly signer?: { readonly authenticator: SoftwareAuthenticator.SoftwareAuthenticator; readonly id: string }
  readonly credentialId?: string
}

/** An AuthenticationResponseJSON built by hand and signed by the credential's key. */
const forge = (authenticator: SoftwareAuthenticator.SoftwareAuthenticator, options: Passkey.RequestOptions, forgery: Forgery = {}) =>
  Effect.gen(function* () {
    const held = authenticator.credentials()[0]!
    const clientData = Buffer.from(
      JSON.stringify({ type: forgery.type ?? "webauthn.get", challenge: forgery.challenge ?? options.challenge, origin: forgery.origin ?? origin, crossOrigin: false })
    )
    const count = Buffer.alloc(4)
    count.writeUInt32BE(forgery.signCount ?? held.signCount + 10)
    const authenticatorData = Buffer.concat([sha256(forgery.rpId ?? "localhost"), Buffer.of(forgery.flags ?? 0x05), count])
    const signer = forgery.signer ?? { authenticator, id: held.id }
    const signature = yield* signer.authenticator.sign(signer.id, Buffer.concat([authenticatorData, sha256(clientData)]))
    const id = forgery.credentialId ?? held.id
    return {
      id,
      rawId: id,
      type: "public-key",
      clientExtensionResults: {},
      response: {
        clientDataJSON: b64url(clientData),
        authenticatorData: b64url(authenticatorData),
        signature: b64url(signature),
        userHandle: forgery.userHandle ?? held.userHandle
      }
    }
  })

/** A user with one registered passkey, ready to sign in. */
const setUp = (pool: Record<string, unknown> = {}, authenticatorOptions: Partial<SoftwareAuthenticator.Options> = {}) =>
  Effect.gen(function* () {
    const { userPoolId, clientId } = yield* passwordlessPool(pool)
    const user = yield* signedInUser(userPoolId, clientId)
    const authenticator = device(authenticatorOptions)
    yield* register(user.accessToken, authenticator)
    return { userPoolId, clientId, username: user.username, accessToken: user.accessToken, authenticator }
  })

/** Starts a passkey sign-in and answers it with `build(options)`. */
const attempt = (
  clientId: string,
  username: string,
  build: (options: Passkey.RequestOptions) => Effect.Effect<unknown>
) =>
  Effect.gen(function* () {
    const { challenge, options } = yield* passkeyChallenge(clientId, username)
    return yield* answerPasskey(clientId, username, challenge.Session, yield* build(options))
  })

const refusedWith = (answer: { readonly status: number; readonly body: any }, fragment: string) => {
  assert.strictEqual(answer.status, 400, JSON.stringify(answer.body))
  assert.strictEqual(answer.body.__type, "NotAuthorizedException")
  assert.include(answer.body.message, fragment)
}

layer(TestEmulator.layer())("WEB_AUTHN sign-in", (it) => {
  it.effect("a well-formed hand-made assertion is accepted (the forgeries below differ in one thing each)", () =>
    Effect.gen(function* () {
      const { clientId, username, authenticator } = yield* setUp()
      const answer = yield* attempt(clientId, username, (options) => forge(authenticator, options))
      assert.strictEqual(answer.status, 200)
    }))

  describe("replays", () => {
    it.effect("an assertion for an earlier challenge is refused", () =>
      Effect.gen(function* () {
        const { clientId, username, authenticator } = yield* setUp()
        const first = yield* passkeyChallenge(clientId, username)
        const assertion = yield* Effect.orDie(authenticator.get(first.options))
        assert.strictEqual((yield* answerPasskey(clientId, username, first.challenge.Session, assertion)).status, 200)
        refusedWith(yield* attempt(clientId, username, () => Effect.succeed(assertion)), "challenge")
      }))

    it.effect("an answered session takes no second assertion", () =>
      Effect.gen(function* () {
        const { clientId, username, authenticator } = yield* setUp()
        const { challenge, options } = yield* passkeyChallenge(clientId, username)
        assert.strictEqual((yield* answerPasskey(clientId, username, challenge.Session, yield* Effect.orDie(authenticator.get(options)))).status, 200)
        const second = yield* answerPasskey(clientId, username, challenge.Session, yield* Effect.orDie(authenticator.get(options)))
        assert.deepStrictEqual([second.body.__type, second.body.message], ["NotAuthorizedException", "Invalid session for the user."])
      }))

    it.effect("a sign count that does not grow is a cloned authenticator", () =>
      Effect.gen(function* () {
        const { clientId, username, authenticator } = yield* setUp()
        assert.strictEqual((yield* attempt(clientId, username, (options) => forge(authenticator, options, { signCount: 7 }))).status, 200)
        refusedWith(yield* attempt(clientId, username, (options) => forge(authenticator, options, { signCount: 7 })), "sign count 7 does not exceed 7")
        refusedWith(yield* attempt(clientId, username, (options) => forge(authenticator, options, { signCount: 3 })), "sign count")
      }))

    it.effect("an authenticator that always reports 0 keeps working", () =>
      Effect.gen(function* () {
        const { clientId, username, authenticator } = yield* setUp({}, { signCount: "zero" })
        for (let i = 0; i < 2; i++) {
          const answer = yield* attempt(clientId, username, (options) => Effect.orDie(authenticator.get(options)))
          assert.strictEqual(answer.status, 200)
        }
      }))
  })

  describe("forgeries", () => {
    it.effect("a broken signature, or one by another key", () =>
      Effect.gen(function* () {
        const { clientId, username, authenticator } = yield* setUp()
        const broken = yield* attempt(clientId, username, (options) =>
          Effect.map(forge(authenticator, options), (assertion) => {
            const signature = Buffer.from(assertion.response.signature, "base64url")
            signature[10] = signature[10]! ^ 0x01
            return { ...assertion, response: { ...assertion.response, signature: signature.toString("base64url") } }
          })
        )
        refusedWith(broken, "signature is invalid")
        const other = yield* setUp()
        const foreign = yield* attempt(clientId, username, (options) =>
          forge(authenticator, options, { signer: { authenticator: other.authenticator, id: other.authenticator.credentials()[0]!.id } })
        )
        refusedWith(foreign, "signature is invalid")
      }))

    it.effect("another origin, another RP id, the registration ceremony's type", () =>
      Effect.gen(function* () {
        const { clientId, username, authenticator } = yield* setUp()
        refusedWith(yield* attempt(clientId, username, (options) => forge(authenticator, options, { origin: "https://phish.example" })), "Origin https://phish.example is not allowed")
        refusedWith(yield* attempt(clientId, username, (options) => forge(authenticator, options, { rpId: "example.com" })), "RP id hash")
        refusedWith(yield* attempt(clientId, username, (options) => forge(authenticator, options, { type: "webauthn.create" })), "webauthn.create")
        refusedWith(yield* attempt(clientId, username, (options) => forge(authenticator, options, { challenge: "AAAAAAAAAAAAAAAAAAAAAA" })), "challenge")
      }))

    it.effect("no user presence; no user verification where the pool requires it", () =>
      Effect.gen(function* () {
        const { userPoolId, clientId, username, authenticator } = yield* setUp()
        refusedWith(yield* attempt(clientId, username, (options) => forge(authenticator, options, { flags: 0x04 })), "not present")
        // UV is only "preferred" by default: an unverified user still signs in.
        assert.strictEqual((yield* attempt(clientId, username, (options) => forge(authenticator, options, { flags: 0x01, signCount: 10 }))).status, 200)
        yield* ok("SetUserPoolMfaConfig", { UserPoolId: userPoolId, MfaConfiguration: "OFF", WebAuthnConfiguration: { UserVerification: "required" } })
        refusedWith(yield* attempt(clientId, username, (options) => forge(authenticator, options, { flags: 0x01 })), "not verified")
        assert.strictEqual((yield* attempt(clientId, username, (options) => forge(authenticator, options, { signCount: 20 }))).status, 200)
      }))

    it.effect("a credential of nobody, of another user, or another user's handle", () =>
      Effect.gen(function* () {
        const { userPoolId, clientId, username, authenticator } = yield* setUp()
        refusedWith(yield* attempt(clientId, username, (options) => forge(authenticator, options, { credentialId: "bm90LWEtY3JlZGVudGlhbA" })), "not registered")
        refusedWith(yield* attempt(clientId, username, (options) => forge(authenticator, options, { userHandle: "c29tZW9uZS1lbHNl" })), "user handle")
        const stranger = yield* signedInUser(userPoolId, clientId)
        const theirs = device()
        yield* register(stranger.accessToken, theirs)
        refusedWith(yield* attempt(clientId, username, (options) => forge(theirs, options)), "not registered for this user")
      }))

    it.effect("CREDENTIAL that is not an AuthenticationResponseJSON", () =>
      Effect.gen(function* () {
        const { clientId, username } = yield* setUp()
        const answer = yield* attempt(clientId, username, () => Effect.succeed({ id: "x" }))
        assert.strictEqual(answer.body.__type, "InvalidParameterException")
      }))
  })
})
