import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as SoftwareAuthenticator from "@cognito-effect/adapters/SoftwareAuthenticator"
import * as Cbor from "@cognito-effect/domain/Cbor"
import type * as Passkey from "@cognito-effect/domain/Passkey"
import * as NodeCrypto from "node:crypto"
import * as WebAuthn from "../src/WebAuthn.js"

const origin = "http://localhost:5173"
const challenge = "c2lnbi1pbi1jaGFsbGVuZ2UtMzItYnl0ZXMtbG9uZy4uLg"
const expected: WebAuthn.Expectation = {
  challenge,
  rpId: "localhost",
  originAllowed: (candidate) => candidate === origin,
  userVerification: "required"
}

const creation: Passkey.CreationOptions = {
  challenge,
  rp: { id: "localhost", name: "localhost" },
  user: { id: "dXNlci1oYW5kbGU", name: "ada@example.com", displayName: "Ada" },
  pubKeyCredParams: [
    { type: "public-key", alg: -7 },
    { type: "public-key", alg: -257 }
  ],
  authenticatorSelection: { userVerification: "required" }
}

/** A self-signed P-256 test certificate and its key (a fixed test vector, trusted by nobody). */
const attestationKey = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgNunrPHRsJ9Exmkct
KX9/ObUUop8jhUzFNc0taC/vCnuhRANCAASBWCfH5d6OmylBiI6u1VNas6ePjNZi
rhKZJRYMdpIa/Px1y9p6uo+4ose1poQXlowNhVKu68inonPLeOZvSQuv
-----END PRIVATE KEY-----`
const attestationCertificate = `-----BEGIN CERTIFICATE-----
MIICPzCCAeWgAwIBAgIUSHadrVZS7PUfMNQrPcMPRug0CI8wCgYIKoZIzj0EAwIw
dDELMAkGA1UEBhMCVVMxHTAbBgNVBAoMFGNvZ25pdG8tZWZmZWN0IHRlc3RzMSIw
IAYDVQQLDBlBdXRoZW50aWNhdG9yIEF0dGVzdGF0aW9uMSIwIAYDVQQDDBllbXVs
YXRvciB0ZXN0IGF0dGVzdGF0aW9uMCAXDTI2MTEyNzE5MDcwMVoYDzIxMjYxMTAz
MTkwNzAxWjB0MQswCQYDVQQGEwJVUzEdMBsGA1UECgwUY29nbml0by1lZmZlY3Qg
dGVzdHMxIjAgBgNVBAsMGUF1dGhlbnRpY2F0b3IgQXR0ZXN0YXRpb24xIjAgBgNV
BAMMGWVtdWxhdG9yIHRlc3QgYXR0ZXN0YXRpb24wWTATBgcqhkjOPQIBBggqhkjO
PQMBBwNCAASBWCfH5d6OmylBiI6u1VNas6ePjNZirhKZJRYMdpIa/Px1y9p6uo+4
ose1poQXlowNhVKu68inonPLeOZvSQuvo1MwUTAdBgNVHQ4EFgQUDjmBN9wcFDi6
MKQR7n6iCp9Y4v4wHwYDVR0jBBgwFoAUDjmBN9wcFDi6MKQR7n6iCp9Y4v4wDwYD
VR0TAQH/BAUwAwEB/zAKBggqhkjOPQQDAgNIADBFAiEAir+eQN4qikST/8WbF2HW
mpcmvqSRJ8Rb32Vs0DFiWEMCIH0vLnKveLFchzXZT7PKtRwwxcBUTQ/eh/sYVA4Q
a+5+
-----END CERTIFICATE-----`

const bytes = (base64url: string) => new Uint8Array(Buffer.from(base64url, "base64url"))
const b64url = (data: Uint8Array) => Buffer.from(data).toString("base64url")

const attested = (options: Partial<SoftwareAuthenticator.Options> = {}) =>
  Effect.orDie(SoftwareAuthenticator.make({ origin, ...options }).create(creation))

/** The credential with its attestation object rebuilt from `fmt` and `attStmt`. */
const withAttestation = (credential: Passkey.RegistrationResponse, fmt: string, statement: (authData: Uint8Array, clientDataHash: Uint8Array) => Cbor.Value) => {
  const original = Either.getOrThrow(Cbor.decode(bytes(credential.response.attestationObject)))
  const authData = Cbor.get(original, "authData") as Uint8Array
  const object = new Map<Cbor.Value, Cbor.Value>([
    ["fmt", fmt],
    ["attStmt", statement(authData, WebAuthn.sha256(bytes(credential.response.clientDataJSON)))],
    ["authData", authData]
  ])
  return { ...credential, response: { ...credential.response, attestationObject: b64url(Cbor.encode(object)) } }
}

const reasonOf = <A>(result: Either.Either<A, WebAuthn.WebAuthnFailure>) => (Either.isLeft(result) ? result.left.reason : "accepted")

describe("WebAuthn", () => {
  describe("parseAuthenticatorData", () => {
    it("reads the RP id hash, the flags, the counter and the attested credential", () => {
      const coseKey = Cbor.encode(new Map<Cbor.Value, Cbor.Value>([[1, 2], [3, -7]]))
      const data = Buffer.concat([Buffer.alloc(32, 7), Buffer.of(0x45), Buffer.of(0, 0, 1, 2), Buffer.alloc(16, 9), Buffer.of(0, 3), Buffer.of(1, 2, 3), coseKey])
      const parsed = Either.getOrThrow(WebAuthn.parseAuthenticatorData(data))
      assert.deepStrictEqual(parsed.rpIdHash, new Uint8Array(32).fill(7))
      assert.isTrue(parsed.userPresent)
      assert.isTrue(parsed.userVerified)
      assert.strictEqual(parsed.signCount, 258)
      assert.deepStrictEqual(parsed.attested?.credentialId, Uint8Array.of(1, 2, 3))
      assert.deepStrictEqual(parsed.attested?.publicKey, new Uint8Array(coseKey))
    })

    it("reads past extensions and refuses truncation or trailing bytes", () => {
      const head = (flags: number) => Buffer.concat([Buffer.alloc(32), Buffer.of(flags), Buffer.alloc(4)])
      const extensions = Cbor.encode(new Map([["credProtect", 2]]))
      assert.isTrue(Either.isRight(WebAuthn.parseAuthenticatorData(Buffer.concat([head(0x81), extensions]))))
      assert.strictEqual(reasonOf(WebAuthn.parseAuthenticatorData(Buffer.alloc(36))), "Malformed")
      assert.strictEqual(reasonOf(WebAuthn.parseAuthenticatorData(Buffer.concat([head(0x01), Buffer.of(0)]))), "Malformed")
      assert.strictEqual(reasonOf(WebAuthn.parseAuthenticatorData(Buffer.concat([head(0x41), Buffer.alloc(16), Buffer.of(0, 9), Buffer.of(1)]))), "Malformed")
    })
  })

  it("parseClientData refuses what is not clientDataJSON", () => {
    assert.strictEqual(reasonOf(WebAuthn.parseClientData(Buffer.from("{"))), "Malformed")
    assert.strictEqual(reasonOf(WebAuthn.parseClientData(Buffer.from(JSON.stringify({ type: "webauthn.get" })))), "Malformed")
    assert.deepStrictEqual(
      Either.getOrThrow(WebAuthn.parseClientData(Buffer.from(JSON.stringify({ type: "t", challenge: "c", origin: "o", crossOrigin: false, extra: 1 })))),
      { type: "t", challenge: "c", origin: "o", crossOrigin: false }
    )
  })

  it("publicKeyFromCose reads EC2 P-256 and RSA keys and refuses others", () => {
    const ec = NodeCrypto.generateKeyPairSync("ec", { namedCurve: "P-256" }).publicKey.export({ format: "jwk" })
    const cose = (entries: ReadonlyArray<readonly [number, Cbor.Value]>) => Cbor.encode(new Map<Cbor.Value, Cbor.Value>(entries))
    const x = bytes(ec.x!)
    const y = bytes(ec.y!)
    assert.strictEqual(Either.getOrThrow(WebAuthn.publicKeyFromCose(cose([[1, 2], [3, -7], [-1, 1], [-2, x], [-3, y]]))).algorithm, -7)
    assert.strictEqual(reasonOf(WebAuthn.publicKeyFromCose(cose([[1, 1], [3, -8], [-1, 6], [-2, x]]))), "Unsupported")
    assert.strictEqual(reasonOf(WebAuthn.publicKeyFromCose(cose([[1, 2], [3, -7], [-1, 2], [-2, x], [-3, y]]))), "Unsupported")
    assert.strictEqual(reasonOf(WebAuthn.publicKeyFromCose(cose([[1, 2], [3, -7], [-1, 1], [-2, x]]))), "Malformed")
    assert.strictEqual(reasonOf(WebAuthn.publicKeyFromCose(cose([[1, 2], [3, -7], [-1, 1], [-2, x], [-3, new Uint8Array(32)]]))), "Malformed")
    assert.strictEqual(reasonOf(WebAuthn.publicKeyFromCose(Cbor.encode([1, 2]))), "Malformed")
  })

  describe("verifyRegistration", () => {
    it.effect("accepts ES256 with none attestation and RS256 with packed self-attestation", () =>
      Effect.gen(function* () {
        const none = yield* attested()
        const registered = Either.getOrThrow(WebAuthn.verifyRegistration(none, expected))
        assert.strictEqual(registered.format, "none")
        assert.strictEqual(registered.algorithm, -7)
        assert.strictEqual(registered.credentialId, none.rawId)
        assert.strictEqual(registered.signCount, 0)
        const packed = yield* attested({ algorithm: "RS256", attestation: "packed" })
        const rsa = Either.getOrThrow(WebAuthn.verifyRegistration(packed, expected))
        assert.deepStrictEqual([rsa.format, rsa.algorithm], ["packed", -257])
      }))

    it.effect("accepts packed attestation by a certificate, and refuses a signature its certificate did not make", () =>
      Effect.gen(function* () {
        const credential = yield* attested()
        const certificate = new NodeCrypto.X509Certificate(attestationCertificate).raw
        const signedBy = (key: NodeCrypto.KeyObject) =>
          withAttestation(credential, "packed", (authData, hash) =>
            new Map<Cbor.Value, Cbor.Value>([
              ["alg", -7],
              ["sig", new Uint8Array(NodeCrypto.sign("sha256", Buffer.concat([authData, hash]), key))],
              ["x5c", [new Uint8Array(certificate)]]
            ])
          )
        assert.strictEqual(Either.getOrThrow(WebAuthn.verifyRegistration(signedBy(NodeCrypto.createPrivateKey(attestationKey)), expected)).format, "packed")
        const stranger = NodeCrypto.generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey
        assert.strictEqual(reasonOf(WebAuthn.verifyRegistration(signedBy(stranger), expected)), "Signature")
      }))

    it.effect("refuses other formats, a none statement with content, a self-attestation naming another algorithm", () =>
      Effect.gen(function* () {
        const credential = yield* attested()
        assert.strictEqual(reasonOf(WebAuthn.verifyRegistration(withAttestation(credential, "tpm", () => new Map()), expected)), "Unsupported")
        const filled = withAttestation(credential, "none", () => new Map<Cbor.Value, Cbor.Value>([["alg", -7]]))
        assert.strictEqual(reasonOf(WebAuthn.verifyRegistration(filled, expected)), "Malformed")
        const lying = withAttestation(credential, "packed", () => new Map<Cbor.Value, Cbor.Value>([["alg", -257], ["sig", new Uint8Array(8)]]))
        assert.strictEqual(reasonOf(WebAuthn.verifyRegistration(lying, expected)), "Malformed")
      }))

    it.effect("checks challenge, origin, RP id, user verification and the credential id", () =>
      Effect.gen(function* () {
        const credential = yield* attested()
        assert.strictEqual(reasonOf(WebAuthn.verifyRegistration(credential, { ...expected, challenge: "b3RoZXI" })), "Challenge")
        assert.strictEqual(reasonOf(WebAuthn.verifyRegistration(credential, { ...expected, originAllowed: () => false })), "Origin")
        assert.strictEqual(reasonOf(WebAuthn.verifyRegistration(credential, { ...expected, rpId: "example.com" })), "RelyingParty")
        assert.strictEqual(reasonOf(WebAuthn.verifyRegistration({ ...credential, rawId: "AAAA" }, expected)), "Malformed")
        assert.strictEqual(reasonOf(WebAuthn.verifyRegistration({ ...credential, type: "password" }, expected)), "Malformed")
        const unverified = yield* Effect.orDie(
          SoftwareAuthenticator.make({ origin, userVerified: false }).create({ ...creation, authenticatorSelection: { userVerification: "preferred" } })
        )
        assert.strictEqual(reasonOf(WebAuthn.verifyRegistration(unverified, expected)), "UserVerification")
        assert.strictEqual(reasonOf(WebAuthn.verifyRegistration(unverified, { ...expected, userVerification: "preferred" })), "accepted")
      }))
  })

  describe("verifyAssertion", () => {
    it.effect("accepts the registered key's assertion, with a growing counter or a counter stuck at zero", () =>
      Effect.gen(function* () {
        for (const signCount of ["counter", "zero"] as const) {
          const authenticator = SoftwareAuthenticator.make({ origin, signCount })
          const registration = Either.getOrThrow(WebAuthn.verifyRegistration(yield* Effect.orDie(authenticator.create(creation)), expected))
          const registered = { ...registration, userHandle: creation.user.id }
          const assertion = yield* Effect.orDie(authenticator.get({ challenge, rpId: "localhost", userVerification: "required" }))
          const first = Either.getOrThrow(WebAuthn.verifyAssertion(assertion, registered, expected))
          assert.strictEqual(first.signCount, signCount === "counter" ? 1 : 0)
          const again = WebAuthn.verifyAssertion(assertion, { ...registered, signCount: first.signCount }, expected)
          assert.strictEqual(reasonOf(again), signCount === "counter" ? "Counter" : "accepted")
        }
      }))
  })
})
