/**
 * Amplify's error classes and the one place where domain errors become them. `error.name` is the
 * contract Amplify apps rely on (`err.name === 'UserNotFoundException'`), so every domain error
 * carries the exact Amplify name as `amplifyName`.
 *
 * Configuration errors are `AmplifyError` but not `AuthError`, as in Amplify; network failures are
 * `AmplifyError` named `NetworkError`; passkey ceremony failures are a `PasskeyError` (an
 * `AmplifyError` too, whose `underlyingError` is what the platform threw); everything else is an
 * `AuthError`.
 *
 * @since 0.1.0
 */
import * as Cause from "effect/Cause"
import type { ServiceErrorMetadata } from "@cognito-effect/domain/AuthError"

/** @since 0.1.0 */
export interface AmplifyErrorParams {
  readonly message: string
  readonly name: string
  readonly recoverySuggestion?: string
  readonly underlyingError?: unknown
  readonly metadata?: ServiceErrorMetadata
}

/** Amplify's error metadata: these three members, and only these. @since 0.1.0 */
export interface AmplifyErrorMetadata {
  readonly extendedRequestId: string | undefined
  readonly httpStatusCode: number | undefined
  readonly requestId: string | undefined
}

/**
 * Amplify's `AmplifyError`, with the same own members: `name`, `underlyingError` and
 * `recoverySuggestion` (even when undefined), `metadata` reduced to its three members, and the
 * `constructor` Amplify sets on each instance — what spreading or listing an error shows.
 * @since 0.1.0
 */
export class AmplifyError extends Error {
  readonly underlyingError?: unknown
  readonly recoverySuggestion?: string
  readonly metadata?: AmplifyErrorMetadata

  constructor({ message, name, recoverySuggestion, underlyingError, metadata }: AmplifyErrorParams) {
    super(message)
    this.name = name
    this.underlyingError = underlyingError
    ;(this as { recoverySuggestion?: string | undefined }).recoverySuggestion = recoverySuggestion
    if (metadata !== undefined) {
      const { extendedRequestId, httpStatusCode, requestId } = metadata
      this.metadata = { extendedRequestId, httpStatusCode, requestId }
    }
    ;(this as { constructor: unknown }).constructor = new.target
    Object.setPrototypeOf(this, new.target.prototype)
  }
}

/** @since 0.1.0 */
export class AuthError extends AmplifyError {}

/** A passkey ceremony failed (`PasskeyNotSupported`, `PasskeyAuthenticationCanceled`, …). @since 0.1.0 */
export class PasskeyError extends AmplifyError {}

/**
 * No context where one is needed (Amplify 6.21): a function called before `Amplify.configure`,
 * or with an explicit `undefined` where a context goes. Amplify's message and suggestion by default.
 * @since 0.1.0
 */
export class NoAmplifyContextError extends AmplifyError {
  constructor(
    message = "No AmplifyContext available. Call Amplify.configure() to set a global context, or pass a context as the first argument."
  ) {
    super({
      name: "NoAmplifyContextError",
      message,
      recoverySuggestion:
        "Call Amplify.configure() before using this API, or pass an AmplifyContext created via createAmplifyContext() as the first argument."
    })
  }
}

interface DomainLikeError {
  readonly _tag: string
  readonly amplifyName: string
  readonly message: string
  readonly recoverySuggestion?: string
  readonly metadata?: ServiceErrorMetadata
}

const isDomainError = (error: unknown): error is DomainLikeError =>
  typeof error === "object" && error !== null && "_tag" in error && "amplifyName" in error

const unknownError = (underlyingError: unknown) =>
  new AuthError({ name: "Unknown", message: "An unknown error has occurred.", underlyingError })

/**
 * Turns anything a step can fail with into Amplify's error. Unexpected defects become
 * `AuthError{ name: "Unknown" }` with the cause kept as `underlyingError`.
 * @since 0.1.0
 */
export const toAmplifyError = (error: unknown): AmplifyError => {
  // An app's own error that crossed a fiber (a provider's rejection) comes back proxied: hand on the original.
  if (error instanceof AmplifyError) return Cause.originalError(error)
  if (!isDomainError(error)) return unknownError(error)
  const params: AmplifyErrorParams = {
    name: error.amplifyName,
    message: error.message,
    underlyingError: error,
    ...(error.recoverySuggestion === undefined ? {} : { recoverySuggestion: error.recoverySuggestion }),
    ...(error._tag === "CognitoServiceError" && error.metadata !== undefined ? { metadata: error.metadata } : {})
  }
  switch (error._tag) {
    case "AuthConfigError":
      return new AmplifyError(params)
    case "TransportError":
      // Amplify's texts for a failed fetch and for a failure it cannot name; what went wrong
      // (operation, endpoint, cause) stays in `underlyingError`.
      return error.amplifyName === "NetworkError"
        ? new AmplifyError({ ...params, message: "A network error has occurred." })
        : error.amplifyName === "Unknown" ? unknownError(error) : new AuthError(params)
    case "PasskeyError": {
      const cause = (error as { readonly cause?: unknown }).cause
      return new PasskeyError(cause === undefined ? params : { ...params, underlyingError: cause })
    }
    default:
      return new AuthError(params)
  }
}
