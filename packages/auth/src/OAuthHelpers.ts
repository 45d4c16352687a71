/**
 * The OAuth helpers Amplify exports from `/cognito`: `generateState`, `generateCodeVerifier`,
 * `getRedirectUrl` and `validateState`, with Amplify's signatures and errors, over the domain's
 * `OAuth` functions (which `signInWithRedirect` uses too).
 *
 * @since 0.1.0
 */
import * as AuthConfig from "@cognito-effect/domain/AuthConfig"
import * as OAuth from "@cognito-effect/domain/OAuth"
import { validateState as validate } from "@cognito-effect/domain/steps/completeSignInWithRedirect"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import { currentRuntime } from "./Amplify.js"
import { toAmplifyError } from "./AuthError.js"

const randomAlphanumerics = (length: number): string => {
  let out = ""
  while (out.length < length) out = OAuth.drawCharacters(globalThis.crypto.getRandomValues(new Uint8Array(length + 16)), length, out)
  return out
}

/** A random OAuth `state`: 32 characters of `[A-Za-z0-9]`. @since 0.1.0 */
export const generateState = (): string => randomAlphanumerics(OAuth.stateLength)

/** A PKCE verifier and its S256 challenge. @since 0.1.0 */
export interface CodeVerifier {
  readonly value: string
  readonly method: "S256"
  toCodeChallenge(): string
}

/** A PKCE `code_verifier` of `length` characters of `[A-Za-z0-9]` (Amplify uses 128). @since 0.1.0 */
export const generateCodeVerifier = (length: number): CodeVerifier => {
  const value = randomAlphanumerics(length)
  return { value, method: "S256", toCodeChallenge: () => OAuth.codeChallenge(value) }
}

/**
 * The configured redirect URL for the current page (`window.location`): `preferredRedirectUrl`
 * if it is one of `redirects`, else the first of this origin and path, else of this host. Throws
 * Amplify's `InvalidPreferredRedirectUrlException`, `InvalidOriginException` or
 * `InvalidRedirectException`.
 * @since 0.1.0
 */
export const getRedirectUrl = (redirects: ReadonlyArray<string>, preferredRedirectUrl?: string): string =>
  Either.getOrElse(
    OAuth.redirectUrl(redirects, OAuth.locationOf(globalThis.location?.href ?? ""), preferredRedirectUrl),
    (error) => {
      throw toAmplifyError(error)
    }
  )

/**
 * Resolves `state` when it is the one the redirect in flight was sent with (the configured
 * instance's storage); rejects with Amplify's `oauthSignInError` otherwise.
 * @since 0.1.0
 */
export const validateState = (state?: string | null): Promise<string> => {
  try {
    const runtime = currentRuntime()
    return runtime.run(Effect.flatMap(AuthConfig.userPool, (pool) => validate(pool.userPoolClientId, state)))
  } catch (error) {
    return Promise.reject(error)
  }
}
