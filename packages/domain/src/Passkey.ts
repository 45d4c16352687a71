/**
 * The JSON forms of the two WebAuthn ceremonies, as Cognito and Amplify exchange them: the
 * options Cognito sends (`PublicKeyCredentialCreationOptionsJSON` from
 * StartWebAuthnRegistration, `PublicKeyCredentialRequestOptionsJSON` inside the `WEB_AUTHN`
 * challenge) and what the authenticator answers (`RegistrationResponseJSON`,
 * `AuthenticationResponseJSON`). Every binary member is base64url without padding.
 *
 * Decoding the options checks what Amplify checks before it calls the browser (the members it
 * needs, base64url ids and challenges) and fails with its passkey error names.
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import * as Encoding from "effect/Encoding"
import * as Schema from "effect/Schema"
import { type PasskeyError, passkeyError } from "./PasskeyError.js"

/** A base64url string (no padding). @since 0.1.0 @category primitives */
export const Base64Url = Schema.String.pipe(Schema.pattern(/^[A-Za-z0-9_-]*$/, { identifier: "Base64Url" }))

/** Bytes → base64url without padding. @since 0.1.0 @category primitives */
export const toBase64Url = (bytes: Uint8Array): string => Encoding.encodeBase64Url(bytes)

/** base64url (padding tolerated) → bytes; `undefined` when it is not base64url. @since 0.1.0 @category primitives */
export const fromBase64Url = (text: string): Uint8Array | undefined => {
  const result = Encoding.decodeBase64Url(text.replace(/=+$/, ""))
  return Either.isRight(result) ? result.right : undefined
}

/** `{type: "public-key", id, transports?}`. @since 0.1.0 @category options */
export const CredentialDescriptor = Schema.Struct({
  type: Schema.String,
  id: Base64Url,
  transports: Schema.optional(Schema.Array(Schema.String))
})
/** @since 0.1.0 @category options */
export type CredentialDescriptor = typeof CredentialDescriptor.Type

/** PublicKeyCredentialCreationOptionsJSON (StartWebAuthnRegistration's `CredentialCreationOptions`). @since 0.1.0 @category options */
export const CreationOptions = Schema.Struct({
  challenge: Base64Url,
  rp: Schema.Struct({ id: Schema.optional(Schema.String), name: Schema.String }),
  user: Schema.Struct({ id: Base64Url, name: Schema.String, displayName: Schema.String }),
  pubKeyCredParams: Schema.Array(Schema.Struct({ type: Schema.String, alg: Schema.Number })),
  timeout: Schema.optional(Schema.Number),
  excludeCredentials: Schema.optional(Schema.Array(CredentialDescriptor)),
  authenticatorSelection: Schema.optional(
    Schema.Struct({
      authenticatorAttachment: Schema.optional(Schema.String),
      requireResidentKey: Schema.optional(Schema.Boolean),
      residentKey: Schema.optional(Schema.String),
      userVerification: Schema.optional(Schema.String)
    })
  ),
  attestation: Schema.optional(Schema.String),
  hints: Schema.optional(Schema.Array(Schema.String)),
  extensions: Schema.optional(Schema.Record({ key: Schema.String, value: Schema.Unknown }))
})
/** @since 0.1.0 @category options */
export type CreationOptions = typeof CreationOptions.Type

/** PublicKeyCredentialRequestOptionsJSON (the `WEB_AUTHN` challenge's `CREDENTIAL_REQUEST_OPTIONS`). @since 0.1.0 @category options */
export const RequestOptions = Schema.Struct({
  challenge: Base64Url,
  rpId: Schema.optional(Schema.String),
  timeout: Schema.optional(Schema.Number),
  allowCredentials: Schema.optional(Schema.Array(CredentialDescriptor)),
  userVerification: Schema.optional(Schema.String),
  hints: Schema.optional(Schema.Array(Schema.String)),
  extensions: Schema.optional(Schema.Record({ key: Schema.String, value: Schema.Unknown }))
})
/** @since 0.1.0 @category options */
export type RequestOptions = typeof RequestOptions.Type

const ClientExtensionResults = Schema.Record({ key: Schema.String, value: Schema.Unknown })

/** RegistrationResponseJSON (CompleteWebAuthnRegistration's `Credential`). @since 0.1.0 @category responses */
export const RegistrationResponse = Schema.Struct({
  id: Base64Url,
  rawId: Base64Url,
  type: Schema.String,
  clientExtensionResults: ClientExtensionResults,
  authenticatorAttachment: Schema.optional(Schema.String),
  response: Schema.Struct({
    clientDataJSON: Base64Url,
    attestationObject: Base64Url,
    transports: Schema.optional(Schema.Array(Schema.String)),
    publicKeyAlgorithm: Schema.optional(Schema.Number),
    authenticatorData: Schema.optional(Base64Url),
    publicKey: Schema.optional(Base64Url)
  })
})
/** @since 0.1.0 @category responses */
export type RegistrationResponse = typeof RegistrationResponse.Type

/** AuthenticationResponseJSON (the `CREDENTIAL` answer to `WEB_AUTHN`, as a JSON string). @since 0.1.0 @category responses */
export const AuthenticationResponse = Schema.Struct({
  id: Base64Url,
  rawId: Base64Url,
  type: Schema.String,
  clientExtensionResults: ClientExtensionResults,
  authenticatorAttachment: Schema.optional(Schema.String),
  response: Schema.Struct({
    clientDataJSON: Base64Url,
    authenticatorData: Base64Url,
    signature: Base64Url,
    userHandle: Schema.optional(Base64Url)
  })
})
/** @since 0.1.0 @category responses */
export type AuthenticationResponse = typeof AuthenticationResponse.Type

/**
 * Reads StartWebAuthnRegistration's options; anything unusable is `InvalidPasskeyRegistrationOptions`.
 * @since 0.1.0
 * @category decoding
 */
export const decodeCreationOptions = (input: unknown): Either.Either<CreationOptions, PasskeyError> =>
  Either.mapLeft(Schema.decodeUnknownEither(CreationOptions)(input), (cause) =>
    passkeyError("InvalidPasskeyRegistrationOptions", { cause })
  )

/**
 * Reads a `WEB_AUTHN` challenge's `CREDENTIAL_REQUEST_OPTIONS` (a JSON string); a missing or
 * unusable one is `InvalidPasskeyAuthenticationOptions`.
 * @since 0.1.0
 * @category decoding
 */
export const decodeRequestOptions = (json: string | undefined): Either.Either<RequestOptions, PasskeyError> =>
  json === undefined
    ? Either.left(passkeyError("InvalidPasskeyAuthenticationOptions"))
    : Either.mapLeft(Schema.decodeUnknownEither(Schema.parseJson(RequestOptions))(json), (cause) =>
        passkeyError("InvalidPasskeyAuthenticationOptions", { cause })
      )
