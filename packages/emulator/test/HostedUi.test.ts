/**
 * The hosted UI over HTTP, as a browser and an app's back end reach it: the authorize checks, the
 * sign-in form, the simulated identity provider, the token endpoint with PKCE, userInfo, the
 * hosted UI's own session and `/logout`, and UpdateUserPoolClient for registering callback URLs.
 */
import { assert, describe, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as NodeCrypto from "node:crypto"
import { claimsOf, makePool, makeUser, ok, TestEmulator, uniqueName } from "./Harness.js"

const callback = "http://127.0.0.1:5173/callback"
const signedOut = "http://127.0.0.1:5173/"
const password = "Hosted-UI-passw0rd!"

const oauthClient = {
  AllowedOAuthFlowsUserPoolClient: true,
  AllowedOAuthFlows: ["code", "implicit"],
  AllowedOAuthScopes: ["openid", "email", "profile", "aws.cognito.signin.user.admin"],
  SupportedIdentityProviders: ["COGNITO", "Google", "CorpOIDC"],
  CallbackURLs: [callback, "https://app.example.com/"],
  LogoutURLs: [signedOut]
}

const setup = Effect.gen(function* () {
  const pool = yield* makePool({ UsernameAttributes: ["email"], AutoVerifiedAttributes: ["email"] }, oauthClient)
  const email = `${uniqueName("hosted")}@example.com`
  yield* makeUser(pool.userPoolId, email, password, { email, email_verified: "true", name: "Ada" })
  return { ...pool, email }
})

const verifier = "pkce-verifier-".padEnd(64, "x")
const challenge = NodeCrypto.createHash("sha256").update(verifier).digest("base64url")

const authorizeQuery = (clientId: string, extra: Record<string, string> = {}) =>
  new URLSearchParams({
    redirect_uri: callback,
    response_type: "code",
    client_id: clientId,
    identity_provider: "COGNITO",
    scope: "openid email aws.cognito.signin.user.admin",
    state: "st4te-abc",
    code_challenge: challenge,
    code_challenge_method: "S256",
    ...extra
  })

interface Page {
  readonly status: number
  readonly location: string | null
  readonly setCookie: string | null
  readonly text: string
}

/** One request the way a browser makes it, without following redirects. */
const request = (path: string, init: { readonly method?: string; readonly form?: Record<string, string>; readonly cookie?: string; readonly headers?: Record<string, string>; readonly body?: string } = {}) =>
  Effect.flatMap(TestEmulator, (emulator) =>
    Effect.promise(async (): Promise<Page> => {
      const response = await fetch(path.startsWith("http") ? path : `${emulator.endpoint}${path}`, {
        method: init.method ?? (init.form === undefined && init.body === undefined ? "GET" : "POST"),
        redirect: "manual",
        headers: {
          ...(init.form === undefined ? {} : { "content-type": "application/x-www-form-urlencoded" }),
          ...(init.cookie === undefined ? {} : { cookie: init.cookie }),
          ...init.headers
        },
        ...(init.form === undefined ? (init.body === undefined ? {} : { body: init.body }) : { body: new URLSearchParams(init.form).toString() })
      })
      return {
        status: response.status,
        location: response.headers.get("location"),
        setCookie: response.headers.get("set-cookie"),
        text: await response.text()
      }
    })
  )

const cookieOf = (page: Page) => page.setCookie?.split(";")[0] ?? ""

/** The query the app gets back, from a redirect's `location`. */
const backAt = (page: Page) => {
  assert.strictEqual(page.status, 302, page.text)
  return new URL(page.location!)
}

/** The sign-in form, then the password: the answer that goes back to the app. */
const signIn = (clientId: string, email: string, query = authorizeQuery(clientId)) =>
  Effect.gen(function* () {
    const authorize = yield* request(`/oauth2/authorize?${query}`)
    assert.strictEqual(authorize.status, 302)
    assert.strictEqual(authorize.location, `/login?${query}`)
    const form = yield* request(authorize.location!)
    assert.strictEqual(form.status, 200)
    assert.include(form.text, `action="/login?${query.toString().replace(/&/g, "&amp;")}"`)
    return yield* request(authorize.location!, { form: { username: email, password } })
  })

const exchange = (clientId: string, code: string, extra: Record<string, string> = {}) =>
  request("/oauth2/token", {
    form: { grant_type: "authorization_code", code, client_id: clientId, redirect_uri: callback, code_verifier: verifier, ...extra }
  })

layer(TestEmulator.layer())("hosted UI", (it) => {
  describe("/oauth2/authorize", () => {
    it.effect("shows an error page, never a redirect, for an unknown client or callback URL", () =>
      Effect.gen(function* () {
        const { clientId } = yield* setup
        const unknown = yield* request(`/oauth2/authorize?${authorizeQuery("nosuchclient")}`)
        assert.strictEqual(unknown.status, 400)
        assert.include(unknown.text, "invalid_client")
        const mismatch = yield* request(`/oauth2/authorize?${authorizeQuery(clientId, { redirect_uri: "https://evil.example.net/" })}`)
        assert.strictEqual(mismatch.status, 400)
        assert.isNull(mismatch.location)
        assert.include(mismatch.text, "redirect_mismatch")
      }))

    it.effect("sends other refusals back to the app with its state", () =>
      Effect.gen(function* () {
        const { clientId } = yield* setup
        const refusal = (extra: Record<string, string>) =>
          Effect.map(request(`/oauth2/authorize?${authorizeQuery(clientId, extra)}`), (page) => {
            const url = backAt(page)
            assert.strictEqual(url.origin + url.pathname, callback)
            assert.strictEqual(url.searchParams.get("state"), "st4te-abc")
            return url.searchParams.get("error")
          })
        assert.strictEqual(yield* refusal({ response_type: "id_token" }), "unsupported_response_type")
        assert.strictEqual(yield* refusal({ scope: "openid admin:everything" }), "invalid_scope")
        assert.strictEqual(yield* refusal({ code_challenge_method: "plain" }), "invalid_request")
        assert.strictEqual(yield* refusal({ code_challenge: "too-short" }), "invalid_request")
        assert.strictEqual(yield* refusal({ identity_provider: "Facebook" }), "invalid_request")
      }))

    it.effect("refuses a client that is not enabled for the hosted UI", () =>
      Effect.gen(function* () {
        const pool = yield* makePool({}, { CallbackURLs: [callback], AllowedOAuthFlows: ["code"], AllowedOAuthScopes: ["openid"] })
        const page = yield* request(`/oauth2/authorize?${authorizeQuery(pool.clientId, { scope: "openid" })}`)
        assert.strictEqual(backAt(page).searchParams.get("error"), "unauthorized_client")
      }))

    it.effect("answers prompt=none without a hosted-UI session with login_required", () =>
      Effect.gen(function* () {
        const { clientId } = yield* setup
        const page = yield* request(`/oauth2/authorize?${authorizeQuery(clientId, { prompt: "none" })}`)
        assert.strictEqual(backAt(page).searchParams.get("error"), "login_required")
      }))
  })

  describe("sign-in and the code exchange", () => {
    it.effect("signs in with the password and exchanges the code with the PKCE verifier", () =>
      Effect.gen(function* () {
        const { clientId, email } = yield* setup
        const answer = yield* signIn(clientId, email, authorizeQuery(clientId, { nonce: "n-0S6_WzA2Mj" }))
        const back = backAt(answer)
        assert.strictEqual(back.searchParams.get("state"), "st4te-abc")
        const code = back.searchParams.get("code")!
        assert.match(code, /^[0-9a-f-]{36}$/)
        assert.include(answer.setCookie!, "HttpOnly")

        const token = yield* exchange(clientId, code)
        assert.strictEqual(token.status, 200, token.text)
        const body = JSON.parse(token.text)
        assert.deepStrictEqual(Object.keys(body).sort(), ["access_token", "expires_in", "id_token", "refresh_token", "token_type"])
        assert.strictEqual(body.token_type, "Bearer")
        const access = claimsOf(body.access_token)
        assert.strictEqual(access["scope"], "openid email aws.cognito.signin.user.admin")
        assert.strictEqual(access["client_id"], clientId)
        const id = claimsOf(body.id_token)
        assert.strictEqual(id["email"], email)
        assert.strictEqual(id["nonce"], "n-0S6_WzA2Mj")

        // The code answers once.
        const again = yield* exchange(clientId, code)
        assert.strictEqual(again.status, 400)
        assert.strictEqual(JSON.parse(again.text).error, "invalid_grant")

        // The session lives on: GetUser (admin scope), refresh at the token endpoint and through the API.
        const user = yield* ok("GetUser", { AccessToken: body.access_token })
        assert.strictEqual(user.UserAttributes.find((a: { Name: string }) => a.Name === "email").Value, email)
        const refreshed = yield* request("/oauth2/token", { form: { grant_type: "refresh_token", client_id: clientId, refresh_token: body.refresh_token } })
        assert.strictEqual(refreshed.status, 200, refreshed.text)
        assert.strictEqual(claimsOf(JSON.parse(refreshed.text).access_token)["scope"], "openid email aws.cognito.signin.user.admin")
        const viaApi = yield* ok("GetTokensFromRefreshToken", { ClientId: clientId, RefreshToken: body.refresh_token })
        assert.strictEqual(claimsOf(viaApi.AuthenticationResult.AccessToken)["scope"], "openid email aws.cognito.signin.user.admin")
      }))

    it.effect("refuses a wrong or missing verifier and a different redirect_uri", () =>
      Effect.gen(function* () {
        const { clientId, email } = yield* setup
        const code = () => Effect.map(signIn(clientId, email), (page) => backAt(page).searchParams.get("code")!)
        const refusal = (page: Page) => {
          assert.strictEqual(page.status, 400)
          return JSON.parse(page.text) as { error: string; error_description: string }
        }
        assert.strictEqual(refusal(yield* exchange(clientId, yield* code(), { code_verifier: "not-the-verifier".padEnd(64, "y") })).error, "invalid_grant")
        const missing = yield* request("/oauth2/token", {
          form: { grant_type: "authorization_code", code: yield* code(), client_id: clientId, redirect_uri: callback }
        })
        assert.include(refusal(missing).error_description, "code_verifier is required")
        assert.strictEqual(refusal(yield* exchange(clientId, yield* code(), { redirect_uri: "https://app.example.com/" })).error, "invalid_grant")
        assert.strictEqual(refusal(yield* request("/oauth2/token", { form: { grant_type: "password", client_id: clientId } })).error, "unsupported_grant_type")
        const json = yield* request("/oauth2/token", { body: "{}", headers: { "content-type": "application/json" } })
        assert.strictEqual(refusal(json).error, "invalid_request")
        const unknown = yield* exchange("nosuchclient", "x")
        assert.strictEqual(unknown.status, 401)
        assert.strictEqual(JSON.parse(unknown.text).error, "invalid_client")
      }))

    it.effect("shows the form again for a wrong password, with Cognito's message", () =>
      Effect.gen(function* () {
        const { clientId, email } = yield* setup
        const page = yield* request(`/login?${authorizeQuery(clientId)}`, { form: { username: email, password: "Wrong-passw0rd!" } })
        assert.strictEqual(page.status, 400)
        assert.include(page.text, "Incorrect username or password.")
        assert.include(page.text, `value="${email}"`)
        const nobody = yield* request(`/login?${authorizeQuery(clientId)}`, { form: { username: "nobody@example.com", password } })
        assert.include(nobody.text, "Incorrect username or password.")
      }))

    it.effect("issues no ID token without the openid scope", () =>
      Effect.gen(function* () {
        const { clientId, email } = yield* setup
        const answer = yield* signIn(clientId, email, authorizeQuery(clientId, { scope: "aws.cognito.signin.user.admin" }))
        const body = JSON.parse((yield* exchange(clientId, backAt(answer).searchParams.get("code")!)).text)
        assert.isUndefined(body.id_token)
        assert.strictEqual(claimsOf(body.access_token)["scope"], "aws.cognito.signin.user.admin")
      }))

    it.effect("answers the implicit flow with tokens in the fragment and no refresh token", () =>
      Effect.gen(function* () {
        const { clientId, email } = yield* setup
        const query = authorizeQuery(clientId, { response_type: "token" })
        query.delete("code_challenge")
        query.delete("code_challenge_method")
        const back = backAt(yield* signIn(clientId, email, query))
        assert.strictEqual(back.search, "")
        const fragment = new URLSearchParams(back.hash.slice(1))
        assert.strictEqual(fragment.get("state"), "st4te-abc")
        assert.strictEqual(fragment.get("token_type"), "Bearer")
        assert.isFalse(fragment.has("refresh_token"))
        assert.strictEqual(claimsOf(fragment.get("access_token")!)["token_use"], "access")
      }))

    it.effect("asks for a new password on the hosted page after a temporary one", () =>
      Effect.gen(function* () {
        const { userPoolId, clientId } = yield* setup
        const email = `${uniqueName("temp")}@example.com`
        yield* ok("AdminCreateUser", {
          UserPoolId: userPoolId,
          Username: email,
          TemporaryPassword: "Temp-passw0rd!",
          MessageAction: "SUPPRESS",
          UserAttributes: [{ Name: "email", Value: email }, { Name: "email_verified", Value: "true" }]
        })
        const query = authorizeQuery(clientId)
        const step = yield* request(`/login?${query}`, { form: { username: email, password: "Temp-passw0rd!" } })
        assert.strictEqual(step.status, 200)
        assert.include(step.text, `data-challenge="NEW_PASSWORD_REQUIRED"`)
        const session = /name="session" value="([^"]+)"/.exec(step.text)![1]!
        const weak = yield* request(`/login?${query}`, { form: { challenge: "NEW_PASSWORD_REQUIRED", session, username: email, NEW_PASSWORD: "weak" } })
        assert.strictEqual(weak.status, 400)
        assert.include(weak.text, "Please sign in again.")
        const again = yield* request(`/login?${query}`, { form: { username: email, password: "Temp-passw0rd!" } })
        const fresh = /name="session" value="([^"]+)"/.exec(again.text)![1]!
        const done = yield* request(`/login?${query}`, {
          form: { challenge: "NEW_PASSWORD_REQUIRED", session: fresh, username: email, NEW_PASSWORD: "Brand-new-passw0rd!" }
        })
        assert.isNotNull(backAt(done).searchParams.get("code"))
      }))
  })

  describe("MFA on the hosted page", () => {
    it.effect("asks which factor, then for its code, and accepts a second try after a wrong code", () =>
      Effect.gen(function* () {
        const pool = yield* makePool({ UsernameAttributes: ["email"] }, oauthClient)
        yield* ok("SetUserPoolMfaConfig", {
          UserPoolId: pool.userPoolId,
          MfaConfiguration: "OPTIONAL",
          SmsMfaConfiguration: {},
          EmailMfaConfiguration: {}
        })
        const email = `${uniqueName("mfa")}@example.com`
        yield* makeUser(pool.userPoolId, email, password, { email, email_verified: "true", phone_number: "+15555550123", phone_number_verified: "true" })
        const signedIn = yield* ok("InitiateAuth", {
          AuthFlow: "USER_PASSWORD_AUTH",
          ClientId: pool.clientId,
          AuthParameters: { USERNAME: email, PASSWORD: password }
        })
        yield* ok("SetUserMFAPreference", {
          AccessToken: signedIn.AuthenticationResult.AccessToken,
          SMSMfaSettings: { Enabled: true },
          EmailMfaSettings: { Enabled: true }
        })

        const query = authorizeQuery(pool.clientId)
        const choice = yield* request(`/login?${query}`, { form: { username: email, password } })
        assert.include(choice.text, `data-challenge="SELECT_MFA_TYPE"`)
        assert.include(choice.text, `value="EMAIL_OTP"`)
        const hiddenOf = (page: Page) =>
          Object.fromEntries([...page.text.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map(([, name, value]) =>
            [name!, value!.replace(/&quot;/g, "\"").replace(/&amp;/g, "&")]))
        const codePage = yield* request(`/login?${query}`, { form: { ...hiddenOf(choice), ANSWER: "EMAIL_OTP" } })
        assert.include(codePage.text, `data-challenge="EMAIL_OTP"`)
        const emulator = yield* TestEmulator
        const code = emulator.latestCode(email, "EMAIL_OTP")!
        const wrong = yield* request(`/login?${query}`, { form: { ...hiddenOf(codePage), EMAIL_OTP_CODE: code === "000000" ? "111111" : "000000" } })
        assert.strictEqual(wrong.status, 400)
        assert.include(wrong.text, `data-challenge="EMAIL_OTP"`)
        assert.include(wrong.text, `id="error"`)
        const done = yield* request(`/login?${query}`, { form: { ...hiddenOf(wrong), EMAIL_OTP_CODE: code } })
        const body = JSON.parse((yield* exchange(pool.clientId, backAt(done).searchParams.get("code")!)).text)
        assert.strictEqual(claimsOf(body.id_token)["email"], email)
      }))
  })

  describe("the hosted UI's session and /logout", () => {
    it.effect("skips the form while the hosted UI remembers the user, until /logout", () =>
      Effect.gen(function* () {
        const { clientId, email } = yield* setup
        const cookie = cookieOf(yield* signIn(clientId, email))
        const remembered = yield* request(`/oauth2/authorize?${authorizeQuery(clientId)}`, { cookie })
        assert.isNotNull(backAt(remembered).searchParams.get("code"))
        const forced = yield* request(`/oauth2/authorize?${authorizeQuery(clientId, { prompt: "login" })}`, { cookie })
        assert.isTrue(forced.location!.startsWith("/login?"))

        const refused = yield* request(`/logout?client_id=${clientId}&logout_uri=${encodeURIComponent("https://evil.example.net/")}`, { cookie })
        assert.strictEqual(refused.status, 400)
        assert.isNull(refused.location)

        const logout = yield* request(`/logout?client_id=${clientId}&logout_uri=${encodeURIComponent(signedOut)}`, { cookie })
        assert.strictEqual(logout.status, 302)
        assert.strictEqual(logout.location, signedOut)
        assert.include(logout.setCookie!, "Max-Age=0")
        const after = yield* request(`/oauth2/authorize?${authorizeQuery(clientId)}`, { cookie })
        assert.isTrue(after.location!.startsWith("/login?"))
      }))
  })

  describe("/oauth2/userInfo", () => {
    it.effect("answers the claims of the token's scopes, and refuses a bad token", () =>
      Effect.gen(function* () {
        const { clientId, email } = yield* setup
        const answer = yield* signIn(clientId, email, authorizeQuery(clientId, { scope: "openid email" }))
        const body = JSON.parse((yield* exchange(clientId, backAt(answer).searchParams.get("code")!)).text)
        const info = yield* request("/oauth2/userInfo", { headers: { authorization: `Bearer ${body.access_token}` } })
        assert.strictEqual(info.status, 200)
        const claims = JSON.parse(info.text)
        assert.strictEqual(claims.email, email)
        assert.strictEqual(claims.email_verified, "true")
        assert.isUndefined(claims.name)
        assert.match(claims.sub, /^[0-9a-f-]{36}$/)
        const bad = yield* request("/oauth2/userInfo", { headers: { authorization: "Bearer eyJ.bad.token" } })
        assert.strictEqual(bad.status, 401)
        assert.strictEqual(JSON.parse(bad.text).error, "invalid_token")
      }))
  })

  describe("the simulated identity providers", () => {
    it.effect("signs in a Google user as Google_<id> with the identities claim", () =>
      Effect.gen(function* () {
        const { clientId } = yield* setup
        const query = authorizeQuery(clientId, { identity_provider: "Google", login_hint: "grace@gmail.example" })
        const authorize = yield* request(`/oauth2/authorize?${query}`)
        assert.strictEqual(authorize.location, `/_emulator/idp/Google?${query}`)
        const consent = yield* request(authorize.location!)
        assert.include(consent.text, "Sign in with Google")
        assert.include(consent.text, `value="grace@gmail.example"`)
        const answer = yield* request(authorize.location!, { form: { decision: "allow", email: "grace@gmail.example", name: "Grace Hopper" } })
        const body = JSON.parse((yield* exchange(clientId, backAt(answer).searchParams.get("code")!)).text)
        const access = claimsOf(body.access_token)
        assert.match(String(access["username"]), /^Google_\d{21}$/)
        const id = claimsOf(body.id_token)
        assert.strictEqual(id["name"], "Grace Hopper")
        assert.strictEqual(id["email_verified"], true)
        assert.deepStrictEqual(
          (id["identities"] as Array<Record<string, unknown>>).map(({ providerName, providerType, primary }) => ({ providerName, providerType, primary })),
          [{ providerName: "Google", providerType: "Google", primary: "true" }]
        )

        // The same account comes back as the same user; a password sign-in by its e-mail finds nobody.
        const again = yield* request(authorize.location!, { form: { decision: "allow", email: "Grace@gmail.example" } })
        const second = JSON.parse((yield* exchange(clientId, backAt(again).searchParams.get("code")!)).text)
        assert.strictEqual(claimsOf(second.access_token)["username"], access["username"])
        const password = yield* request(`/login?${authorizeQuery(clientId)}`, { form: { username: "grace@gmail.example", password: "Any-passw0rd!" } })
        assert.include(password.text, "Incorrect username or password.")
      }))

    it.effect("sends a refusal back as access_denied, and serves custom providers too", () =>
      Effect.gen(function* () {
        const { clientId } = yield* setup
        const query = authorizeQuery(clientId, { identity_provider: "CorpOIDC" })
        const denied = yield* request(`/_emulator/idp/CorpOIDC?${query}`, { form: { decision: "deny" } })
        const url = backAt(denied)
        assert.strictEqual(url.searchParams.get("error"), "access_denied")
        assert.strictEqual(url.searchParams.get("state"), "st4te-abc")
        const allowed = yield* request(`/_emulator/idp/CorpOIDC?${query}`, { form: { decision: "allow", email: "eve@corp.example" } })
        const body = JSON.parse((yield* exchange(clientId, backAt(allowed).searchParams.get("code")!)).text)
        assert.match(String(claimsOf(body.access_token)["username"]), /^CorpOIDC_\d{21}$/)
        assert.strictEqual(claimsOf(body.id_token)["email_verified"], false)
        const wrongPage = yield* request(`/_emulator/idp/Google?${query}`)
        assert.strictEqual(wrongPage.status, 400)
      }))
  })

  describe("discovery", () => {
    it.effect("names the hosted UI's endpoints in the pool's OpenID configuration", () =>
      Effect.gen(function* () {
        const { userPoolId } = yield* setup
        const emulator = yield* TestEmulator
        const page = yield* request(`/${userPoolId}/.well-known/openid-configuration`)
        const discovery = JSON.parse(page.text)
        assert.strictEqual(discovery.authorization_endpoint, `${emulator.endpoint}/oauth2/authorize`)
        assert.strictEqual(discovery.token_endpoint, `${emulator.endpoint}/oauth2/token`)
        assert.strictEqual(discovery.userinfo_endpoint, `${emulator.endpoint}/oauth2/userInfo`)
        assert.deepStrictEqual(discovery.code_challenge_methods_supported, ["S256"])
      }))
  })

  describe("UpdateUserPoolClient", () => {
    it.effect("registers new callback URLs, the rest of the settings sent again", () =>
      Effect.gen(function* () {
        const { userPoolId, clientId, client } = yield* setup
        const { ClientId: _id, ClientSecret: _secret, CreationDate: _c, LastModifiedDate: _m, ...settings } = client
        const updated = yield* ok("UpdateUserPoolClient", {
          ...settings,
          UserPoolId: userPoolId,
          ClientId: clientId,
          CallbackURLs: [...oauthClient.CallbackURLs, "http://127.0.0.1:4000/"]
        })
        assert.deepStrictEqual(updated.UserPoolClient.CallbackURLs, [...oauthClient.CallbackURLs, "http://127.0.0.1:4000/"])
        assert.deepStrictEqual(updated.UserPoolClient.AllowedOAuthFlows, ["code", "implicit"])
        const page = yield* request(`/oauth2/authorize?${authorizeQuery(clientId, { redirect_uri: "http://127.0.0.1:4000/" })}`)
        assert.strictEqual(page.status, 302)
        const missing = yield* Effect.flatMap(TestEmulator, () =>
          ok("DescribeUserPoolClient", { UserPoolId: userPoolId, ClientId: clientId }))
        assert.strictEqual(missing.UserPoolClient.ClientName, "test-client")
      }))
  })
})
