/**
 * A passkey authenticator in software, for Node tests and server-side scripts: it makes real
 * key pairs with WebCrypto (ES256 on P-256, or RS256), returns `none` or `packed`
 * self-attestation, signs assertions with a sign counter, and keeps its credentials in memory.
 * It behaves like a browser's authenticator where it matters: the relying-party id must be the
 * origin's host or a parent domain of it, an excluded credential it holds is refused
 * (`InvalidStateError`), a user who does not consent or cannot be verified refuses
 * (`NotAllowedError`), and those failures reach the app under Amplify's passkey names.
 *
 * @since 0.1.0
 */
import * as Cbor from "@cognito-effect/domain/Cbor"
import * as Passkey from "@cognito-effect/domain/Passkey"
import { fromAuthenticationFailure, fromRegistrationFailure, type PasskeyError } from "@cognito-effect/domain/PasskeyError"
import { Authenticator, type AuthenticatorService } from "@cognito-effect/domain/services/Authenticator"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"

/** COSE algorithm numbers. @since 0.1.0 */
export const algorithms = { ES256: -7, RS256: -257 } as const

/** How the simulated user and device behave; `update` changes it between ceremonies. @since 0.1.0 */
export interface Behaviour {
  /** the user consents (touches the authenticator); `false` cancels every ceremony */
  readonly userPresent: boolean
  /** the user is verified (biometrics, PIN): the UV flag */
  readonly userVerified: boolean
  /** `counter` counts signatures; `zero` always reports 0, as many platform authenticators do */
  readonly signCount: "counter" | "zero"
}

/** @since 0.1.0 */
export interface Options extends Partial<Behaviour> {
  /** the page's origin, e.g. `http://localhost:5173`: what `clientDataJSON.origin` says */
  readonly origin: string
  /** key type of new credentials (default ES256) */
  readonly algorithm?: keyof typeof algorithms
  /** `none` (default) or `packed` self-attestation */
  readonly attestation?: "none" | "packed"
  /** the authenticator model (16 bytes; default all zero) */
  readonly aaguid?: Uint8Array
  /** random bytes for credential ids (default `crypto.getRandomValues`) */
  readonly randomBytes?: (length: number) => Uint8Array
}

/** A credential the authenticator holds. @since 0.1.0 */
export interface StoredCredential {
  /** base64url */
  readonly id: string
  readonly rpId: string
  /** the user handle (`user.id` of the creation options), base64url */
  readonly userHandle: string
  readonly algorithm: keyof typeof algorithms
  readonly signCount: number
}

/** A software authenticator: the port plus what a test wants to look at or change. @since 0.1.0 */
export interface SoftwareAuthenticator extends AuthenticatorService {
  readonly credentials: () => ReadonlyArray<StoredCredential>
  /** forgets a credential (as a user deleting a passkey from their device) */
  readonly remove: (id: string) => void
  readonly update: (behaviour: Partial<Behaviour>) => void
  /** signs arbitrary bytes with a credential's key (for forging tests) */
  readonly sign: (id: string, data: Uint8Array) => Effect.Effect<Uint8Array>
}

interface Held {
  readonly stored: StoredCredential
  readonly privateKey: CryptoKey
}

const subtle = () => globalThis.crypto.subtle

const concat = (...parts: ReadonlyArray<Uint8Array>): Uint8Array => {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0))
  let offset = 0
  for (const part of parts) {
    out.set(part, offset)
    offset += part.length
  }
  return out
}

const sha256 = (data: Uint8Array) => Effect.promise(() => subtle().digest("SHA-256", data as Uint8Array<ArrayBuffer>)).pipe(Effect.map((digest) => new Uint8Array(digest)))

const uint32 = (value: number) => Uint8Array.of(value >>> 24, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff)

/** An ASN.1 INTEGER from unsigned big-endian bytes. */
const derInteger = (bytes: Uint8Array): Uint8Array => {
  let start = 0
  while (start < bytes.length - 1 && bytes[start] === 0) start++
  const trimmed = bytes.subarray(start)
  const body = trimmed[0]! & 0x80 ? concat(Uint8Array.of(0), trimmed) : trimmed
  return concat(Uint8Array.of(0x02, body.length), body)
}

/** WebCrypto's ECDSA signature (`r ‖ s`) → the DER `SEQUENCE { r, s }` WebAuthn carries. @since 0.1.0 */
export const ecdsaToDer = (raw: Uint8Array): Uint8Array => {
  const half = raw.length / 2
  const body = concat(derInteger(raw.subarray(0, half)), derInteger(raw.subarray(half)))
  return concat(Uint8Array.of(0x30, body.length), body)
}

const keyParams = (algorithm: keyof typeof algorithms): RsaHashedKeyGenParams | EcKeyGenParams =>
  algorithm === "ES256"
    ? { name: "ECDSA", namedCurve: "P-256" }
    : { name: "RSASSA-PKCS1-v1_5", modulusLength: 2048, publicExponent: Uint8Array.of(1, 0, 1), hash: "SHA-256" }

const signWith = (key: CryptoKey, algorithm: keyof typeof algorithms, data: Uint8Array) =>
  Effect.promise(() =>
    subtle().sign(algorithm === "ES256" ? { name: "ECDSA", hash: "SHA-256" } : { name: "RSASSA-PKCS1-v1_5" }, key, data as Uint8Array<ArrayBuffer>)
  ).pipe(Effect.map((signature) => (algorithm === "ES256" ? ecdsaToDer(new Uint8Array(signature)) : new Uint8Array(signature))))

const jwkBytes = (value: string | undefined) => Passkey.fromBase64Url(value ?? "") ?? new Uint8Array()

/** The public key as a COSE_Key map, labels in CTAP2's canonical order. */
const coseKey = (algorithm: keyof typeof algorithms, jwk: JsonWebKey): Cbor.Value =>
  algorithm === "ES256"
    ? new Map<Cbor.Value, Cbor.Value>([[1, 2], [3, algorithms.ES256], [-1, 1], [-2, jwkBytes(jwk.x)], [-3, jwkBytes(jwk.y)]])
    : new Map<Cbor.Value, Cbor.Value>([[1, 3], [3, algorithms.RS256], [-1, jwkBytes(jwk.n)], [-2, jwkBytes(jwk.e)]])

const domException = (name: string, message: string) => new DOMException(message, name)

const flags = (behaviour: Behaviour, attested: boolean) => (0x01 | (behaviour.userVerified ? 0x04 : 0) | (attested ? 0x40 : 0))

/** Makes an authenticator with no credentials. @since 0.1.0 */
export const make = (options: Options): SoftwareAuthenticator => {
  const host = new URL(options.origin).hostname
  const algorithm = options.algorithm ?? "ES256"
  const aaguid = options.aaguid ?? new Uint8Array(16)
  const randomBytes = options.randomBytes ?? ((length: number) => globalThis.crypto.getRandomValues(new Uint8Array(length)))
  let behaviour: Behaviour = {
    userPresent: options.userPresent ?? true,
    userVerified: options.userVerified ?? true,
    signCount: options.signCount ?? "counter"
  }
  const held = new Map<string, Held>()

  // The browser's rule: the RP id is the origin's host or a registrable parent of it.
  const rpIdFor = (requested: string | undefined) =>
    requested === undefined || requested === host || host.endsWith(`.${requested}`)
      ? Effect.succeed(requested ?? host)
      : Effect.fail(domException("SecurityError", `The relying party ID '${requested}' is not a registrable domain suffix of '${host}'.`))

  const consent = (userVerification: string | undefined) =>
    !behaviour.userPresent
      ? Effect.fail(domException("NotAllowedError", "The operation either timed out or was not allowed."))
      : userVerification === "required" && !behaviour.userVerified
        ? Effect.fail(domException("NotAllowedError", "User verification was required but did not succeed."))
        : Effect.void

  const clientData = (type: "webauthn.create" | "webauthn.get", challenge: string) =>
    new TextEncoder().encode(JSON.stringify({ type, challenge, origin: options.origin, crossOrigin: false }))

  const create = (request: Passkey.CreationOptions): Effect.Effect<Passkey.RegistrationResponse, PasskeyError> =>
    Effect.gen(function* () {
      const rpId = yield* rpIdFor(request.rp.id)
      if (!request.pubKeyCredParams.some((param) => param.alg === algorithms[algorithm])) {
        return yield* Effect.fail(domException("NotSupportedError", `The relying party does not accept ${algorithm}.`))
      }
      for (const excluded of request.excludeCredentials ?? []) {
        if (held.get(excluded.id)?.stored.rpId === rpId) {
          return yield* Effect.fail(domException("InvalidStateError", "The authenticator already holds one of the excluded credentials."))
        }
      }
      yield* consent(request.authenticatorSelection?.userVerification)
      // Not extractable: the private key never leaves WebCrypto (the public half always can).
      const pair = (yield* Effect.promise(() => subtle().generateKey(keyParams(algorithm), false, ["sign", "verify"]))) as CryptoKeyPair
      const jwk = yield* Effect.promise(() => subtle().exportKey("jwk", pair.publicKey))
      const spki = new Uint8Array(yield* Effect.promise(() => subtle().exportKey("spki", pair.publicKey)))
      const credentialId = randomBytes(32)
      const id = Passkey.toBase64Url(credentialId)
      const authenticatorData = concat(
        yield* sha256(new TextEncoder().encode(rpId)),
        Uint8Array.of(flags(behaviour, true)),
        uint32(0),
        aaguid,
        Uint8Array.of(credentialId.length >> 8, credentialId.length & 0xff),
        credentialId,
        Cbor.encode(coseKey(algorithm, jwk))
      )
      const clientDataJSON = clientData("webauthn.create", request.challenge)
      const statement =
        options.attestation === "packed"
          ? new Map<Cbor.Value, Cbor.Value>([
              ["alg", algorithms[algorithm]],
              ["sig", yield* signWith(pair.privateKey, algorithm, concat(authenticatorData, yield* sha256(clientDataJSON)))]
            ])
          : new Map<Cbor.Value, Cbor.Value>()
      const attestationObject = Cbor.encode(
        new Map<Cbor.Value, Cbor.Value>([
          ["fmt", options.attestation ?? "none"],
          ["attStmt", statement],
          ["authData", authenticatorData]
        ])
      )
      held.set(id, {
        stored: { id, rpId, userHandle: request.user.id, algorithm, signCount: 0 },
        privateKey: pair.privateKey
      })
      return {
        id,
        rawId: id,
        type: "public-key",
        clientExtensionResults: {},
        authenticatorAttachment: "platform",
        response: {
          clientDataJSON: Passkey.toBase64Url(clientDataJSON),
          attestationObject: Passkey.toBase64Url(attestationObject),
          transports: ["internal"],
          publicKeyAlgorithm: algorithms[algorithm],
          authenticatorData: Passkey.toBase64Url(authenticatorData),
          publicKey: Passkey.toBase64Url(spki)
        }
      } satisfies Passkey.RegistrationResponse
    }).pipe(Effect.mapError(fromRegistrationFailure))

  const get = (request: Passkey.RequestOptions): Effect.Effect<Passkey.AuthenticationResponse, PasskeyError> =>
    Effect.gen(function* () {
      const rpId = yield* rpIdFor(request.rpId)
      const allowed = new Set((request.allowCredentials ?? []).map((descriptor) => descriptor.id))
      const candidate = [...held.values()].find(({ stored }) => stored.rpId === rpId && (allowed.size === 0 || allowed.has(stored.id)))
      if (candidate === undefined) {
        return yield* Effect.fail(domException("NotAllowedError", "No passkey on this authenticator matches the request."))
      }
      yield* consent(request.userVerification)
      const signCount = behaviour.signCount === "counter" ? candidate.stored.signCount + 1 : 0
      const stored = { ...candidate.stored, signCount }
      held.set(stored.id, { ...candidate, stored })
      const authenticatorData = concat(yield* sha256(new TextEncoder().encode(rpId)), Uint8Array.of(flags(behaviour, false)), uint32(signCount))
      const clientDataJSON = clientData("webauthn.get", request.challenge)
      const signature = yield* signWith(candidate.privateKey, stored.algorithm, concat(authenticatorData, yield* sha256(clientDataJSON)))
      return {
        id: stored.id,
        rawId: stored.id,
        type: "public-key",
        clientExtensionResults: {},
        authenticatorAttachment: "platform",
        response: {
          clientDataJSON: Passkey.toBase64Url(clientDataJSON),
          authenticatorData: Passkey.toBase64Url(authenticatorData),
          signature: Passkey.toBase64Url(signature),
          userHandle: stored.userHandle
        }
      } satisfies Passkey.AuthenticationResponse
    }).pipe(Effect.mapError(fromAuthenticationFailure))

  return {
    create,
    get,
    credentials: () => [...held.values()].map(({ stored }) => stored),
    remove: (id) => {
      held.delete(id)
    },
    update: (patch) => {
      behaviour = { ...behaviour, ...patch }
    },
    sign: (id, data) => {
      const entry = held.get(id)
      return entry === undefined ? Effect.dieMessage(`no credential ${id}`) : signWith(entry.privateKey, entry.stored.algorithm, data)
    }
  }
}

/** The port over an authenticator a test also holds. @since 0.1.0 */
export const layerFrom = (authenticator: AuthenticatorService): Layer.Layer<Authenticator> => Layer.succeed(Authenticator, authenticator)

/** A fresh software authenticator as the port. @since 0.1.0 */
export const layer = (options: Options): Layer.Layer<Authenticator> => Layer.sync(Authenticator, () => make(options))
