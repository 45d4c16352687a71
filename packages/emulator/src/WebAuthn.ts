/**
 * The relying party's half of WebAuthn (W3C WebAuthn Level 2, §7.1 and §7.2), with `node:crypto`:
 * reading `clientDataJSON`, authenticator data and COSE public keys, verifying a registration
 * (`none` and `packed` attestation, ES256 and RS256 keys) and an assertion (challenge, origin,
 * RP id hash, user presence and verification, signature, sign count).
 *
 * Everything here is pure: callers say what they expect (`Expectation`) and map a refusal's
 * `reason` to the Cognito exception their operation reports.
 *
 * @since 0.1.0
 */
import * as Data from "effect/Data"
import * as Either from "effect/Either"
import * as Cbor from "@cognito-effect/domain/Cbor"
import * as Passkey from "@cognito-effect/domain/Passkey"
import * as NodeCrypto from "node:crypto"
import * as Ids from "./Ids.js"

/** COSE algorithm numbers the emulator accepts. @since 0.1.0 */
export const ES256 = -7
/** @since 0.1.0 */
export const RS256 = -257

/** Why a ceremony was refused. @since 0.1.0 */
export type Reason =
  | "Malformed"
  | "Challenge"
  | "Origin"
  | "RelyingParty"
  | "UserPresence"
  | "UserVerification"
  | "Unsupported"
  | "Signature"
  | "Counter"
  | "Credential"

/** @since 0.1.0 */
export class WebAuthnFailure extends Data.TaggedError("WebAuthnFailure")<{ readonly reason: Reason; readonly message: string }> {}

const refuse = (reason: Reason, message: string) => Either.left(new WebAuthnFailure({ reason, message }))

/** What the relying party expects of a ceremony. @since 0.1.0 */
export interface Expectation {
  /** the challenge it issued, base64url */
  readonly challenge: string
  readonly rpId: string
  readonly originAllowed: (origin: string) => boolean
  readonly userVerification: "required" | "preferred"
}

/** @since 0.1.0 */
export const sha256 = (data: Uint8Array | string): Uint8Array => new Uint8Array(NodeCrypto.createHash("sha256").update(data).digest())

const equalBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && NodeCrypto.timingSafeEqual(a, b)

const bytesOf = (text: string, what: string) => {
  const bytes = Passkey.fromBase64Url(text)
  return bytes === undefined ? refuse("Malformed", `${what} is not base64url`) : Either.right(bytes)
}

// --- clientDataJSON ----------------------------------------------------------------------

/** The members of `clientDataJSON` a relying party checks. @since 0.1.0 */
export interface ClientData {
  readonly type: string
  readonly challenge: string
  readonly origin: string
  readonly crossOrigin?: boolean
}

/** @since 0.1.0 */
export const parseClientData = (bytes: Uint8Array): Either.Either<ClientData, WebAuthnFailure> => {
  let value: unknown
  try {
    value = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes))
  } catch {
    return refuse("Malformed", "clientDataJSON is not JSON")
  }
  if (typeof value !== "object" || value === null) return refuse("Malformed", "clientDataJSON is not an object")
  const { type, challenge, origin, crossOrigin } = value as Record<string, unknown>
  if (typeof type !== "string" || typeof challenge !== "string" || typeof origin !== "string") {
    return refuse("Malformed", "clientDataJSON lacks type, challenge or origin")
  }
  return Either.right({ type, challenge, origin, ...(typeof crossOrigin === "boolean" ? { crossOrigin } : {}) })
}

const checkClientData = (clientData: ClientData, type: string, expected: Expectation): Either.Either<void, WebAuthnFailure> => {
  if (clientData.type !== type) return refuse("Malformed", `clientDataJSON.type is ${clientData.type}, not ${type}`)
  if (!Ids.constantTimeEqual(clientData.challenge, expected.challenge)) return refuse("Challenge", "The challenge does not match the one issued")
  if (!expected.originAllowed(clientData.origin)) return refuse("Origin", `Origin ${clientData.origin} is not allowed`)
  if (clientData.crossOrigin === true) return refuse("Origin", "Cross-origin ceremonies are not allowed")
  return Either.void
}

// --- authenticator data ------------------------------------------------------------------

/** Authenticator data (§6.1). @since 0.1.0 */
export interface AuthenticatorData {
  readonly rpIdHash: Uint8Array
  readonly userPresent: boolean
  readonly userVerified: boolean
  readonly signCount: number
  /** present at registration (flag AT) */
  readonly attested?: {
    readonly aaguid: Uint8Array
    readonly credentialId: Uint8Array
    /** the COSE_Key, as encoded */
    readonly publicKey: Uint8Array
  }
}

/** @since 0.1.0 */
export const parseAuthenticatorData = (bytes: Uint8Array): Either.Either<AuthenticatorData, WebAuthnFailure> => {
  if (bytes.length < 37) return refuse("Malformed", "authenticator data is shorter than 37 bytes")
  const flags = bytes[32]!
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const base = {
    rpIdHash: bytes.slice(0, 32),
    userPresent: (flags & 0x01) !== 0,
    userVerified: (flags & 0x04) !== 0,
    signCount: view.getUint32(33)
  }
  let offset = 37
  let attested: AuthenticatorData["attested"]
  if ((flags & 0x40) !== 0) {
    if (bytes.length < offset + 18) return refuse("Malformed", "attested credential data is truncated")
    const aaguid = bytes.slice(offset, offset + 16)
    const idLength = view.getUint16(offset + 16)
    offset += 18
    if (bytes.length < offset + idLength) return refuse("Malformed", "credential id is truncated")
    const credentialId = bytes.slice(offset, offset + idLength)
    offset += idLength
    const key = Cbor.decodeFirst(bytes, offset)
    if (Either.isLeft(key)) return refuse("Malformed", `credential public key: ${key.left.message}`)
    attested = { aaguid, credentialId, publicKey: bytes.slice(offset, key.right.end) }
    offset = key.right.end
  }
  if ((flags & 0x80) !== 0) {
    const extensions = Cbor.decodeFirst(bytes, offset)
    if (Either.isLeft(extensions)) return refuse("Malformed", `extensions: ${extensions.left.message}`)
    offset = extensions.right.end
  }
  if (offset !== bytes.length) return refuse("Malformed", "authenticator data has trailing bytes")
  return Either.right(attested === undefined ? base : { ...base, attested })
}

const checkAuthenticatorData = (data: AuthenticatorData, expected: Expectation): Either.Either<void, WebAuthnFailure> => {
  if (!equalBytes(data.rpIdHash, sha256(expected.rpId))) return refuse("RelyingParty", `The RP id hash is not that of ${expected.rpId}`)
  if (!data.userPresent) return refuse("UserPresence", "The user was not present")
  if (expected.userVerification === "required" && !data.userVerified) return refuse("UserVerification", "The user was not verified")
  return Either.void
}

// --- COSE keys and signatures ------------------------------------------------------------

/** A credential public key, ready to verify with. @since 0.1.0 */
export interface PublicKey {
  readonly algorithm: number
  readonly key: NodeCrypto.KeyObject
}

const jwkMember = (value: Cbor.Value, what: string, length?: number): Either.Either<string, WebAuthnFailure> =>
  value instanceof Uint8Array && (length === undefined || value.length === length)
    ? Either.right(Passkey.toBase64Url(value))
    : refuse("Malformed", `COSE key member ${what} is missing or malformed`)

/** Reads a COSE_Key (RFC 9053): EC2 P-256 with ES256, or RSA with RS256. @since 0.1.0 */
export const publicKeyFromCose = (bytes: Uint8Array): Either.Either<PublicKey, WebAuthnFailure> =>
  Either.gen(function* () {
    const cose = yield* Either.mapLeft(Cbor.decode(bytes), (error) => new WebAuthnFailure({ reason: "Malformed", message: `COSE key: ${error.message}` }))
    if (!(cose instanceof Map)) return yield* refuse("Malformed", "The COSE key is not a map")
    const kty = Cbor.get(cose, 1)
    const algorithm = Cbor.get(cose, 3)
    let jwk: NodeCrypto.JsonWebKey
    if (kty === 2 && algorithm === ES256) {
      if (Cbor.get(cose, -1) !== 1) return yield* refuse("Unsupported", "Only the P-256 curve is supported")
      jwk = { kty: "EC", crv: "P-256", x: yield* jwkMember(Cbor.get(cose, -2), "x", 32), y: yield* jwkMember(Cbor.get(cose, -3), "y", 32) }
    } else if (kty === 3 && algorithm === RS256) {
      jwk = { kty: "RSA", n: yield* jwkMember(Cbor.get(cose, -1), "n"), e: yield* jwkMember(Cbor.get(cose, -2), "e") }
    } else {
      return yield* refuse("Unsupported", `Unsupported key type ${String(kty)} with algorithm ${String(algorithm)} (ES256 and RS256 are)`)
    }
    try {
      return { algorithm: algorithm as number, key: NodeCrypto.createPublicKey({ key: jwk, format: "jwk" }) }
    } catch {
      return yield* refuse("Malformed", "The COSE key is not a valid public key")
    }
  })

/** Checks a WebAuthn signature (ECDSA in DER, or RSASSA-PKCS1-v1_5) over `data` with SHA-256. @since 0.1.0 */
export const verifySignature = (publicKey: PublicKey, data: Uint8Array, signature: Uint8Array): boolean => {
  try {
    return publicKey.algorithm === ES256
      ? NodeCrypto.verify("sha256", data, { key: publicKey.key, dsaEncoding: "der" }, signature)
      : NodeCrypto.verify("sha256", data, publicKey.key, signature)
  } catch {
    return false
  }
}

const concat = (a: Uint8Array, b: Uint8Array) => Buffer.concat([a, b])

// --- attestation -------------------------------------------------------------------------

/** `packed` attestation (§8.2): self-attestation by the credential key, or a certificate (no trust anchors here). */
const verifyPacked = (
  statement: Cbor.Value,
  credentialKey: PublicKey,
  signed: Uint8Array
): Either.Either<void, WebAuthnFailure> => {
  const algorithm = Cbor.get(statement, "alg")
  const signature = Cbor.get(statement, "sig")
  const x5c = Cbor.get(statement, "x5c")
  if (typeof algorithm !== "number" || !(signature instanceof Uint8Array)) return refuse("Malformed", "packed attestation lacks alg or sig")
  if (x5c === undefined) {
    if (algorithm !== credentialKey.algorithm) return refuse("Malformed", "Self-attestation alg differs from the credential's")
    return verifySignature(credentialKey, signed, signature) ? Either.void : refuse("Signature", "The self-attestation signature is invalid")
  }
  const leaf = Array.isArray(x5c) ? x5c[0] : undefined
  if (!(leaf instanceof Uint8Array)) return refuse("Malformed", "packed attestation x5c is not a certificate list")
  try {
    const certificate = new NodeCrypto.X509Certificate(leaf)
    if (algorithm !== ES256 && algorithm !== RS256) return refuse("Unsupported", `Attestation algorithm ${algorithm} is not supported`)
    return verifySignature({ algorithm, key: certificate.publicKey }, signed, signature)
      ? Either.void
      : refuse("Signature", "The attestation signature does not match its certificate")
  } catch {
    return refuse("Malformed", "The attestation certificate cannot be read")
  }
}

/** What a verified registration yields. @since 0.1.0 */
export interface Registration {
  /** base64url */
  readonly credentialId: string
  /** the COSE_Key, base64url */
  readonly publicKey: string
  readonly algorithm: number
  readonly signCount: number
  readonly aaguid: Uint8Array
  readonly format: string
}

/**
 * Verifies a RegistrationResponseJSON against what the relying party expects (§7.1).
 * @since 0.1.0
 */
export const verifyRegistration = (
  credential: Passkey.RegistrationResponse,
  expected: Expectation
): Either.Either<Registration, WebAuthnFailure> =>
  Either.gen(function* () {
    if (credential.type !== "public-key" || credential.id !== credential.rawId) return yield* refuse("Malformed", "The credential's type or id is wrong")
    const clientDataBytes = yield* bytesOf(credential.response.clientDataJSON, "clientDataJSON")
    yield* checkClientData(yield* parseClientData(clientDataBytes), "webauthn.create", expected)
    const attestation = yield* Either.mapLeft(
      Cbor.decode(yield* bytesOf(credential.response.attestationObject, "attestationObject")),
      (error) => new WebAuthnFailure({ reason: "Malformed", message: `attestationObject: ${error.message}` })
    )
    const format = Cbor.get(attestation, "fmt")
    const statement = Cbor.get(attestation, "attStmt")
    const authData = Cbor.get(attestation, "authData")
    if (typeof format !== "string" || !(statement instanceof Map) || !(authData instanceof Uint8Array)) {
      return yield* refuse("Malformed", "attestationObject lacks fmt, attStmt or authData")
    }
    const data = yield* parseAuthenticatorData(authData)
    yield* checkAuthenticatorData(data, expected)
    const attested = data.attested
    if (attested === undefined) return yield* refuse("Malformed", "The authenticator data carries no credential")
    if (Passkey.toBase64Url(attested.credentialId) !== credential.rawId) return yield* refuse("Malformed", "The credential id differs from rawId")
    const publicKey = yield* publicKeyFromCose(attested.publicKey)
    const signed = concat(authData, sha256(clientDataBytes))
    if (format === "none") {
      if (statement.size !== 0) return yield* refuse("Malformed", "none attestation must have an empty statement")
    } else if (format === "packed") {
      yield* verifyPacked(statement, publicKey, signed)
    } else {
      return yield* refuse("Unsupported", `Attestation format ${format} is not supported (none and packed are)`)
    }
    return {
      credentialId: credential.rawId,
      publicKey: Passkey.toBase64Url(attested.publicKey),
      algorithm: publicKey.algorithm,
      signCount: data.signCount,
      aaguid: attested.aaguid,
      format
    }
  })

// --- assertion ---------------------------------------------------------------------------

/** A registered credential as the assertion check needs it. @since 0.1.0 */
export interface Registered {
  readonly credentialId: string
  /** COSE_Key, base64url */
  readonly publicKey: string
  readonly signCount: number
  /** the user handle the credential was made for, base64url */
  readonly userHandle: string
}

/**
 * Verifies an AuthenticationResponseJSON for a registered credential (§7.2). Returns the new
 * sign count to store.
 * @since 0.1.0
 */
export const verifyAssertion = (
  credential: Passkey.AuthenticationResponse,
  registered: Registered,
  expected: Expectation
): Either.Either<{ readonly signCount: number }, WebAuthnFailure> =>
  Either.gen(function* () {
    if (credential.type !== "public-key" || credential.id !== credential.rawId) return yield* refuse("Malformed", "The credential's type or id is wrong")
    if (credential.rawId !== registered.credentialId) return yield* refuse("Credential", "The credential is not the one registered")
    const userHandle = credential.response.userHandle
    if (userHandle !== undefined && userHandle !== "" && userHandle !== registered.userHandle) {
      return yield* refuse("Credential", "The user handle belongs to another user")
    }
    const clientDataBytes = yield* bytesOf(credential.response.clientDataJSON, "clientDataJSON")
    yield* checkClientData(yield* parseClientData(clientDataBytes), "webauthn.get", expected)
    const authData = yield* bytesOf(credential.response.authenticatorData, "authenticatorData")
    const data = yield* parseAuthenticatorData(authData)
    yield* checkAuthenticatorData(data, expected)
    const publicKey = yield* publicKeyFromCose(yield* bytesOf(registered.publicKey, "the stored public key"))
    const signature = yield* bytesOf(credential.response.signature, "signature")
    if (!verifySignature(publicKey, concat(authData, sha256(clientDataBytes)), signature)) {
      return yield* refuse("Signature", "The signature is invalid")
    }
    // §7.2 step 21: a counter that does not grow means a cloned authenticator (or a replay).
    if ((data.signCount !== 0 || registered.signCount !== 0) && data.signCount <= registered.signCount) {
      return yield* refuse("Counter", `The sign count ${data.signCount} does not exceed ${registered.signCount}`)
    }
    return { signCount: data.signCount }
  })
