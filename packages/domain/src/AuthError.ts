/**
 * The domain's error kinds. Every step declares a union of these; the facade turns them into
 * Amplify's `AuthError` in one place (the `name` there is `amplifyName` here).
 *
 * - `AuthValidationError`: a bad input caught before any request (Amplify's `AuthValidationErrorCode`).
 * - `AuthConfigError`: the configuration lacks or mangles a field the call needs.
 * - `CognitoServiceError`: Cognito answered with an error envelope (`__type` / `x-amzn-errortype`).
 * - `TransportError`: no usable answer: network failure, timeout, or a response we cannot decode.
 * - Client-state errors: one class per Amplify name (`UserUnAuthenticatedException`, …).
 *
 * @since 0.1.0
 */
import * as Data from "effect/Data"

/**
 * Amplify's validation error names with their exact messages (quirks included:
 * `EmptyresendSignUpCodeUsername` is lower-case and never thrown by Amplify).
 * @since 0.1.0
 * @category validation
 */
export const validationMessages = {
  EmptySignInUsername: ["username is required to signIn"],
  EmptySignInPassword: ["password is required to signIn"],
  CustomAuthSignInPassword: [
    "A password is not needed when signing in with CUSTOM_WITHOUT_SRP",
    "Do not include a password in your signIn call."
  ],
  EmptySignUpUsername: ["username is required to signUp"],
  EmptySignUpPassword: ["password is required to signUp"],
  EmptyConfirmSignUpUsername: ["username is required to confirmSignUp"],
  EmptyConfirmSignUpCode: ["code is required to confirmSignUp"],
  EmptyresendSignUpCodeUsername: ["username is required to confirmSignUp"],
  EmptyChallengeResponse: ["challengeResponse is required to confirmSignIn"],
  EmptyConfirmResetPasswordUsername: ["username is required to confirmResetPassword"],
  EmptyConfirmResetPasswordNewPassword: ["newPassword is required to confirmResetPassword"],
  EmptyConfirmResetPasswordConfirmationCode: ["confirmationCode is required to confirmResetPassword"],
  EmptyResetPasswordUsername: ["username is required to resetPassword"],
  EmptyVerifyTOTPSetupCode: ["code is required to verifyTotpSetup"],
  EmptyConfirmUserAttributeCode: ["confirmation code is required to confirmUserAttribute"],
  IncorrectMFAMethod: [
    "Incorrect MFA method was chosen. It should be either SMS, TOTP, or EMAIL",
    "Try to pass SMS, TOTP, or EMAIL as the challengeResponse"
  ],
  EmptyUpdatePassword: ["oldPassword and newPassword are required to changePassword"],
  InvalidPreferredChallenge: [
    "The preferred challenge is not enabled in your backend configuration",
    "Ensure the authentication method is enabled in your Amplify backend configuration"
  ]
} as const satisfies Record<string, readonly [string] | readonly [string, string]>

/** @since 0.1.0 @category validation */
export type AuthValidationErrorCode = keyof typeof validationMessages

/**
 * A bad input, caught before any request is sent.
 * @since 0.1.0
 * @category validation
 */
export class AuthValidationError extends Data.TaggedError("AuthValidationError")<{
  readonly code: AuthValidationErrorCode
  readonly message: string
  readonly recoverySuggestion?: string
}> {
  get amplifyName(): string {
    return this.code
  }
}

/**
 * Builds the validation error for `code` with Amplify's message and suggestion.
 * @since 0.1.0
 * @category validation
 */
export const validationError = (code: AuthValidationErrorCode): AuthValidationError => {
  const [message, recoverySuggestion] = validationMessages[code] as readonly [string, string?]
  return new AuthValidationError(
    recoverySuggestion === undefined ? { code, message } : { code, message, recoverySuggestion }
  )
}

/**
 * Configuration problems, named as Amplify names them.
 * @since 0.1.0
 * @category config
 */
export type AuthConfigErrorCode =
  | "AuthUserPoolException"
  | "InvalidIdentityPoolIdException"
  | "OAuthNotConfigureException"
  | "AuthTokenConfigException"
  | "AuthUserPoolAndIdentityPoolException"
  | "InvalidParameterException"
  | "InvalidConfig"

/**
 * The configuration lacks or mangles a field the call needs. `field` names it
 * (`Auth.Cognito.userPoolId`, …).
 * @since 0.1.0
 * @category config
 */
export class AuthConfigError extends Data.TaggedError("AuthConfigError")<{
  readonly code: AuthConfigErrorCode
  readonly field: string
  readonly message: string
  readonly recoverySuggestion?: string
}> {
  get amplifyName(): string {
    return this.code
  }
}

/**
 * A pool id that names no region: a `userPoolId` without `_` (Amplify's `InvalidUserPoolId`) or
 * an `identityPoolId` without `:` (`InvalidIdentityPoolIdException`). Amplify accepts such a
 * configuration and fails each request when it builds it, as an `AuthError`; so does this.
 * @since 0.1.0
 * @category config
 */
export class InvalidPoolIdError extends Data.TaggedError("InvalidPoolIdError")<{
  readonly pool: "userPool" | "identityPool"
  readonly message: string
  readonly recoverySuggestion?: string
}> {
  get amplifyName(): string {
    return this.pool === "userPool" ? "InvalidUserPoolId" : "InvalidIdentityPoolIdException"
  }
}

/**
 * Metadata Amplify attaches to service errors.
 * @since 0.1.0
 * @category service
 */
export interface ServiceErrorMetadata {
  readonly httpStatusCode?: number
  readonly requestId?: string
  readonly extendedRequestId?: string
  readonly cfId?: string
}

/**
 * Cognito (or Cognito Identity) answered with an error envelope. `exception` is the sanitised
 * exception name (`NotAuthorizedException`), exactly what Amplify reports as `error.name`.
 * @since 0.1.0
 * @category service
 */
export class CognitoServiceError extends Data.TaggedError("CognitoServiceError")<{
  readonly exception: string
  readonly message: string
  readonly operation: string
  readonly metadata: ServiceErrorMetadata
}> {
  get amplifyName(): string {
    return this.exception
  }
}

/**
 * Why a request produced no usable answer.
 * - `Network`: the request did not complete (DNS, refused, reset, CORS).
 * - `Timeout`: no answer within the per-request timeout.
 * - `InvalidResponse`: an answer came but its body is not what the operation promises
 *   (HTML from a proxy, truncated JSON, wrong field types).
 * @since 0.1.0
 * @category transport
 */
export type TransportErrorReason = "Network" | "Timeout" | "InvalidResponse"

/**
 * No usable answer from the server. Never deletes a session by itself.
 * @since 0.1.0
 * @category transport
 */
export class TransportError extends Data.TaggedError("TransportError")<{
  readonly reason: TransportErrorReason
  readonly operation: string
  readonly message: string
  readonly httpStatusCode?: number
  readonly cause?: unknown
}> {
  get amplifyName(): string {
    return this.reason === "Network" ? "NetworkError" : this.reason === "Timeout" ? "TimeoutError" : "Unknown"
  }
}

/**
 * A storage backend refused a read or write (quota, disabled cookies, a throwing custom storage).
 * @since 0.1.0
 * @category storage
 */
export class StorageError extends Data.TaggedError("StorageError")<{
  readonly operation: "getItem" | "setItem" | "removeItem" | "clear"
  readonly key?: string
  readonly message: string
  readonly cause?: unknown
}> {
  get amplifyName(): string {
    return "StorageError"
  }
}

/** Fields of a client-state error. @since 0.1.0 @category state */
export interface StateErrorFields {
  readonly message: string
  readonly recoverySuggestion?: string
}

const withDefaults = (
  args: Partial<StateErrorFields> | undefined,
  message: string,
  recoverySuggestion?: string
): StateErrorFields => {
  const suggestion = args?.recoverySuggestion ?? recoverySuggestion
  const text = args?.message ?? message
  return suggestion === undefined ? { message: text } : { message: text, recoverySuggestion: suggestion }
}

/** No signed-in user where the API needs one. @since 0.1.0 @category state */
export class UserUnAuthenticatedException extends Data.TaggedError("UserUnAuthenticatedException")<StateErrorFields> {
  constructor(args?: Partial<StateErrorFields>) {
    super(withDefaults(args, "User needs to be authenticated to call this API.", "Sign in before calling this API again."))
  }
  get amplifyName(): string {
    return this._tag
  }
}

/** `signIn` while a user is signed in. @since 0.1.0 @category state */
export class UserAlreadyAuthenticatedException extends Data.TaggedError("UserAlreadyAuthenticatedException")<StateErrorFields> {
  constructor(args?: Partial<StateErrorFields>) {
    super(withDefaults(args, "There is already a signed in user.", "Call signOut before calling signIn again."))
  }
  get amplifyName(): string {
    return this._tag
  }
}

/** The sign-in flow cannot continue (no pending sign-in, unhandled challenge, …). @since 0.1.0 @category state */
export class SignInException extends Data.TaggedError("SignInException")<StateErrorFields> {
  constructor(args?: Partial<StateErrorFields>) {
    super(withDefaults(args, "An error occurred during the sign in process."))
  }
  get amplifyName(): string {
    return this._tag
  }
}

/** `autoSignIn` with no active flow. @since 0.1.0 @category state */
export class AutoSignInException extends Data.TaggedError("AutoSignInException")<StateErrorFields> {
  constructor(args?: Partial<StateErrorFields>) {
    super(withDefaults(args, "The autoSignIn flow has not started, or has been cancelled/completed.", "Please try to use the signIn API or log out before starting a new autoSignIn flow."))
  }
  get amplifyName(): string {
    return this._tag
  }
}

/** Device keys missing where the API needs them. @since 0.1.0 @category state */
export class DeviceMetadataNotFoundException extends Data.TaggedError("DeviceMetadataNotFoundException")<StateErrorFields> {
  constructor(args?: Partial<StateErrorFields>) {
    super(withDefaults(args, "Either deviceKey, deviceGroupKey or secretPassword were not found during the sign-in process.", "Make sure to not clear storage after calling the signIn API."))
  }
  get amplifyName(): string {
    return this._tag
  }
}

/** Signed in, yet the user cannot be read back from storage. @since 0.1.0 @category state */
export class UnexpectedSignInInterruptionException extends Data.TaggedError("UnexpectedSignInInterruptionException")<StateErrorFields> {
  constructor(args?: Partial<StateErrorFields>) {
    super(withDefaults(args, "Unable to get user session following successful sign-in.", "This most likely is due to auth tokens not being persisted. If you are using cookie store, please ensure cookies can be correctly set from your server."))
  }
  get amplifyName(): string {
    return this._tag
  }
}

/** `setUpTOTP` got no secret. @since 0.1.0 @category state */
export class SetUpTOTPException extends Data.TaggedError("SetUpTOTPException")<StateErrorFields> {
  constructor(args?: Partial<StateErrorFields>) {
    super(withDefaults(args, "Failed to set up TOTP."))
  }
  get amplifyName(): string {
    return this._tag
  }
}

/** Stored or received tokens are unusable (bad JWT, missing `iat`, …). @since 0.1.0 @category state */
export class InvalidTokensException extends Data.TaggedError("InvalidTokens")<StateErrorFields> {
  constructor(args?: Partial<StateErrorFields>) {
    super(withDefaults(args, "Invalid tokens."))
  }
  get amplifyName(): string {
    return this._tag
  }
}

/**
 * A session without a refresh token (signed in through OAuth's implicit grant) that has expired:
 * it cannot be refreshed, and is kept (Amplify's rule).
 * @since 0.1.0 @category state
 */
export class TokenRefreshException extends Data.TaggedError("TokenRefreshException")<StateErrorFields> {
  constructor(args?: Partial<StateErrorFields>) {
    super(withDefaults(
      args,
      "Token refresh is not supported when authenticated with the 'implicit grant' (token) oauth flow. Please change your oauth configuration to use 'code grant' flow.",
      "Please logout and change your Amplify configuration to use \"code grant\" flow. E.g { responseType: 'code' }"
    ))
  }
  get amplifyName(): string {
    return this._tag
  }
}

/** A `PASSWORD_VERIFIER` challenge without `USER_ID_FOR_SRP`. @since 0.1.0 @category state */
export class EmptyUserIdForSRPException extends Data.TaggedError("EmptyUserIdForSRPException")<StateErrorFields> {
  constructor(args?: Partial<StateErrorFields>) {
    super(withDefaults(args, "USER_ID_FOR_SRP was not found in challenge parameters."))
  }
  get amplifyName(): string {
    return this._tag
  }
}

/**
 * Every error of the domain.
 * @since 0.1.0
 */
export type AuthDomainError =
  | AuthValidationError
  | AuthConfigError
  | InvalidPoolIdError
  | CognitoServiceError
  | TransportError
  | StorageError
  | UserUnAuthenticatedException
  | UserAlreadyAuthenticatedException
  | SignInException
  | AutoSignInException
  | DeviceMetadataNotFoundException
  | UnexpectedSignInInterruptionException
  | SetUpTOTPException
  | InvalidTokensException
  | TokenRefreshException
  | EmptyUserIdForSRPException

/** Errors that mean "the request did not reach a decision": retryable, never end a session. @since 0.1.0 */
export type TransientError = TransportError
