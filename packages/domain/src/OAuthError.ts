/**
 * The errors of sign-in through the hosted UI (`signInWithRedirect`) and of the OAuth sign-out,
 * each carrying the exact name Amplify reports as `error.name` (`amplifyName`). Note Amplify's two
 * spellings: a failed completion is `OAuthSignInException`, a state that does not match is
 * `oauthSignInError`.
 *
 * `OAuthTokenError` is the token endpoint's own answer (`{"error": "invalid_grant", …}`); steps
 * turn it into the Amplify error that fits where it happened.
 *
 * @since 0.1.0
 */
import * as Data from "effect/Data"
import type { StateErrorFields } from "./AuthError.js"

const fields = (args: Partial<StateErrorFields> | undefined, message: string, recoverySuggestion?: string): StateErrorFields => {
  const suggestion = args?.recoverySuggestion ?? recoverySuggestion
  const text = args?.message ?? message
  return suggestion === undefined ? { message: text } : { message: text, recoverySuggestion: suggestion }
}

/** Amplify's suggestion for every failed completion. @since 0.1.0 */
export const hostedUiSuggestion = "Make sure Cognito Hosted UI has been configured correctly"

/**
 * The redirect came back with an error, without a code, or the code could not be exchanged
 * (Amplify's `createOAuthError`).
 * @since 0.1.0
 */
export class OAuthSignInException extends Data.TaggedError("OAuthSignInException")<StateErrorFields> {
  constructor(args?: Partial<StateErrorFields>) {
    super(fields(args, "An error has occurred during the oauth process.", hostedUiSuggestion))
  }
  get amplifyName(): string {
    return this._tag
  }
}

/** The `state` that came back is not the one this client sent (Amplify's `validateState`). @since 0.1.0 */
export class OAuthStateMismatchException extends Data.TaggedError("OAuthStateMismatchException")<StateErrorFields> {
  constructor(args?: Partial<StateErrorFields>) {
    super(fields(args, "An error occurred while validating the state.", "Try to initiate an OAuth flow from Amplify"))
  }
  get amplifyName(): string {
    return "oauthSignInError"
  }
}

/** The browser could not be sent to the logout endpoint. @since 0.1.0 */
export class OAuthSignOutException extends Data.TaggedError("OAuthSignOutException")<StateErrorFields> {
  constructor(args?: Partial<StateErrorFields>) {
    super(fields(args, "An error occurred when attempting to log out from OAuth provider."))
  }
  get amplifyName(): string {
    return this._tag
  }
}

/** No configured redirect URL can be used from here. @since 0.1.0 */
export class InvalidRedirectException extends Data.TaggedError("InvalidRedirectException")<StateErrorFields> {
  constructor(args?: Partial<StateErrorFields>) {
    super(fields(
      args,
      "signInRedirect or signOutRedirect had an invalid format or was not found.",
      "Please make sure the signIn/Out redirect in your oauth config is valid."
    ))
  }
  get amplifyName(): string {
    return this._tag
  }
}

/** Only redirect URLs of other origins are configured. @since 0.1.0 */
export class InvalidOriginException extends Data.TaggedError("InvalidOriginException")<StateErrorFields> {
  constructor(args?: Partial<StateErrorFields>) {
    super(fields(
      args,
      "redirect is coming from a different origin. The oauth flow needs to be initiated from the same origin",
      "Please call signInWithRedirect from the same origin."
    ))
  }
  get amplifyName(): string {
    return this._tag
  }
}

/** `signOut({ oauth: { redirectUrl } })` names a URL that is not in `redirectSignOut`. @since 0.1.0 */
export class InvalidPreferredRedirectUrlException extends Data.TaggedError("InvalidPreferredRedirectUrlException")<StateErrorFields> {
  constructor(args?: Partial<StateErrorFields>) {
    super(fields(
      args,
      "The given preferredRedirectUrl does not match any items in the redirectSignOutUrls array from the config.",
      "Please make sure a matching preferredRedirectUrl is provided."
    ))
  }
  get amplifyName(): string {
    return this._tag
  }
}

/** Why no redirect URL could be chosen. @since 0.1.0 */
export type RedirectUrlError = InvalidRedirectException | InvalidOriginException | InvalidPreferredRedirectUrlException

/**
 * The token endpoint refused: `error` is the OAuth error code (`invalid_grant`, …), `message`
 * Cognito's `error_description` (or `error_message`) when it sent one, else the code.
 * @since 0.1.0
 */
export class OAuthTokenError extends Data.TaggedError("OAuthTokenError")<{
  readonly error: string
  readonly message: string
  readonly httpStatusCode: number
}> {
  get amplifyName(): string {
    return "OAuthSignInException"
  }
}
