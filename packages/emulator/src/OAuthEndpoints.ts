/**
 * The hosted UI's non-interactive endpoints, with Cognito's rules:
 *
 * - `POST /oauth2/token` (form-encoded; client secret by HTTP Basic or `client_secret`):
 *   `authorization_code` — the code once, for the client and `redirect_uri` it was issued to, and
 *   the PKCE verifier whose S256 hash is the challenge sent to `/oauth2/authorize` — and
 *   `refresh_token` (rotating when the client enables it). Refusals are OAuth error JSON
 *   (`invalid_request`, `invalid_client`, `invalid_grant`, `unauthorized_client`,
 *   `unsupported_grant_type`) with an `error_description`.
 * - `GET|POST /oauth2/userInfo` with `Authorization: Bearer <access token>` (scope `openid`): the
 *   user's claims for the token's scopes.
 * - `GET /logout?client_id=…&logout_uri=…`: forgets the hosted UI's sign-in and goes to
 *   `logout_uri`, which must be one of the client's `LogoutURLs` exactly; with `redirect_uri` and
 *   `response_type` instead, signs out and shows the sign-in page again.
 *
 * @since 0.1.0
 */
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import type { SecureRandom } from "@cognito-effect/domain/services/SecureRandom"
import type * as Shapes from "@cognito-effect/domain/wire/Shapes"
import * as NodeCrypto from "node:crypto"
import * as Attributes from "./Attributes.js"
import * as AuthorizeRequest from "./AuthorizeRequest.js"
import { Backend } from "./Backend.js"
import * as HostedUiPages from "./HostedUiPages.js"
import * as Http from "./HttpReply.js"
import * as Ids from "./Ids.js"
import * as OAuthGrants from "./OAuthGrants.js"
import type * as Store from "./Store.js"
import * as TokenIssuer from "./TokenIssuer.js"
import * as Tokens from "./Tokens.js"

/** An OAuth error answer. @since 0.1.0 */
export const oauthError = (error: string, description: string, status = 400): Http.HttpReply =>
  Http.json(status, { error, error_description: description })

const basicCredentials = (request: Http.HttpRequest): { readonly id: string; readonly secret: string } | undefined => {
  const value = Http.header(request, "authorization")
  if (value === undefined || !/^basic /i.test(value)) return undefined
  const decoded = Buffer.from(value.slice(6).trim(), "base64").toString("utf8")
  const colon = decoded.indexOf(":")
  return colon < 0 ? undefined : { id: decodeURIComponent(decoded.slice(0, colon)), secret: decodeURIComponent(decoded.slice(colon + 1)) }
}

/** `BASE64URL(SHA256(verifier))`, the S256 challenge of a verifier. @since 0.1.0 */
export const s256 = (verifier: string): string => NodeCrypto.createHash("sha256").update(verifier, "ascii").digest("base64url")

type Authenticated = { readonly pool: Store.PoolState; readonly client: Store.Client }

const authenticateClient = (request: Http.HttpRequest, params: URLSearchParams) =>
  Effect.gen(function* () {
    const backend = yield* Backend
    const basic = basicCredentials(request)
    const clientId = basic?.id ?? params.get("client_id")
    const secret = basic?.secret ?? params.get("client_secret") ?? undefined
    if (clientId === null || clientId === "") return Either.left(oauthError("invalid_client", "client_id is required.", 401))
    const found = backend.store.findClient(clientId)
    if (found === undefined) return Either.left(oauthError("invalid_client", "Client authentication failed.", 401))
    const expected = found.client.secret === undefined ? undefined : Redacted.value(found.client.secret)
    if (expected !== undefined ? secret === undefined || !Ids.constantTimeEqual(expected, secret) : secret !== undefined) {
      return Either.left(oauthError("invalid_client", "Client authentication failed.", 401))
    }
    if (found.client.settings.AllowedOAuthFlowsUserPoolClient !== true) {
      return Either.left(oauthError("unauthorized_client", "The app client is not enabled for OAuth."))
    }
    return Either.right<Authenticated>({ pool: found.state, client: found.client })
  })

const tokenAnswer = (result: Shapes.AuthenticationResult) =>
  Http.json(200, {
    ...(result.IdToken === undefined ? {} : { id_token: Redacted.value(result.IdToken) }),
    access_token: result.AccessToken === undefined ? "" : Redacted.value(result.AccessToken),
    ...(result.RefreshToken === undefined ? {} : { refresh_token: Redacted.value(result.RefreshToken) }),
    expires_in: result.ExpiresIn ?? 3600,
    token_type: "Bearer"
  })

const authorizationCode = (caller: Authenticated, params: URLSearchParams) =>
  Effect.gen(function* () {
    const backend = yield* Backend
    const code = params.get("code")
    const redirectUri = params.get("redirect_uri")
    if (!code || !redirectUri) return oauthError("invalid_request", "code and redirect_uri are required.")
    const grant = OAuthGrants.of(backend.store).take(code, yield* Clock.currentTimeMillis)
    if (grant === undefined || grant.clientId !== caller.client.id || grant.poolId !== caller.pool.pool.id) {
      return oauthError("invalid_grant", "The authorization code is invalid, expired or already used.")
    }
    if (grant.redirectUri !== redirectUri) return oauthError("invalid_grant", "redirect_uri does not match the authorization request.")
    if (grant.codeChallenge !== undefined) {
      const verifier = params.get("code_verifier")
      if (!verifier) return oauthError("invalid_grant", "code_verifier is required: the authorization request had a code_challenge.")
      if (!Ids.constantTimeEqual(s256(verifier), grant.codeChallenge)) {
        return oauthError("invalid_grant", "code_verifier does not match the code_challenge.")
      }
    }
    const user = caller.pool.users.get(backend.store.userKey(caller.pool, grant.username))
    if (user === undefined || !user.enabled) return oauthError("invalid_grant", "The user is no longer allowed to sign in.")
    const origin = yield* Tokens.openOrigin({ state: caller.pool, client: caller.client, user, scope: grant.scope, authTime: grant.authTime })
    const result = yield* Tokens.mint({
      state: caller.pool,
      client: caller.client,
      user,
      origin,
      withRefreshToken: true,
      ...(grant.nonce === undefined ? {} : { nonce: grant.nonce })
    })
    return tokenAnswer(result)
  })

const refreshToken = (caller: Authenticated, params: URLSearchParams) =>
  Effect.gen(function* () {
    const token = params.get("refresh_token")
    if (!token) return oauthError("invalid_request", "refresh_token is required.")
    const rotation = caller.client.settings.RefreshTokenRotation
    return yield* Tokens.redeem({ state: caller.pool, client: caller.client, token: Redacted.make(token) }).pipe(
      Effect.flatMap((redeemed) =>
        Tokens.refresh({
          state: caller.pool,
          client: caller.client,
          redeemed,
          rotate: rotation?.Feature === "ENABLED",
          graceSeconds: rotation?.RetryGracePeriodSeconds ?? 0
        })
      ),
      Effect.map(tokenAnswer),
      Effect.catchAll((error) => Effect.succeed(oauthError("invalid_grant", error.message)))
    )
  })

/** `POST /oauth2/token`. @since 0.1.0 */
export const token = (request: Http.HttpRequest): Effect.Effect<Http.HttpReply, never, Backend | SecureRandom> =>
  Effect.gen(function* () {
    if (!(Http.header(request, "content-type") ?? "").toLowerCase().startsWith("application/x-www-form-urlencoded")) {
      return oauthError("invalid_request", "Content-Type must be application/x-www-form-urlencoded.")
    }
    const params = Http.form(request)
    const caller = yield* authenticateClient(request, params)
    if (Either.isLeft(caller)) return caller.left
    switch (params.get("grant_type")) {
      case "authorization_code":
        return yield* authorizationCode(caller.right, params)
      case "refresh_token":
        return yield* refreshToken(caller.right, params)
      case null:
        return oauthError("invalid_request", "grant_type is required.")
      default:
        return oauthError("unsupported_grant_type", "grant_type must be authorization_code or refresh_token.")
    }
  })

// --- /oauth2/userInfo ------------------------------------------------------------------------

const bearerError = (status: number, error: string, description: string): Http.HttpReply =>
  Http.json(status, { error, error_description: description }, { "www-authenticate": `Bearer error="${error}", error_description="${description}"` })

const payloadOf = (token: string): Record<string, unknown> | undefined => {
  try {
    const payload: unknown = JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString("utf8"))
    return typeof payload === "object" && payload !== null ? (payload as Record<string, unknown>) : undefined
  } catch {
    return undefined
  }
}

const profileClaims = [
  "name", "family_name", "given_name", "middle_name", "nickname", "preferred_username", "profile", "picture",
  "website", "gender", "birthdate", "zoneinfo", "locale", "updated_at", "address"
]

/** The claims userInfo gives for the granted scopes (everything readable with the admin scope). @since 0.1.0 */
export const claimsFor = (client: Store.Client, user: Store.User, scopes: ReadonlyArray<string>): Record<string, string> => {
  const readable = Attributes.readable(client, user.attributes)
  const pick = (names: ReadonlyArray<string>) =>
    Object.fromEntries(names.flatMap((name) => (readable[name] === undefined ? [] : [[name, readable[name]]])))
  const all = scopes.includes(Tokens.adminScope)
  return {
    sub: user.attributes["sub"] ?? "",
    ...(all ? readable : {}),
    ...(scopes.includes("email") ? pick(["email", "email_verified"]) : {}),
    ...(scopes.includes("phone") ? pick(["phone_number", "phone_number_verified"]) : {}),
    ...(scopes.includes("profile") ? pick([...profileClaims, ...Object.keys(readable).filter((n) => n.startsWith("custom:"))]) : {}),
    ...(readable["identities"] === undefined ? {} : { identities: readable["identities"] }),
    username: user.username
  }
}

/** `GET|POST /oauth2/userInfo`. @since 0.1.0 */
export const userInfo = (request: Http.HttpRequest): Effect.Effect<Http.HttpReply, never, Backend> =>
  Effect.gen(function* () {
    const backend = yield* Backend
    const authorization = Http.header(request, "authorization") ?? ""
    if (!/^bearer /i.test(authorization)) return bearerError(401, "invalid_request", "An access token is required.")
    const token = authorization.slice(7).trim()
    const invalid = bearerError(401, "invalid_token", "Access token is invalid, expired or revoked.")
    const poolId = String(payloadOf(token)?.["iss"] ?? "").split("/").at(-1) ?? ""
    const pool = backend.store.pools.get(poolId)
    if (pool === undefined) return invalid
    const claims = yield* TokenIssuer.verify(yield* backend.keyOf(pool.pool), token)
    if (Option.isNone(claims) || claims.value["token_use"] !== "access") return invalid
    const exp = claims.value["exp"]
    if (typeof exp !== "number" || exp * 1000 <= (yield* Clock.currentTimeMillis)) return invalid
    const origin = backend.store.origins.get(String(claims.value["origin_jti"]))
    const client = pool.clients.get(String(claims.value["client_id"]))
    const user = pool.users.get(backend.store.userKey(pool, String(claims.value["username"])))
    if (origin === undefined || origin.revoked || client === undefined || user === undefined || !user.enabled) return invalid
    const scopes = String(claims.value["scope"] ?? "").split(" ")
    if (!scopes.includes("openid") && !scopes.includes(Tokens.adminScope)) {
      return bearerError(403, "insufficient_scope", "The access token needs the openid scope.")
    }
    return Http.json(200, claimsFor(client, user, scopes))
  })

// --- /logout --------------------------------------------------------------------------------

/** `GET /logout`. @since 0.1.0 */
export const logout = (request: Http.HttpRequest): Effect.Effect<Http.HttpReply, never, Backend> =>
  Effect.gen(function* () {
    const backend = yield* Backend
    const query = request.url.searchParams
    const clientId = query.get("client_id")
    const found = clientId === null ? undefined : backend.store.findClient(clientId)
    if (found === undefined) return Http.html(400, HostedUiPages.errorPage("invalid_client", "client_id names no app client."))
    const forget = {
      "set-cookie": Http.setCookie(OAuthGrants.cookieName, "", 0, backend.endpoint().startsWith("https:"))
    }
    const signOut = () => OAuthGrants.of(backend.store).close(Http.cookie(request, OAuthGrants.cookieName))
    const logoutUri = query.get("logout_uri")
    if (logoutUri !== null) {
      if (!(found.client.settings.LogoutURLs ?? []).includes(logoutUri)) {
        return Http.html(400, HostedUiPages.errorPage("invalid_request", "logout_uri is not one of the app client's sign-out URLs."))
      }
      signOut()
      return Http.redirect(logoutUri, forget)
    }
    if (query.has("redirect_uri") && query.has("response_type")) {
      const parsed = AuthorizeRequest.parse(backend.store, query)
      if (Either.isLeft(parsed)) {
        const refusal = parsed.left
        return refusal._tag === "Page"
          ? Http.html(400, HostedUiPages.errorPage(refusal.error, refusal.message))
          : Http.redirect(AuthorizeRequest.refusalUrl(refusal))
      }
      signOut()
      return Http.redirect(`/login?${parsed.right.query}`, forget)
    }
    return Http.html(400, HostedUiPages.errorPage("invalid_request", "logout_uri (or redirect_uri and response_type) is required."))
  })
