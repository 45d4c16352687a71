/**
 * The hosted UI, served by the emulator on its own host and port (so an app's `oauth.domain` is
 * `127.0.0.1:<port>`, or `localhost:<port>`):
 *
 * - `GET /oauth2/authorize` checks the request (`AuthorizeRequest`), then sends the browser to
 *   the simulated identity provider (`identity_provider`/`idp_identifier`), straight back to the
 *   app when the hosted UI still remembers the user (its cookie, unless `prompt=login`;
 *   `prompt=none` without one answers `login_required`), or to the sign-in form;
 * - `GET /login` shows the form, `POST /login` checks the password (lockout, disabled and
 *   unconfirmed users as for the API) and then walks the same sign-in stages as the API
 *   (`Challenges.stages`): a new password, MFA codes, the choice between MFA factors each get a
 *   form, answered by the API's own challenge responders;
 * - `GET|POST /_emulator/idp/<provider>`: the simulated provider's consent page
 *   (`FederatedProvider`);
 * - `/oauth2/token`, `/oauth2/userInfo`, `/logout`: `OAuthEndpoints`.
 *
 * A completed sign-in is remembered behind the hosted UI's cookie and answered with a code (code
 * flow) or with tokens in the fragment (implicit flow, no refresh token).
 *
 * @since 0.1.0
 */
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import type { SecureRandom } from "@cognito-effect/domain/services/SecureRandom"
import * as Shapes from "@cognito-effect/domain/wire/Shapes"
import * as AuthorizeRequest from "./AuthorizeRequest.js"
import { Backend } from "./Backend.js"
import * as Challenges from "./Challenges.js"
import * as CognitoException from "./CognitoException.js"
import type * as Emulator from "./Emulator.js"
import * as FederatedProvider from "./FederatedProvider.js"
import * as HostedUiPages from "./HostedUiPages.js"
import * as Http from "./HttpReply.js"
import * as OAuthEndpoints from "./OAuthEndpoints.js"
import * as OAuthGrants from "./OAuthGrants.js"
import * as Passwords from "./Passwords.js"
import * as SignIn from "./SignIn.js"
import * as Store from "./Store.js"
import * as Tokens from "./Tokens.js"

const idpPrefix = "/_emulator/idp/"

/** Whether a path belongs to the hosted UI. @since 0.1.0 */
export const handles = (pathname: string): boolean =>
  pathname === "/oauth2/authorize" || pathname === "/login" || pathname === "/oauth2/token" ||
  pathname === "/oauth2/userInfo" || pathname === "/logout" || pathname.startsWith(idpPrefix)

type Services = Backend | SecureRandom

/** The hosted UI's endpoints, for the OpenID discovery document. @since 0.1.0 */
export const endpoints = (origin: string) => ({
  authorization_endpoint: `${origin}/oauth2/authorize`,
  token_endpoint: `${origin}/oauth2/token`,
  userinfo_endpoint: `${origin}/oauth2/userInfo`,
  end_session_endpoint: `${origin}/logout`,
  code_challenge_methods_supported: ["S256"],
  grant_types_supported: ["authorization_code", "implicit", "refresh_token"]
})

const refused = (refusal: AuthorizeRequest.Refusal): Http.HttpReply =>
  refusal._tag === "Page"
    ? Http.html(400, HostedUiPages.errorPage(refusal.error, refusal.message))
    : Http.redirect(AuthorizeRequest.refusalUrl(refusal))

/** Runs `next` with the checked authorize request of `query`, or answers its refusal. */
const withRequest = (
  query: URLSearchParams,
  next: (request: AuthorizeRequest.AuthorizeRequest) => Effect.Effect<Http.HttpReply, never, Services>
) =>
  Effect.flatMap(Backend, (backend) =>
    Either.match(AuthorizeRequest.parse(backend.store, query), {
      onLeft: (refusal) => Effect.succeed(refused(refusal)),
      onRight: next
    }))

const secure = Effect.map(Backend, (backend) => backend.endpoint().startsWith("https:"))

/**
 * Sends the browser back to the app with a code (or, in the implicit flow, tokens), opening a
 * hosted-UI session first when the user just signed in.
 */
const finish = (request: AuthorizeRequest.AuthorizeRequest, user: Store.User, authTime: number, remember: boolean) =>
  Effect.gen(function* () {
    const backend = yield* Backend
    const grants = OAuthGrants.of(backend.store)
    const headers: Record<string, string> = {}
    if (remember) {
      const id = yield* grants.open({ poolId: request.pool.pool.id, username: user.username, authTime })
      headers["set-cookie"] = Http.setCookie(OAuthGrants.cookieName, id, OAuthGrants.sessionLifetimeMillis / 1000, yield* secure)
    }
    if (request.responseType === "code") {
      const code = yield* grants.issue({
        poolId: request.pool.pool.id,
        clientId: request.client.id,
        username: user.username,
        redirectUri: request.redirectUri,
        scope: request.scope,
        authTime,
        ...(request.codeChallenge === undefined ? {} : { codeChallenge: request.codeChallenge }),
        ...(request.nonce === undefined ? {} : { nonce: request.nonce })
      })
      return Http.redirect(AuthorizeRequest.back(request.redirectUri, [["code", code], ["state", request.appState]]), headers)
    }
    const origin = yield* Tokens.openOrigin({ state: request.pool, client: request.client, user, scope: request.scope, authTime })
    const result = yield* Tokens.mint({
      state: request.pool,
      client: request.client,
      user,
      origin,
      withRefreshToken: false,
      ...(request.nonce === undefined ? {} : { nonce: request.nonce })
    })
    const reveal = (value: Redacted.Redacted<string> | undefined) => (value === undefined ? undefined : Redacted.value(value))
    return Http.redirect(
      AuthorizeRequest.back(request.redirectUri, [
        ["id_token", reveal(result.IdToken)],
        ["access_token", reveal(result.AccessToken)],
        ["expires_in", String(result.ExpiresIn ?? 3600)],
        ["token_type", "Bearer"],
        ["state", request.appState]
      ], "fragment"),
      headers
    )
  })

const nowSeconds = Effect.map(Clock.currentTimeMillis, (now) => Math.floor(now / 1000))

// --- /oauth2/authorize ----------------------------------------------------------------------

const authorize = (http: Http.HttpRequest) =>
  withRequest(http.url.searchParams, (request) =>
    Effect.gen(function* () {
      if (request.provider !== AuthorizeRequest.cognito) {
        return Http.redirect(`${idpPrefix}${encodeURIComponent(request.provider)}?${request.query}`)
      }
      const backend = yield* Backend
      const now = yield* Clock.currentTimeMillis
      const prompts = (request.prompt ?? "").split(" ")
      const remembered = OAuthGrants.of(backend.store).session(Http.cookie(http, OAuthGrants.cookieName), request.pool.pool.id, now)
      const user = remembered === undefined ? undefined : request.pool.users.get(backend.store.userKey(request.pool, remembered.username))
      if (remembered !== undefined && user !== undefined && user.enabled && !prompts.includes("login")) {
        return yield* finish(request, user, remembered.authTime, false)
      }
      if (prompts.includes("none")) {
        return Http.redirect(AuthorizeRequest.refusalUrl({
          _tag: "Redirect",
          redirectUri: request.redirectUri,
          ...(request.appState === undefined ? {} : { appState: request.appState }),
          error: "login_required",
          message: "The user is not signed in to the hosted UI."
        }))
      }
      return Http.redirect(`/login?${request.query}`)
    }))

// --- /login ---------------------------------------------------------------------------------

const providerLinks = (request: AuthorizeRequest.AuthorizeRequest): ReadonlyArray<HostedUiPages.ProviderLink> =>
  AuthorizeRequest.providersOf(request.client)
    .filter((name) => name !== AuthorizeRequest.cognito)
    .map((name) => {
      const query = new URLSearchParams(request.query)
      query.delete("idp_identifier")
      query.set("identity_provider", name)
      return { name, label: FederatedProvider.label(name), href: `/oauth2/authorize?${query.toString()}` }
    })

const loginPage = (request: AuthorizeRequest.AuthorizeRequest, status: number, extra: { readonly error?: string; readonly username?: string } = {}) => {
  const username = extra.username ?? request.loginHint
  return Http.html(status, HostedUiPages.loginPage({
    action: `/login?${request.query}`,
    clientName: request.client.name,
    providers: providerLinks(request),
    withPassword: AuthorizeRequest.providersOf(request.client).includes(AuthorizeRequest.cognito),
    ...(username === undefined ? {} : { username }),
    ...(extra.error === undefined ? {} : { error: extra.error })
  }))
}

/** Where a password sign-in stands after a step. */
type Outcome =
  | { readonly _tag: "Done"; readonly user: Store.User }
  | { readonly _tag: "Challenge"; readonly response: SignIn.AuthResponse; readonly username: string }

/** The next stage the attempt owes, as the API's `Challenges.advance` decides, but without minting tokens. */
const advance = (attempt: SignIn.Attempt): Effect.Effect<Outcome, CognitoException.CognitoException, Services> =>
  Effect.suspend(() => {
    const next = Challenges.stages.find((stage) => !attempt.passed.includes(stage.name) && stage.required(attempt))
    if (next === undefined) return Effect.succeed<Outcome>({ _tag: "Done", user: attempt.user })
    return Effect.map(next.challenge(attempt), (response): Outcome =>
      response.AuthenticationResult !== undefined
        ? { _tag: "Done", user: attempt.user }
        : { _tag: "Challenge", response, username: attempt.user.username })
  })

const withPassword = (request: AuthorizeRequest.AuthorizeRequest, username: string, password: string) =>
  Effect.gen(function* () {
    const backend = yield* Backend
    const user = backend.store.findUser(request.pool, username)
    // The hosted UI never tells whether a user exists.
    if (user === undefined || user.status === "EXTERNAL_PROVIDER") return yield* Effect.fail(CognitoException.incorrectCredentials())
    yield* SignIn.requireUsable(user)
    yield* SignIn.requireNotLockedOut(user)
    if (!(yield* Passwords.matches({ pool: request.pool.pool, user, password: Redacted.make(password) }))) {
      yield* SignIn.recordFailure(request.pool, user.username)
      return yield* Effect.fail(CognitoException.incorrectCredentials())
    }
    yield* SignIn.requireConfirmed(request.pool, user)
    if (user.failedSignIns.count > 0) {
      backend.store.putUser(request.pool, { ...user, failedSignIns: Store.noFailedSignIns })
    }
    return yield* advance({ state: request.pool, client: request.client, user, flow: "USER_PASSWORD_AUTH", passed: ["PASSWORD"] })
  })

/** Whether a challenge session can still be answered (a responder may put it back after a wrong code). */
const sessionAlive = (id: string) =>
  Effect.gen(function* () {
    const backend = yield* Backend
    const now = yield* Clock.currentTimeMillis
    const session = backend.sessions.take(id, now)
    if (typeof session === "string") return false
    backend.sessions.put(session, now)
    return true
  })

const answer = (request: AuthorizeRequest.AuthorizeRequest, body: URLSearchParams, challengeName: string, sessionId: string) =>
  Effect.gen(function* () {
    const backend = yield* Backend
    const responder = Challenges.responders[challengeName]
    if (responder === undefined || !Schema.is(Shapes.ChallengeName)(challengeName)) return yield* Effect.fail(CognitoException.invalidSession())
    const session = backend.sessions.take(sessionId, yield* Clock.currentTimeMillis)
    if (session === "Expired") return yield* Effect.fail(CognitoException.expiredSession())
    if (session === "Missing" || session.clientId !== request.client.id || session.poolId !== request.pool.pool.id || session.challenge !== challengeName) {
      return yield* Effect.fail(CognitoException.invalidSession())
    }
    const user = request.pool.users.get(backend.store.userKey(request.pool, session.username))
    if (user === undefined) return yield* Effect.fail(CognitoException.incorrectCredentials())
    const parameters = parametersOf(body)
    const fields = challengeName === "SELECT_MFA_TYPE" ? [{ name: "ANSWER" }] : HostedUiPages.challengeFields(challengeName, parameters) ?? []
    const responses: Record<string, string> = { USERNAME: user.username }
    for (const field of fields) {
      const value = body.get(field.name)
      if (value !== null && value.trim() !== "") responses[field.name] = field.name === "NEW_PASSWORD" ? value : value.trim()
    }
    const step = yield* responder.respond({
      session,
      attempt: { state: request.pool, client: request.client, user, flow: session.flow, passed: session.passed },
      responses,
      request: {
        ClientId: request.client.id,
        ChallengeName: challengeName,
        Session: Redacted.make(sessionId),
        ChallengeResponses: Object.fromEntries(Object.entries(responses).map(([k, v]) => [k, Redacted.make(v)]))
      }
    })
    if (step._tag === "Continue") return yield* advance(step.attempt)
    return step.response.AuthenticationResult !== undefined
      ? ({ _tag: "Done", user } as const)
      : ({ _tag: "Challenge", response: step.response, username: user.username } as const)
  })

const parametersOf = (body: URLSearchParams): Record<string, string> => {
  try {
    const value: unknown = JSON.parse(body.get("parameters") ?? "{}")
    if (typeof value !== "object" || value === null) return {}
    return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === "string"))
  } catch {
    return {}
  }
}

const challengeReply = (
  request: AuthorizeRequest.AuthorizeRequest,
  challenge: { readonly name: string; readonly session: string; readonly parameters: Readonly<Record<string, string>>; readonly username: string },
  status: number,
  error?: string
) => {
  const page = HostedUiPages.challengePage({
    action: `/login?${request.query}`,
    challengeName: challenge.name,
    parameters: challenge.parameters,
    session: challenge.session,
    username: challenge.username,
    ...(error === undefined ? {} : { error })
  })
  if (page === undefined) {
    return loginPage(request, 400, {
      error: `This account needs the ${challenge.name} step, which the hosted UI does not offer here: finish it in the app.`
    })
  }
  return Http.html(status, page)
}

const settled = (request: AuthorizeRequest.AuthorizeRequest, outcome: Outcome) =>
  Effect.gen(function* () {
    if (outcome._tag === "Done") return yield* finish(request, outcome.user, yield* nowSeconds, true)
    const response = outcome.response
    return challengeReply(request, {
      name: response.ChallengeName ?? "",
      session: response.Session === undefined ? "" : Redacted.value(response.Session),
      parameters: response.ChallengeParameters ?? {},
      username: outcome.username
    }, 200)
  })

const login = (http: Http.HttpRequest) =>
  withRequest(http.url.searchParams, (request) =>
    Effect.gen(function* () {
      if (http.method === "GET") return loginPage(request, 200)
      const body = Http.form(http)
      const challengeName = body.get("challenge")
      if (challengeName !== null) {
        const sessionId = body.get("session") ?? ""
        return yield* answer(request, body, challengeName, sessionId).pipe(
          Effect.flatMap((outcome) => settled(request, outcome)),
          Effect.catchAll((error) =>
            Effect.gen(function* () {
              if (yield* sessionAlive(sessionId)) {
                return challengeReply(request, {
                  name: challengeName,
                  session: sessionId,
                  parameters: parametersOf(body),
                  username: body.get("username") ?? ""
                }, 400, error.message)
              }
              return loginPage(request, 400, { error: `${error.message} Please sign in again.` })
            }))
        )
      }
      const username = (body.get("username") ?? "").trim()
      const password = body.get("password") ?? ""
      if (username === "" || password === "") return loginPage(request, 400, { error: "Enter your username and password.", username })
      return yield* withPassword(request, username, password).pipe(
        Effect.flatMap((outcome) => settled(request, outcome)),
        Effect.catchAll((error) => Effect.succeed(loginPage(request, 400, { error: error.message, username })))
      )
    }))

// --- the simulated identity provider ---------------------------------------------------------

const provider = (http: Http.HttpRequest) =>
  withRequest(http.url.searchParams, (request) =>
    Effect.gen(function* () {
      const name = decodeURIComponent(http.url.pathname.slice(idpPrefix.length))
      if (name !== request.provider) {
        return Http.html(400, HostedUiPages.errorPage("invalid_request", `This page is for ${request.provider}, not ${name}.`))
      }
      const page = (status: number, error?: string) =>
        Http.html(status, HostedUiPages.consentPage({
          action: `${idpPrefix}${encodeURIComponent(name)}?${request.query}`,
          provider: name,
          label: FederatedProvider.label(name),
          clientName: request.client.name,
          ...(request.loginHint === undefined ? {} : { loginHint: request.loginHint }),
          ...(error === undefined ? {} : { error })
        }))
      if (http.method === "GET") return page(200)
      const body = Http.form(http)
      if (body.get("decision") !== "allow") {
        return Http.redirect(AuthorizeRequest.refusalUrl({
          _tag: "Redirect",
          redirectUri: request.redirectUri,
          ...(request.appState === undefined ? {} : { appState: request.appState }),
          error: "access_denied",
          message: `The user did not allow ${FederatedProvider.label(name)} to sign them in.`
        }))
      }
      const email = (body.get("email") ?? "").trim()
      if (!/^[^\s@]+@[^\s@]+$/.test(email)) return page(400, "Enter an e-mail address.")
      const user = yield* FederatedProvider.signIn(request.pool, name, { email, name: (body.get("name") ?? "").trim() })
      if (!user.enabled) return page(400, "User is disabled.")
      return yield* finish(request, user, yield* nowSeconds, true)
    }))

// --- routing --------------------------------------------------------------------------------

const methodNotAllowed = (allowed: string) =>
  ({ status: 405, headers: { allow: allowed, "content-type": "text/plain; charset=utf-8" }, body: "Method Not Allowed" }) satisfies Http.HttpReply

const dispatch = (http: Http.HttpRequest): Effect.Effect<Http.HttpReply, never, Services> => {
  const path = http.url.pathname
  const method = http.method
  if (path === "/oauth2/authorize") return method === "GET" ? authorize(http) : Effect.succeed(methodNotAllowed("GET"))
  if (path === "/login") return method === "GET" || method === "POST" ? login(http) : Effect.succeed(methodNotAllowed("GET, POST"))
  if (path === "/oauth2/token") return method === "POST" ? OAuthEndpoints.token(http) : Effect.succeed(methodNotAllowed("POST"))
  if (path === "/oauth2/userInfo") return method === "GET" || method === "POST" ? OAuthEndpoints.userInfo(http) : Effect.succeed(methodNotAllowed("GET, POST"))
  if (path === "/logout") return method === "GET" ? OAuthEndpoints.logout(http) : Effect.succeed(methodNotAllowed("GET"))
  return method === "GET" || method === "POST" ? provider(http) : Effect.succeed(methodNotAllowed("GET, POST"))
}

/**
 * Answers a hosted-UI request on an emulator. Never fails: a defect is a 500 page.
 * @since 0.1.0
 */
export const route = (emulator: Emulator.EmulatorService, http: Http.HttpRequest): Effect.Effect<Http.HttpReply> =>
  emulator.run(dispatch(http)).pipe(
    Effect.catchAllDefect((defect) =>
      Effect.as(
        Effect.logError(`${http.method} ${http.url.pathname} failed unexpectedly`, defect),
        Http.html(500, HostedUiPages.errorPage("server_error", "An internal error occurred."))
      ))
  )
