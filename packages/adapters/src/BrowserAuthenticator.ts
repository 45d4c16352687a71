/**
 * The passkey authenticator of a browser: `navigator.credentials.create` / `get`, with Amplify's
 * conversions between the JSON Cognito speaks (base64url strings) and the `ArrayBuffer`s the
 * WebAuthn API takes and returns, and Amplify's names for every failure (`PasskeyNotSupported`
 * outside a secure context or without the API, `PasskeyRegistrationCanceled` when the user says
 * no, …). Interrupting a ceremony aborts it (the `signal` of the call).
 *
 * @since 0.1.0
 */
import { Authenticator, type AuthenticatorService } from "@cognito-effect/domain/services/Authenticator"
import * as Passkey from "@cognito-effect/domain/Passkey"
import {
  fromAuthenticationFailure,
  fromRegistrationFailure,
  type PasskeyError,
  passkeyError,
  type PasskeyErrorCode
} from "@cognito-effect/domain/PasskeyError"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"

/** What the layer reads from the page; tests pass their own. @since 0.1.0 */
export interface Platform {
  readonly isSecureContext: boolean
  /** `navigator.credentials`, if present */
  readonly credentials: Pick<CredentialsContainer, "create" | "get"> | undefined
  /** whether `window.PublicKeyCredential` exists */
  readonly hasPublicKeyCredential: boolean
}

/** The page this code runs in, or `undefined` outside a browser. @since 0.1.0 */
export const currentPlatform = (): Platform | undefined => {
  const scope = globalThis as { window?: unknown; navigator?: { credentials?: CredentialsContainer }; isSecureContext?: boolean; PublicKeyCredential?: unknown }
  if (scope.window === undefined || scope.navigator === undefined) return undefined
  return {
    isSecureContext: scope.isSecureContext === true,
    credentials: scope.navigator.credentials,
    hasPublicKeyCredential: typeof scope.PublicKeyCredential === "function"
  }
}

/** Amplify's test: a browser, a secure context, `navigator.credentials` and `PublicKeyCredential`. @since 0.1.0 */
export const isSupported = (platform: Platform | undefined): platform is Platform & { readonly credentials: NonNullable<Platform["credentials"]> } =>
  platform !== undefined && platform.isSecureContext && platform.credentials !== undefined && platform.hasPublicKeyCredential

const bytesOf = (text: string, invalid: PasskeyErrorCode) => {
  const bytes = Passkey.fromBase64Url(text)
  return bytes === undefined ? Effect.fail(passkeyError(invalid, { message: `Not base64url: ${text}` })) : Effect.succeed(bytes)
}

const buffer = (bytes: Uint8Array): ArrayBuffer => bytes.slice().buffer as ArrayBuffer

const base64Url = (data: ArrayBuffer | ArrayBufferView): string =>
  Passkey.toBase64Url(
    data instanceof ArrayBuffer ? new Uint8Array(data) : new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
  )

/** JSON creation options → the `publicKey` member of `navigator.credentials.create`. @since 0.1.0 */
export const toCreationOptions = (options: Passkey.CreationOptions) =>
  Effect.gen(function* () {
    const invalid = "InvalidPasskeyRegistrationOptions"
    const excludeCredentials: Array<PublicKeyCredentialDescriptor> = []
    for (const descriptor of options.excludeCredentials ?? []) {
      excludeCredentials.push({ ...descriptor, type: "public-key", id: buffer(yield* bytesOf(descriptor.id, invalid)) } as PublicKeyCredentialDescriptor)
    }
    return {
      ...options,
      challenge: buffer(yield* bytesOf(options.challenge, invalid)),
      user: { ...options.user, id: buffer(yield* bytesOf(options.user.id, invalid)) },
      excludeCredentials
    } as unknown as PublicKeyCredentialCreationOptions
  })

/** JSON request options → the `publicKey` member of `navigator.credentials.get`. @since 0.1.0 */
export const toRequestOptions = (options: Passkey.RequestOptions) =>
  Effect.gen(function* () {
    const invalid = "InvalidPasskeyAuthenticationOptions"
    const allowCredentials: Array<PublicKeyCredentialDescriptor> = []
    for (const descriptor of options.allowCredentials ?? []) {
      allowCredentials.push({ ...descriptor, type: "public-key", id: buffer(yield* bytesOf(descriptor.id, invalid)) } as PublicKeyCredentialDescriptor)
    }
    return { ...options, challenge: buffer(yield* bytesOf(options.challenge, invalid)), allowCredentials } as unknown as PublicKeyCredentialRequestOptions
  })

/** The members of a `PublicKeyCredential` the conversions read (duck-typed, so any realm works). */
interface CredentialLike {
  readonly id: string
  readonly rawId: ArrayBuffer
  readonly type: string
  readonly authenticatorAttachment?: string | null
  readonly getClientExtensionResults?: () => AuthenticationExtensionsClientOutputs
  readonly response: Partial<AuthenticatorAttestationResponse & AuthenticatorAssertionResponse>
}

const attempt = <A>(code: PasskeyErrorCode, message: string, read: () => A): Effect.Effect<A, PasskeyError> =>
  Effect.try({ try: read, catch: (cause) => passkeyError(code, { message, cause }) })

/** What `create` returned → RegistrationResponseJSON. @since 0.1.0 */
export const fromAttestation = (credential: Credential | null): Effect.Effect<Passkey.RegistrationResponse, PasskeyError> => {
  const failed = "PasskeyRegistrationFailed"
  const candidate = credential as CredentialLike | null
  const response = candidate?.response
  if (candidate === null || response?.clientDataJSON === undefined || response.attestationObject === undefined) {
    return Effect.fail(passkeyError(failed, { message: "Missing required attestation data" }))
  }
  return attempt(failed, "Failed to serialize attestation response", () => {
    const publicKey = response.getPublicKey?.()
    const authenticatorData = response.getAuthenticatorData?.()
    const algorithm = response.getPublicKeyAlgorithm?.()
    return {
      id: candidate.id,
      rawId: base64Url(candidate.rawId),
      type: candidate.type,
      clientExtensionResults: { ...(candidate.getClientExtensionResults?.() ?? {}) },
      ...(candidate.authenticatorAttachment ? { authenticatorAttachment: candidate.authenticatorAttachment } : {}),
      response: {
        clientDataJSON: base64Url(response.clientDataJSON!),
        attestationObject: base64Url(response.attestationObject!),
        transports: response.getTransports?.() ?? [],
        ...(algorithm === undefined ? {} : { publicKeyAlgorithm: algorithm }),
        ...(authenticatorData === undefined ? {} : { authenticatorData: base64Url(authenticatorData) }),
        ...(publicKey ? { publicKey: base64Url(publicKey) } : {})
      }
    }
  })
}

/** What `get` returned → AuthenticationResponseJSON. @since 0.1.0 */
export const fromAssertion = (credential: Credential | null): Effect.Effect<Passkey.AuthenticationResponse, PasskeyError> => {
  const failed = "PasskeyRetrievalFailed"
  const candidate = credential as CredentialLike | null
  const response = candidate?.response
  if (candidate === null || response?.clientDataJSON === undefined || response.authenticatorData === undefined || response.signature === undefined) {
    return Effect.fail(passkeyError(failed, { message: "Missing required assertion data" }))
  }
  return attempt(failed, "Failed to serialize assertion response", () => ({
    id: candidate.id,
    rawId: base64Url(candidate.rawId),
    type: candidate.type,
    clientExtensionResults: { ...(candidate.getClientExtensionResults?.() ?? {}) },
    ...(candidate.authenticatorAttachment ? { authenticatorAttachment: candidate.authenticatorAttachment } : {}),
    response: {
      clientDataJSON: base64Url(response.clientDataJSON!),
      authenticatorData: base64Url(response.authenticatorData!),
      signature: base64Url(response.signature!),
      ...(response.userHandle ? { userHandle: base64Url(response.userHandle) } : {})
    }
  }))
}

/** The authenticator over a page's `navigator.credentials`. @since 0.1.0 */
export const make = (platform: () => Platform | undefined = currentPlatform): AuthenticatorService => ({
  create: (options) =>
    Effect.gen(function* () {
      const page = platform()
      if (!isSupported(page)) return yield* passkeyError("PasskeyNotSupported")
      const publicKey = yield* toCreationOptions(options)
      const credential = yield* Effect.tryPromise({
        try: (signal) => page.credentials.create({ publicKey, signal }),
        catch: fromRegistrationFailure
      })
      return yield* fromAttestation(credential)
    }),
  get: (options) =>
    Effect.gen(function* () {
      const page = platform()
      if (!isSupported(page)) return yield* passkeyError("PasskeyNotSupported")
      const publicKey = yield* toRequestOptions(options)
      const credential = yield* Effect.tryPromise({
        try: (signal) => page.credentials.get({ publicKey, signal }),
        catch: fromAuthenticationFailure
      })
      return yield* fromAssertion(credential)
    })
})

/** @since 0.1.0 */
export const layer: Layer.Layer<Authenticator> = Layer.sync(Authenticator, () => make())

/** Over a given platform (tests, other realms). @since 0.1.0 */
export const layerPlatform = (platform: () => Platform | undefined): Layer.Layer<Authenticator> =>
  Layer.succeed(Authenticator, make(platform))
