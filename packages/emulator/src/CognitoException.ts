/**
 * The one error every emulator handler fails with: a Cognito exception name (`__type`) and its
 * message, rendered on the wire as HTTP 400 `{"__type", "message"}` with `x-amzn-errortype`
 * (500 only for `InternalErrorException`, which Amplify retries).
 *
 * The constructors below carry the messages real Cognito sends, so clients that match on text
 * (Amplify's "Device does not exist." retry, "Password attempts exceeded") behave as in production.
 *
 * @since 0.1.0
 */
import * as Data from "effect/Data"

/** @since 0.1.0 @category models */
export class CognitoException extends Data.TaggedError("CognitoException")<{
  readonly type: string
  readonly message: string
}> {
  /** HTTP status of the error envelope. */
  get status(): number {
    return this.type === "InternalErrorException" ? 500 : 400
  }
}

/** @since 0.1.0 @category constructors */
export const make = (type: string, message: string): CognitoException => new CognitoException({ type, message })

/** @since 0.1.0 @category constructors */
export const invalidParameter = (message: string) => make("InvalidParameterException", message)

/** @since 0.1.0 @category constructors */
export const notAuthorized = (message: string) => make("NotAuthorizedException", message)

/** @since 0.1.0 @category constructors */
export const incorrectCredentials = () => notAuthorized("Incorrect username or password.")

/** @since 0.1.0 @category constructors */
export const userNotFound = (message = "User does not exist.") => make("UserNotFoundException", message)

/** @since 0.1.0 @category constructors */
export const resourceNotFound = (message: string) => make("ResourceNotFoundException", message)

/** @since 0.1.0 @category constructors */
export const poolNotFound = (poolId: string) => resourceNotFound(`User pool ${poolId} does not exist.`)

/** @since 0.1.0 @category constructors */
export const clientNotFound = (clientId: string) => resourceNotFound(`User pool client ${clientId} does not exist.`)

/** @since 0.1.0 @category constructors */
export const codeMismatch = () => make("CodeMismatchException", "Invalid verification code provided, please try again.")

/** @since 0.1.0 @category constructors */
export const expiredCode = () => make("ExpiredCodeException", "Invalid code provided, please request a code again.")

/** Too many attempts (wrong passwords at ChangePassword, codes requested too often). @since 0.1.0 @category constructors */
export const limitExceeded = () => make("LimitExceededException", "Attempt limit exceeded, please try after some time.")

/** @since 0.1.0 @category constructors */
export const invalidSession = () => notAuthorized("Invalid session for the user.")

/** @since 0.1.0 @category constructors */
export const expiredSession = () => notAuthorized("Invalid session for the user, session is expired.")

/** @since 0.1.0 @category constructors */
export const internal = (message = "An internal error occurred.") => make("InternalErrorException", message)
