import { assert, describe, it } from "@effect/vitest"
import * as SoftwareAuthenticator from "@cognito-effect/adapters/SoftwareAuthenticator"
import * as Cbor from "@cognito-effect/domain/Cbor"
import type * as Passkey from "@cognito-effect/domain/Passkey"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as FastCheck from "effect/FastCheck"
import * as NodeCrypto from "node:crypto"

const origin = "https://app.example.com"
const creation: Passkey.CreationOptions = {
  rp: { id: "example.com", name: "Example" },
  user: { id: "dXNlci0x", name: "ada@example.com", displayName: "Ada" },
  challenge: "Y3JlYXRlLWNoYWxsZW5nZQ",
  pubKeyCredParams: [
    { type: "public-key", alg: -7 },
    { type: "public-key", alg: -257 }
  ],
  authenticatorSelection: { userVerification: "required" }
}
const request: Passkey.RequestOptions = { challenge: "Z2V0LWNoYWxsZW5nZQ", rpId: "example.com", userVerification: "required" }

const bytes = (base64url: string) => Buffer.from(base64url, "base64url")
const sha256 = (data: Uint8Array | string) => NodeCrypto.createHash("sha256").update(data).digest()

/** The credential's public key from its attestation, as node:crypto reads it (independently of the emulator). */
const publicKeyOf = (registration: Passkey.RegistrationResponse) => NodeCrypto.createPublicKey({ key: bytes(registration.response.publicKey!), format: "der", type: "spki" })

describe("SoftwareAuthenticator", () => {
  it.effect("makes an ES256 credential: none attestation, authenticator data with the RP hash, flags and COSE key", () =>
    Effect.gen(function* () {
      const authenticator = SoftwareAuthenticator.make({ origin })
      const registration = yield* authenticator.create(creation)
      assert.strictEqual(registration.id, registration.rawId)
      assert.strictEqual(bytes(registration.rawId).length, 32)
      assert.deepStrictEqual(JSON.parse(bytes(registration.response.clientDataJSON).toString()), {
        type: "webauthn.create",
        challenge: creation.challenge,
        origin,
        crossOrigin: false
      })
      const attestation = Either.getOrThrow(Cbor.decode(bytes(registration.response.attestationObject)))
      assert.strictEqual(Cbor.get(attestation, "fmt"), "none")
      assert.strictEqual((Cbor.get(attestation, "attStmt") as ReadonlyMap<Cbor.Value, Cbor.Value>).size, 0)
      const authData = Buffer.from(Cbor.get(attestation, "authData") as Uint8Array)
      assert.strictEqual(registration.response.authenticatorData, authData.toString("base64url"))
      assert.deepStrictEqual(authData.subarray(0, 32), sha256("example.com"))
      assert.strictEqual(authData[32], 0x45) // UP | UV | AT
      assert.strictEqual(authData.readUInt32BE(33), 0)
      assert.deepStrictEqual(authData.subarray(55, 87), bytes(registration.rawId))
      const cose = Either.getOrThrow(Cbor.decode(authData.subarray(87)))
      assert.deepStrictEqual([Cbor.get(cose, 1), Cbor.get(cose, 3), Cbor.get(cose, -1)], [2, -7, 1])
      const jwk = publicKeyOf(registration).export({ format: "jwk" })
      assert.strictEqual(Buffer.from(Cbor.get(cose, -2) as Uint8Array).toString("base64url"), jwk.x)
      assert.deepStrictEqual(authenticator.credentials(), [
        { id: registration.id, rpId: "example.com", userHandle: creation.user.id, algorithm: "ES256", signCount: 0 }
      ])
    }))

  it.effect("packed self-attestation is signed by the credential key (ES256 and RS256)", () =>
    Effect.gen(function* () {
      for (const algorithm of ["ES256", "RS256"] as const) {
        const registration = yield* SoftwareAuthenticator.make({ origin, algorithm, attestation: "packed" }).create(creation)
        const attestation = Either.getOrThrow(Cbor.decode(bytes(registration.response.attestationObject)))
        const statement = Cbor.get(attestation, "attStmt")
        assert.strictEqual(Cbor.get(statement, "alg"), SoftwareAuthenticator.algorithms[algorithm])
        const signed = Buffer.concat([Cbor.get(attestation, "authData") as Uint8Array, sha256(bytes(registration.response.clientDataJSON))])
        const key = publicKeyOf(registration)
        const signature = Cbor.get(statement, "sig") as Uint8Array
        const valid = algorithm === "ES256" ? NodeCrypto.verify("sha256", signed, { key, dsaEncoding: "der" }, signature) : NodeCrypto.verify("sha256", signed, key, signature)
        assert.isTrue(valid, algorithm)
        assert.strictEqual(registration.response.publicKeyAlgorithm, SoftwareAuthenticator.algorithms[algorithm])
      }
    }))

  it.effect("asserts with a growing sign count, or always 0, signing authenticator data ‖ SHA-256(clientDataJSON)", () =>
    Effect.gen(function* () {
      for (const signCount of ["counter", "zero"] as const) {
        const authenticator = SoftwareAuthenticator.make({ origin, signCount })
        const registration = yield* authenticator.create(creation)
        for (const expected of signCount === "counter" ? [1, 2] : [0, 0]) {
          const assertion = yield* authenticator.get(request)
          const authData = bytes(assertion.response.authenticatorData)
          assert.strictEqual(authData.length, 37)
          assert.strictEqual(authData[32], 0x05)
          assert.strictEqual(authData.readUInt32BE(33), expected)
          assert.strictEqual(assertion.response.userHandle, creation.user.id)
          const clientData = bytes(assertion.response.clientDataJSON)
          assert.strictEqual(JSON.parse(clientData.toString()).type, "webauthn.get")
          assert.isTrue(
            NodeCrypto.verify("sha256", Buffer.concat([authData, sha256(clientData)]), { key: publicKeyOf(registration), dsaEncoding: "der" }, bytes(assertion.response.signature))
          )
        }
      }
    }))

  it.effect("behaves like a browser: RP id of another site, excluded credentials, no consent, no verification", () =>
    Effect.gen(function* () {
      const authenticator = SoftwareAuthenticator.make({ origin })
      assert.strictEqual((yield* Effect.flip(authenticator.create({ ...creation, rp: { id: "evil.com", name: "x" } }))).code, "RelyingPartyMismatch")
      assert.strictEqual((yield* Effect.flip(authenticator.get(request))).code, "PasskeyAuthenticationCanceled")
      const registration = yield* authenticator.create(creation)
      const again = { ...creation, excludeCredentials: [{ type: "public-key", id: registration.id }] }
      assert.strictEqual((yield* Effect.flip(authenticator.create(again))).code, "PasskeyAlreadyExists")
      assert.strictEqual((yield* Effect.flip(authenticator.get({ ...request, rpId: "other.com" }))).code, "RelyingPartyMismatch")
      assert.strictEqual((yield* Effect.flip(authenticator.get({ ...request, allowCredentials: [{ id: "AAAA", type: "public-key" }] }))).code, "PasskeyAuthenticationCanceled")
      authenticator.update({ userPresent: false })
      assert.strictEqual((yield* Effect.flip(authenticator.get(request))).code, "PasskeyAuthenticationCanceled")
      authenticator.update({ userPresent: true, userVerified: false })
      assert.strictEqual((yield* Effect.flip(authenticator.get(request))).code, "PasskeyAuthenticationCanceled")
      const unverified = yield* authenticator.get({ ...request, userVerification: "preferred" })
      assert.strictEqual(bytes(unverified.response.authenticatorData)[32], 0x01)
      authenticator.remove(registration.id)
      assert.deepStrictEqual(authenticator.credentials(), [])
      const rsaOnly = { ...creation, pubKeyCredParams: [{ type: "public-key", alg: -257 }] }
      assert.strictEqual((yield* Effect.flip(authenticator.create(rsaOnly))).code, "Unknown")
    }))

  it("ecdsaToDer turns r ‖ s into the DER that node:crypto verifies", () => {
    const { privateKey, publicKey } = NodeCrypto.generateKeyPairSync("ec", { namedCurve: "P-256" })
    FastCheck.assert(
      FastCheck.property(FastCheck.uint8Array({ minLength: 1, maxLength: 64 }), (message) => {
        const raw = NodeCrypto.sign("sha256", message, { key: privateKey, dsaEncoding: "ieee-p1363" })
        const der = SoftwareAuthenticator.ecdsaToDer(raw)
        assert.isTrue(NodeCrypto.verify("sha256", message, { key: publicKey, dsaEncoding: "der" }, der))
      }),
      { numRuns: 50 }
    )
    // Leading zeros are trimmed, a high bit gets a 0x00 pad.
    const crafted = Uint8Array.from([...new Uint8Array(31), 0x7f, 0x80, ...new Uint8Array(31).fill(1)])
    assert.strictEqual(Buffer.from(SoftwareAuthenticator.ecdsaToDer(crafted)).toString("hex"), `3026${"02017f"}${"022100"}80${"01".repeat(31)}`)
  })
})
