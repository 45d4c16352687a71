/**
 * What `/oauth2/authorize` is asked, checked as Cognito checks it — once at the authorize
 * endpoint and again on every hosted page that carries the same query (the login form, a
 * challenge, the simulated provider), so no page trusts a hidden field.
 *
 * A request that names an unknown app client or a `redirect_uri` outside its `CallbackURLs` is
 * refused on an error page (sending the browser anywhere would make the emulator an open
 * redirector); every other refusal goes back to the app as `?error=…&error_description=…&state=…`:
 * `unsupported_response_type`, `unauthorized_client` (the client may not use the hosted UI or
 * this flow), `invalid_scope`, `invalid_request` (PKCE other than S256, a provider the client
 * does not support).
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import type * as Store from "./Store.js"

/** The providers the emulator simulates, by Cognito name, with the name users know them by. @since 0.1.0 */
export const socialProviders: Readonly<Record<string, string>> = {
  Google: "Google",
  Facebook: "Facebook",
  LoginWithAmazon: "Amazon",
  SignInWithApple: "Apple"
}

/** Cognito's own sign-in page. @since 0.1.0 */
export const cognito = "COGNITO"

/** A checked authorize request. @since 0.1.0 */
export interface AuthorizeRequest {
  readonly pool: Store.PoolState
  readonly client: Store.Client
  readonly redirectUri: string
  readonly responseType: "code" | "token"
  /** the granted scopes, space-separated */
  readonly scope: string
  /** the app's `state`, handed back untouched */
  readonly appState?: string
  readonly codeChallenge?: string
  readonly nonce?: string
  /** `COGNITO` or the identity provider to sign in with */
  readonly provider: string
  readonly prompt?: string
  readonly loginHint?: string
  /** the query as received, for the next page */
  readonly query: string
}

/** Why a request is refused. @since 0.1.0 */
export type Refusal =
  | { readonly _tag: "Page"; readonly error: string; readonly message: string }
  | { readonly _tag: "Redirect"; readonly redirectUri: string; readonly appState?: string; readonly error: string; readonly message: string }

/** The identity providers an app client may use (`COGNITO` when it lists none). @since 0.1.0 */
export const providersOf = (client: Store.Client): ReadonlyArray<string> => client.settings.SupportedIdentityProviders ?? [cognito]

const challengePattern = /^[A-Za-z0-9_-]{43}$/

/** Checks an authorize query. @since 0.1.0 */
export const parse = (store: Store.Store, query: URLSearchParams): Either.Either<AuthorizeRequest, Refusal> => {
  const page = (error: string, message: string) => Either.left<Refusal>({ _tag: "Page", error, message })
  const clientId = query.get("client_id")
  const found = clientId === null ? undefined : store.findClient(clientId)
  if (found === undefined) return page("invalid_client", clientId === null ? "client_id is required." : `No app client ${clientId}.`)
  const { state: pool, client } = found
  const redirectUri = query.get("redirect_uri")
  if (redirectUri === null || !(client.settings.CallbackURLs ?? []).includes(redirectUri)) {
    return page("redirect_mismatch", "redirect_uri is not one of the app client's callback URLs.")
  }
  const appState = query.get("state") ?? undefined
  const refuse = (error: string, message: string) =>
    Either.left<Refusal>({ _tag: "Redirect", redirectUri, ...(appState === undefined ? {} : { appState }), error, message })

  const responseType = query.get("response_type")
  if (responseType !== "code" && responseType !== "token") {
    return refuse("unsupported_response_type", "response_type must be code or token.")
  }
  const flows = client.settings.AllowedOAuthFlows ?? []
  if (client.settings.AllowedOAuthFlowsUserPoolClient !== true || !flows.includes(responseType === "code" ? "code" : "implicit")) {
    return refuse("unauthorized_client", `The app client is not allowed the ${responseType === "code" ? "code" : "implicit"} grant.`)
  }
  const allowed = client.settings.AllowedOAuthScopes ?? []
  const requested = (query.get("scope") ?? "").split(/\s+/).filter((s) => s !== "")
  const unknown = requested.filter((s) => !allowed.includes(s))
  if (unknown.length > 0) return refuse("invalid_scope", `Scopes not allowed for this client: ${unknown.join(" ")}`)
  const scope = (requested.length > 0 ? requested : allowed).join(" ")

  const method = query.get("code_challenge_method")
  const codeChallenge = query.get("code_challenge") ?? undefined
  if (method !== null && method !== "S256") return refuse("invalid_request", "code_challenge_method must be S256.")
  if (method !== null && codeChallenge === undefined) return refuse("invalid_request", "code_challenge is required with code_challenge_method.")
  if (codeChallenge !== undefined && !challengePattern.test(codeChallenge)) {
    return refuse("invalid_request", "code_challenge must be 43 base64url characters (S256).")
  }

  const supported = providersOf(client)
  const identifier = query.get("idp_identifier")
  const provider =
    query.get("identity_provider") ??
    (identifier === null ? cognito : supported.find((name) => name.toLowerCase() === identifier.toLowerCase()) ?? identifier)
  if (!supported.includes(provider)) return refuse("invalid_request", `The app client does not support the identity provider ${provider}.`)

  const nonce = query.get("nonce") ?? undefined
  const prompt = query.get("prompt") ?? undefined
  const loginHint = query.get("login_hint") ?? undefined
  return Either.right({
    pool,
    client,
    redirectUri,
    responseType,
    scope,
    provider,
    query: query.toString(),
    ...(appState === undefined ? {} : { appState }),
    ...(codeChallenge === undefined ? {} : { codeChallenge }),
    ...(nonce === undefined ? {} : { nonce }),
    ...(prompt === undefined ? {} : { prompt }),
    ...(loginHint === undefined ? {} : { loginHint })
  })
}

/** `redirect_uri` with `entries` added to its query (code, errors) or its fragment (implicit tokens). @since 0.1.0 */
export const back = (
  redirectUri: string,
  entries: ReadonlyArray<readonly [string, string | undefined]>,
  where: "query" | "fragment" = "query"
): string => {
  const url = new URL(redirectUri)
  const params = where === "query" ? url.searchParams : new URLSearchParams()
  for (const [key, value] of entries) if (value !== undefined) params.append(key, value)
  if (where === "fragment") url.hash = params.toString()
  return url.toString()
}

/** The app's page for a refusal that goes back to it. @since 0.1.0 */
export const refusalUrl = (refusal: Extract<Refusal, { _tag: "Redirect" }>): string =>
  back(refusal.redirectUri, [["error_description", refusal.message], ["error", refusal.error], ["state", refusal.appState]])
