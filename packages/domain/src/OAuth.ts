/**
 * OAuth with the Cognito hosted UI as Amplify speaks it (protocol.md §7), as pure functions:
 * random `state` and PKCE verifiers, the S256 code challenge, the custom-state encoding, which
 * configured redirect URL applies to the current page, the authorize, token and logout URLs, and
 * reading the page the hosted UI sends the browser back to. The steps (`signInWithRedirect`,
 * `completeSignInWithRedirect`, `signOut`) do the IO.
 *
 * Endpoints are `https://<domain>/…`, except for loopback domains (`localhost`, `127.x.x.x`,
 * `[::1]`, with or without a port), which are `http://` (unless written `https://…`), so a local
 * emulator works without TLS.
 *
 * @since 0.1.0
 */
import { sha256 } from "@noble/hashes/sha2.js"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import { TransportError } from "./AuthError.js"
import {
  InvalidOriginException,
  InvalidPreferredRedirectUrlException,
  InvalidRedirectException,
  OAuthTokenError,
  type RedirectUrlError
} from "./OAuthError.js"
import { SecureRandom } from "./services/SecureRandom.js"
import type { AuthenticationResult } from "./wire/Shapes.js"

// --- random strings -------------------------------------------------------------------------

/** The characters of `state` and of the PKCE verifier. @since 0.1.0 */
export const alphanumeric = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

/** Length of the random part of `state`. @since 0.1.0 */
export const stateLength = 32

/** Length of the PKCE `code_verifier` Amplify sends. @since 0.1.0 */
export const verifierLength = 128

/**
 * Extends `prefix` with characters of `alphabet` drawn from `bytes`, up to `length`. Bytes that
 * would favour some characters (256 is not a multiple of 62) are skipped, so the result is uniform
 * and may come out short: draw more bytes and call again.
 * @since 0.1.0
 */
export const drawCharacters = (bytes: Uint8Array, length: number, prefix = "", alphabet = alphanumeric): string => {
  const limit = 256 - (256 % alphabet.length)
  let out = prefix
  for (const byte of bytes) {
    if (out.length >= length) break
    if (byte < limit) out += alphabet[byte % alphabet.length]
  }
  return out
}

/** A uniform random string of `length` alphanumerics from the `SecureRandom` port. @since 0.1.0 */
export const randomString = (length: number): Effect.Effect<string, never, SecureRandom> =>
  Effect.gen(function* () {
    const random = yield* SecureRandom
    let out = ""
    while (out.length < length) out = drawCharacters(yield* random.bytes(length + 16), length, out)
    return out
  })

// --- PKCE -----------------------------------------------------------------------------------

const base64Url = (bytes: Uint8Array): string => {
  let binary = ""
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "")
}

/** The only PKCE method Cognito supports. @since 0.1.0 */
export const codeChallengeMethod = "S256"

/** `BASE64URL(SHA256(verifier))` without padding (RFC 7636 §4.2). @since 0.1.0 */
export const codeChallenge = (verifier: string): string => base64Url(sha256(new TextEncoder().encode(verifier)))

// --- state ----------------------------------------------------------------------------------

/**
 * Encodes a custom state as hex so it survives Cognito's URL handling. Amplify writes each UTF-16
 * code unit as two hex digits, which cannot round-trip characters above U+00FF; this writes the
 * UTF-8 bytes instead, which is the same text for ASCII and round-trips everything.
 * @since 0.1.0
 */
export const encodeCustomState = (customState: string): string =>
  Array.from(new TextEncoder().encode(customState), (byte) => byte.toString(16).padStart(2, "0")).join("")

/** Reverses `encodeCustomState`; `None` when the text is not hex pairs. @since 0.1.0 */
export const decodeCustomState = (encoded: string): Option.Option<string> => {
  if (!/^(?:[0-9a-fA-F]{2})*$/.test(encoded)) return Option.none()
  const bytes = new Uint8Array(encoded.length / 2)
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(encoded.slice(2 * i, 2 * i + 2), 16)
  return Option.some(new TextDecoder().decode(bytes))
}

/** The `state` sent to `/oauth2/authorize`: the random part, then `-<hex custom state>` when given. @since 0.1.0 */
export const makeState = (random: string, customState?: string): string =>
  customState ? `${random}-${encodeCustomState(customState)}` : random

/** The custom state a `state` carries (everything after the first `-`), decoded. @since 0.1.0 */
export const customStateOf = (state: string): Option.Option<string> => {
  const dash = state.indexOf("-")
  return dash < 0 ? Option.none() : decodeCustomState(state.slice(dash + 1))
}

// --- the hosted UI's address ----------------------------------------------------------------

const hostOf = (authority: string): string => {
  if (authority.startsWith("[")) return authority.slice(0, authority.indexOf("]") + 1).toLowerCase()
  return (authority.split(":")[0] ?? "").toLowerCase()
}

/** `localhost`, `*.localhost`, `127.0.0.0/8` and `[::1]`. @since 0.1.0 */
export const isLoopbackHost = (host: string): boolean =>
  host === "localhost" || host.endsWith(".localhost") || /^127(?:\.\d{1,3}){3}$/.test(host) || host === "[::1]"

/**
 * The hosted UI's origin for a configured `oauth.domain` (a host, optionally with a port):
 * `http://` for loopback hosts, `https://` for everything else — and for a loopback domain
 * written with `https://` (an emulator started with `--tls`). Any other scheme written into the
 * domain is ignored: a remote hosted UI is only ever reached over https.
 * @since 0.1.0
 */
export const origin = (domain: string): string => {
  const written = domain.trim()
  const authority = written.replace(/^[a-z][a-z0-9+.-]*:\/\//i, "").replace(/\/+$/, "")
  const plain = isLoopbackHost(hostOf(authority)) && !/^https:\/\//i.test(written)
  return `${plain ? "http" : "https"}://${authority}`
}

// --- which redirect URL ---------------------------------------------------------------------

/** The parts of the current page's address the redirect choice looks at. @since 0.1.0 */
export interface PageLocation {
  readonly origin: string
  readonly pathname: string
  readonly hostname: string
}

/** The location of a page URL (an unparsable URL matches nothing). @since 0.1.0 */
export const locationOf = (url: string): PageLocation => {
  try {
    const parsed = new URL(url)
    return { origin: parsed.origin, pathname: parsed.pathname, hostname: parsed.hostname }
  } catch {
    return { origin: "\u0000", pathname: "", hostname: "\u0000" }
  }
}

/**
 * Amplify's `getRedirectUrl`: a preferred URL must be one of `redirects` exactly
 * (`InvalidPreferredRedirectUrlException`); otherwise the first one starting with the page's
 * origin + path, else the first one containing its host name. When only http(s) URLs of other
 * origins are configured the call is refused with `InvalidOriginException`, when none at all
 * with `InvalidRedirectException`.
 * @since 0.1.0
 */
export const redirectUrl = (
  redirects: ReadonlyArray<string>,
  location: PageLocation,
  preferred?: string
): Either.Either<string, RedirectUrlError> => {
  if (preferred) {
    return redirects.includes(preferred) ? Either.right(preferred) : Either.left(new InvalidPreferredRedirectUrlException())
  }
  const sameOrigin =
    redirects.find((redirect) => redirect.startsWith(location.origin + location.pathname)) ??
    redirects.find((redirect) => redirect.includes(location.hostname))
  if (sameOrigin !== undefined) return Either.right(sameOrigin)
  const otherOrigin = redirects.some((redirect) => redirect.startsWith("https://") || redirect.startsWith("http://"))
  return Either.left(otherOrigin ? new InvalidOriginException() : new InvalidRedirectException())
}

// --- /oauth2/authorize ----------------------------------------------------------------------

/** The social providers Amplify names. @since 0.1.0 */
export type AuthProvider = "Amazon" | "Apple" | "Facebook" | "Google"

/** `signInWithRedirect`'s `provider`. @since 0.1.0 */
export type Provider = AuthProvider | { readonly custom: string } | { readonly idpIdentifier: string }

/** Amplify's names for the social providers, as Cognito knows them. @since 0.1.0 */
export const cognitoProviderNames: Readonly<Record<AuthProvider, string>> = {
  Google: "Google",
  Facebook: "Facebook",
  Amazon: "LoginWithAmazon",
  Apple: "SignInWithApple"
}

/** Amplify's `prompt` values. @since 0.1.0 */
export type Prompt = "NONE" | "LOGIN" | "CONSENT" | "SELECT_ACCOUNT"

/** Everything `/oauth2/authorize` is called with. @since 0.1.0 */
export interface AuthorizeParameters {
  readonly domain: string
  readonly clientId: string
  readonly redirectUri: string
  readonly responseType: "code" | "token"
  readonly scopes: ReadonlyArray<string>
  readonly provider?: Provider
  readonly state: string
  /** the PKCE verifier; its challenge is sent for `responseType: "code"` */
  readonly codeVerifier: Redacted.Redacted<string>
  readonly loginHint?: string
  readonly lang?: string
  readonly nonce?: string
  readonly prompt?: Prompt
}

/**
 * The authorize URL, parameters in Amplify's order: `identity_provider` (`COGNITO` by default,
 * left out for `prompt: "NONE"` without a provider) or `idp_identifier`, `scope` space-joined,
 * `prompt` lower-cased, and the S256 challenge for the code flow.
 * @since 0.1.0
 */
export const authorizeUrl = (p: AuthorizeParameters): string => {
  const params = new URLSearchParams()
  params.append("redirect_uri", p.redirectUri)
  params.append("response_type", p.responseType)
  params.append("client_id", p.clientId)
  const provider = p.provider
  if (typeof provider === "object" && "idpIdentifier" in provider) {
    params.append("idp_identifier", provider.idpIdentifier)
  } else if (provider !== undefined || p.prompt !== "NONE") {
    params.append(
      "identity_provider",
      provider === undefined ? "COGNITO" : typeof provider === "string" ? cognitoProviderNames[provider] : provider.custom
    )
  }
  params.append("scope", p.scopes.join(" "))
  if (p.loginHint) params.append("login_hint", p.loginHint)
  if (p.lang) params.append("lang", p.lang)
  if (p.nonce) params.append("nonce", p.nonce)
  if (p.prompt) params.append("prompt", p.prompt.toLowerCase())
  params.append("state", p.state)
  if (p.responseType === "code") {
    params.append("code_challenge", codeChallenge(Redacted.value(p.codeVerifier)))
    params.append("code_challenge_method", codeChallengeMethod)
  }
  return `${origin(p.domain)}/oauth2/authorize?${params.toString()}`
}

// --- the page the hosted UI sends the browser back to ----------------------------------------

/** What the redirect back carries. @since 0.1.0 */
export type Callback =
  /** the provider's or Cognito's error, or a page without a code (the user came back on their own) */
  | { readonly _tag: "Failed"; readonly message: string }
  | { readonly _tag: "Code"; readonly code: Redacted.Redacted<string>; readonly state: string }
  /** the implicit flow's tokens, from the fragment */
  | {
    readonly _tag: "Tokens"
    readonly result: AuthenticationResult
    readonly state: string | undefined
  }

const searchOf = (url: string): URLSearchParams => {
  try {
    return new URL(url).searchParams
  } catch {
    return new URLSearchParams()
  }
}

const fragmentOf = (url: string): URLSearchParams => {
  const hash = url.indexOf("#")
  return new URLSearchParams(hash < 0 ? "" : url.slice(hash + 1))
}

/** Whether a page URL carries an answer of the hosted UI: `code` or `error`, in the query or the fragment. @since 0.1.0 */
export const carriesResponse = (url: string): boolean => {
  const query = searchOf(url)
  const fragment = fragmentOf(url)
  return query.has("code") || query.has("error") || fragment.has("access_token") || fragment.has("error")
}

const numberOf = (text: string | null): number | undefined => {
  const value = text === null ? NaN : Number(text)
  return Number.isFinite(value) ? value : undefined
}

/**
 * Reads the page the hosted UI redirected back to, as Amplify's `completeOAuthFlow` does: an
 * `error` in the query fails with `error_description` (or the code); the code flow needs both
 * `code` and `state` ("User cancelled OAuth flow." otherwise); the implicit flow reads the
 * fragment and needs an `access_token`.
 * @since 0.1.0
 */
export const parseCallback = (url: string, responseType: "code" | "token"): Callback => {
  const query = searchOf(url)
  const error = query.get("error")
  if (error) return { _tag: "Failed", message: query.get("error_description") ?? error }
  if (responseType === "code") {
    const code = query.get("code")
    const state = query.get("state")
    if (!code || !state) return { _tag: "Failed", message: "User cancelled OAuth flow." }
    return { _tag: "Code", code: Redacted.make(code), state }
  }
  const fragment = fragmentOf(url)
  const fragmentError = fragment.get("error")
  if (fragmentError) return { _tag: "Failed", message: fragment.get("error_description") ?? fragmentError }
  const accessToken = fragment.get("access_token")
  if (!accessToken) return { _tag: "Failed", message: "No access token returned from OAuth flow." }
  const idToken = fragment.get("id_token")
  const tokenType = fragment.get("token_type")
  const expiresIn = numberOf(fragment.get("expires_in"))
  return {
    _tag: "Tokens",
    result: {
      AccessToken: Redacted.make(accessToken),
      ...(idToken ? { IdToken: Redacted.make(idToken) } : {}),
      ...(tokenType ? { TokenType: tokenType } : {}),
      ...(expiresIn === undefined ? {} : { ExpiresIn: expiresIn })
    },
    state: fragment.get("state") ?? undefined
  }
}

// --- /oauth2/token --------------------------------------------------------------------------

/** What a token request asks for. @since 0.1.0 */
export type TokenGrant =
  | {
    readonly grantType: "authorization_code"
    readonly code: Redacted.Redacted<string>
    readonly redirectUri: string
    readonly codeVerifier?: Redacted.Redacted<string>
  }
  | { readonly grantType: "refresh_token"; readonly refreshToken: Redacted.Redacted<string> }

/** A token request ready to send: `POST url` with `body` as `application/x-www-form-urlencoded`. @since 0.1.0 */
export interface TokenRequest {
  readonly url: string
  readonly body: Redacted.Redacted<string>
}

const formEncode = (entries: ReadonlyArray<readonly [string, string | undefined]>): string =>
  entries
    .filter((entry): entry is readonly [string, string] => entry[1] !== undefined)
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`)
    .join("&")

/**
 * The token request, members in Amplify's order (`grant_type, code, client_id, redirect_uri,
 * code_verifier`; `grant_type, client_id, refresh_token` for a refresh).
 * @since 0.1.0
 */
export const tokenRequest = (domain: string, clientId: string, grant: TokenGrant): TokenRequest => ({
  url: `${origin(domain)}/oauth2/token`,
  body: Redacted.make(
    grant.grantType === "authorization_code"
      ? formEncode([
        ["grant_type", "authorization_code"],
        ["code", Redacted.value(grant.code)],
        ["client_id", clientId],
        ["redirect_uri", grant.redirectUri],
        ["code_verifier", grant.codeVerifier && Redacted.value(grant.codeVerifier)]
      ])
      : formEncode([
        ["grant_type", "refresh_token"],
        ["client_id", clientId],
        ["refresh_token", Redacted.value(grant.refreshToken)]
      ])
  )
})

const Secret = Schema.Redacted(Schema.String)

/** The token endpoint's successful answer. @since 0.1.0 */
export const TokenResponse = Schema.Struct({
  access_token: Secret,
  id_token: Schema.optional(Secret),
  refresh_token: Schema.optional(Secret),
  token_type: Schema.optional(Schema.String),
  expires_in: Schema.optional(Schema.Number)
})
/** @since 0.1.0 */
export type TokenResponse = typeof TokenResponse.Type

const ErrorResponse = Schema.Struct({
  error: Schema.String,
  error_description: Schema.optional(Schema.String),
  error_message: Schema.optional(Schema.String)
})

const operation = "oauth2/token"

/**
 * Decodes what the token endpoint answered: its OAuth error (`{"error": …}`, whatever the status)
 * as `OAuthTokenError`; a body that is not JSON, or JSON without an access token, as
 * `TransportError` (`InvalidResponse`) — never a `SyntaxError`.
 * @since 0.1.0
 */
export const decodeTokenResponse = (
  status: number,
  body: string
): Either.Either<TokenResponse, OAuthTokenError | TransportError> => {
  const invalid = (message: string) =>
    Either.left(new TransportError({ reason: "InvalidResponse", operation, message, httpStatusCode: status }))
  let json: unknown
  try {
    json = JSON.parse(body)
  } catch {
    return invalid(`The token endpoint answered ${status} with a body that is not JSON.`)
  }
  const failure = Schema.decodeUnknownOption(ErrorResponse)(json)
  if (Option.isSome(failure)) {
    const { error, error_description, error_message } = failure.value
    return Either.left(new OAuthTokenError({ error, message: error_message ?? error_description ?? error, httpStatusCode: status }))
  }
  if (status < 200 || status >= 300) return invalid(`The token endpoint answered ${status} without an OAuth error.`)
  return Either.mapLeft(Schema.decodeUnknownEither(TokenResponse)(json), () =>
    new TransportError({
      reason: "InvalidResponse",
      operation,
      message: "The token endpoint answered without an access token.",
      httpStatusCode: status
    }))
}

/** A token answer in the shape of Cognito's `AuthenticationResult`. @since 0.1.0 */
export const authenticationResult = (response: TokenResponse): AuthenticationResult => ({
  AccessToken: response.access_token,
  ...(response.id_token === undefined ? {} : { IdToken: response.id_token }),
  ...(response.refresh_token === undefined ? {} : { RefreshToken: response.refresh_token }),
  ...(response.token_type === undefined ? {} : { TokenType: response.token_type }),
  ...(response.expires_in === undefined ? {} : { ExpiresIn: response.expires_in })
})

// --- /logout --------------------------------------------------------------------------------

/** The logout URL Amplify opens: only `client_id` and the encoded `logout_uri`. @since 0.1.0 */
export const logoutUrl = (domain: string, clientId: string, logoutUri: string): string =>
  `${origin(domain)}/logout?client_id=${encodeURIComponent(clientId)}&logout_uri=${encodeURIComponent(logoutUri)}`
