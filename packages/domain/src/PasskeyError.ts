/**
 * Amplify's passkey errors (`PasskeyError`, an `AmplifyError` that is not an `AuthError`): their
 * names, messages and recovery suggestions, and how the `DOMException`s of
 * `navigator.credentials.create` / `get` map to them — the same table for registration and sign-in
 * that Amplify uses, so an app's `error.name` checks keep working.
 *
 * @since 0.1.0
 */
import * as Data from "effect/Data"

const notSupported =
  "Passkeys may not be supported on this device. Ensure your application is running in a secure context (HTTPS) and Web Authentication API is supported."
const abortedOrCanceled =
  "User may have canceled the ceremony or another interruption has occurred. Check underlying error for details."
const misconfigured = "Ensure your user pool is configured to support the WEB_AUTHN as an authentication factor."

/**
 * Every passkey error name with Amplify's message and recovery suggestion. `Unknown` is what
 * Amplify reports for a failure it does not recognise.
 * @since 0.1.0
 */
export const passkeyMessages = {
  PasskeyNotSupported: ["Passkeys may not be supported on this device.", notSupported],
  PasskeyAlreadyExists: [
    "Passkey already exists in authenticator.",
    "Proceed with existing passkey or try again after deleting the credential."
  ],
  InvalidPasskeyRegistrationOptions: ["Invalid passkey registration options.", misconfigured],
  InvalidPasskeyAuthenticationOptions: ["Invalid passkey authentication options.", misconfigured],
  RelyingPartyMismatch: ["Relying party does not match current domain.", "Ensure relying party identifier matches current domain."],
  PasskeyRegistrationFailed: ["Device failed to create passkey.", notSupported],
  PasskeyRetrievalFailed: [
    "Device failed to retrieve passkey.",
    "Passkeys may not be available on this device. Try an alternative authentication factor like PASSWORD, EMAIL_OTP, or SMS_OTP."
  ],
  PasskeyRegistrationCanceled: ["Passkey registration ceremony has been canceled.", abortedOrCanceled],
  PasskeyAuthenticationCanceled: ["Passkey authentication ceremony has been canceled.", abortedOrCanceled],
  PasskeyOperationAborted: ["Passkey operation has been aborted.", abortedOrCanceled],
  Unknown: ["An unknown error has occurred."]
} as const satisfies Record<string, readonly [string] | readonly [string, string]>

/** @since 0.1.0 */
export type PasskeyErrorCode = keyof typeof passkeyMessages

/**
 * A passkey ceremony failed or could not start. `cause` keeps what the platform threw.
 * @since 0.1.0
 */
export class PasskeyError extends Data.TaggedError("PasskeyError")<{
  readonly code: PasskeyErrorCode
  readonly message: string
  readonly recoverySuggestion?: string
  readonly cause?: unknown
}> {
  get amplifyName(): string {
    return this.code
  }
}

/**
 * The error for `code`, with Amplify's text unless `message` says more precisely what is wrong.
 * @since 0.1.0
 */
export const passkeyError = (code: PasskeyErrorCode, details: { readonly message?: string; readonly cause?: unknown } = {}): PasskeyError => {
  const [message, recoverySuggestion] = passkeyMessages[code] as readonly [string, string?]
  return new PasskeyError({
    code,
    message: details.message ?? message,
    ...(recoverySuggestion === undefined ? {} : { recoverySuggestion }),
    ...(details.cause === undefined ? {} : { cause: details.cause })
  })
}

const nameOf = (error: unknown): string | undefined =>
  typeof error === "object" && error !== null && "name" in error && typeof error.name === "string" ? error.name : undefined

/** Failures both ceremonies share: an abort, or an RP id the page may not use. */
const common = (error: unknown): PasskeyError => {
  switch (nameOf(error)) {
    case "AbortError":
      return passkeyError("PasskeyOperationAborted", { cause: error })
    case "SecurityError":
      return passkeyError("RelyingPartyMismatch", { cause: error })
    default:
      return passkeyError("Unknown", { cause: error })
  }
}

/**
 * What `navigator.credentials.create` threw, as Amplify names it: `InvalidStateError` (an
 * excluded credential is already on the authenticator) → `PasskeyAlreadyExists`,
 * `NotAllowedError` (cancelled, timed out) → `PasskeyRegistrationCanceled`.
 * @since 0.1.0
 */
export const fromRegistrationFailure = (error: unknown): PasskeyError => {
  if (error instanceof PasskeyError) return error
  switch (nameOf(error)) {
    case "InvalidStateError":
      return passkeyError("PasskeyAlreadyExists", { cause: error })
    case "NotAllowedError":
      return passkeyError("PasskeyRegistrationCanceled", { cause: error })
    default:
      return common(error)
  }
}

/**
 * What `navigator.credentials.get` threw: `NotAllowedError` (cancelled, timed out, no matching
 * credential) → `PasskeyAuthenticationCanceled`.
 * @since 0.1.0
 */
export const fromAuthenticationFailure = (error: unknown): PasskeyError => {
  if (error instanceof PasskeyError) return error
  return nameOf(error) === "NotAllowedError" ? passkeyError("PasskeyAuthenticationCanceled", { cause: error }) : common(error)
}
