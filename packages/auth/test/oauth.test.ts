/**
 * Sign-in through the hosted UI with the facade against the emulator over HTTP, in Node: the
 * browser's address bar is a `MemoryRedirect`, the user at the hosted UI is `HostedUiUser`
 * (fetch). The same flows run in Chromium in the demo's browser tests.
 */
import { MemoryRedirect } from "@cognito-effect/adapters/Redirect"
import type { Running } from "@cognito-effect/emulator/Server"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { AmplifyError, AuthError, createAuth, type HubCapsule } from "@cognito-effect/auth"
import { generateCodeVerifier, generateState, getRedirectUrl } from "@cognito-effect/auth/cognito"
import { InMemoryStorage } from "@cognito-effect/auth/storage"
import { createUser, password, rejection, startEmulator, uniqueEmail } from "./support/Emulator.js"
import { HostedUiUser } from "./support/HostedUi.js"
import { trusting } from "./support/TlsFetch.js"

const app = "http://127.0.0.1:5173/"

let emulator: Running
beforeAll(async () => {
  emulator = await startEmulator()
})
afterAll(() => emulator.stop())

const oauthConfig = (overrides: Record<string, unknown> = {}) => ({
  Auth: {
    Cognito: {
      userPoolId: emulator.userPoolId,
      userPoolClientId: emulator.userPoolClientId,
      userPoolEndpoint: emulator.endpoint,
      loginWith: {
        oauth: {
          domain: new URL(emulator.endpoint).host,
          scopes: ["openid", "email", "profile", "aws.cognito.signin.user.admin"],
          redirectSignIn: [app],
          redirectSignOut: [app],
          responseType: "code",
          ...overrides
        }
      }
    }
  }
})

/** A facade instance on a page of the app, with the requests it makes recorded. */
const appInstance = (options: { readonly url?: string; readonly storage?: InMemoryStorage; readonly oauthRefresh?: "TokenEndpoint"; readonly config?: unknown } = {}) => {
  const page = new MemoryRedirect(options.url ?? app)
  const storage = options.storage ?? new InMemoryStorage()
  const requests: Array<string> = []
  const auth = createAuth(options.config ?? oauthConfig(), {
    storage,
    signInStorage: new InMemoryStorage(),
    crossTabEvents: false,
    redirect: page,
    ...(options.oauthRefresh === undefined ? {} : { oauthRefresh: options.oauthRefresh }),
    fetch: (input, init) => {
      const url = new URL(String(input))
      const target = new Headers(init?.headers).get("x-amz-target")
      requests.push(target === null ? url.pathname : target.split(".")[1]!)
      return fetch(input, init)
    }
  })
  const events: Array<HubCapsule["payload"]> = []
  auth.listen(({ payload }) => events.push(payload))
  return { auth, page, storage, requests, events }
}

const key = (name: string) => `CognitoIdentityServiceProvider.${emulator.userPoolClientId}.${name}`

describe("signInWithRedirect and completeSignInWithRedirect", () => {
  it("signs in through the hosted page: PKCE, state, custom state, events, an OAuth session", async () => {
    const username = uniqueEmail("hosted")
    await createUser(emulator, username, { name: "Ada" })
    const { auth, page, storage, requests, events } = appInstance()

    await auth.signInWithRedirect({ customState: "/orders/42?tab=open" })
    const authorize = new URL(page.navigations[0]!)
    expect(authorize.origin + authorize.pathname).toBe(`${emulator.endpoint}/oauth2/authorize`)
    expect(authorize.searchParams.get("code_challenge_method")).toBe("S256")
    expect(authorize.searchParams.get("state")).toBe(await storage.getItem(key("oauthState")))
    expect(await storage.getItem(key("inflightOAuth"))).toBe("true")

    page.url = await new HostedUiUser().signIn(page.url, { username, password })
    expect(page.url.startsWith(`${app}?code=`)).toBe(true)

    expect(await auth.completeSignInWithRedirect()).toEqual({ isSignedIn: true, customState: "/orders/42?tab=open" })
    expect(page.url).toBe(app)
    expect(events.map((e) => e.event)).toEqual(["customOAuthState", "signInWithRedirect", "signedIn"])
    expect(events[0]!.data).toBe("/orders/42?tab=open")
    expect(requests).toEqual(["/oauth2/token"])

    const user = await auth.getCurrentUser()
    expect(user.username).toMatch(/^[0-9a-f-]{36}$/)
    expect(user.signInDetails).toBeUndefined()
    const session = await auth.fetchAuthSession()
    expect(session.tokens?.accessToken.payload["scope"]).toBe("openid email profile aws.cognito.signin.user.admin")
    expect(session.tokens?.idToken?.payload["email"]).toBe(username)
    expect((await auth.fetchUserAttributes()).name).toBe("Ada")
    expect(await storage.getItem(key("oauthSignIn"))).toBe("true,false")
    expect(await storage.getItem(key(`${user.username}.oauthMetadata`))).toBe(`{"oauthSignIn":true}`)
    for (const name of ["inflightOAuth", "oauthState", "oauthPKCE"]) expect(await storage.getItem(key(name))).toBeNull()

    // Refresh goes through GetTokensFromRefreshToken, as in Amplify.
    await auth.fetchAuthSession({ forceRefresh: true })
    expect(requests.at(-1)).toBe("GetTokensFromRefreshToken")
    await auth.dispose()
  })

  it("makes calls wait for the completion under way, so the callback page sees the session", async () => {
    const username = uniqueEmail("waiting")
    await createUser(emulator, username)
    const { auth, page } = appInstance()
    await auth.signInWithRedirect()
    page.url = await new HostedUiUser().signIn(page.url, { username, password })
    const completion = auth.completeSignInWithRedirect()
    const [session, again] = await Promise.all([auth.fetchAuthSession(), auth.completeSignInWithRedirect()])
    expect(session.tokens?.idToken?.payload["email"]).toBe(username)
    expect(again).toBe(await completion)
    expect(await auth.completeSignInWithRedirect()).toEqual({ isSignedIn: false })
    await auth.dispose()
  })

  it("refuses a tampered state, announcing the failure", async () => {
    const username = uniqueEmail("tampered")
    await createUser(emulator, username)
    const { auth, page, events, requests } = appInstance()
    await auth.signInWithRedirect()
    const back = new URL(await new HostedUiUser().signIn(page.url, { username, password }))
    back.searchParams.set("state", `${back.searchParams.get("state")}x`)
    page.url = back.toString()
    const error = await rejection(auth.completeSignInWithRedirect())
    expect(error).toBeInstanceOf(AuthError)
    expect(error.name).toBe("oauthSignInError")
    expect(error.message).toBe("An error occurred while validating the state.")
    const failure = events.at(-1) as { readonly event: string; readonly data: { readonly error: unknown } }
    expect(failure.event).toBe("signInWithRedirect_failure")
    expect(failure.data.error).toBeInstanceOf(AuthError)
    expect(failure.data.error).toMatchObject({
      name: "oauthSignInError",
      message: "An error occurred while validating the state.",
      recoverySuggestion: "Try to initiate an OAuth flow from Amplify"
    })
    expect(requests).toEqual([])
    expect(await auth.fetchAuthSession()).toEqual({})
    await auth.dispose()
  })

  it("passes the hosted UI's refusal on as OAuthSignInException", async () => {
    const { auth, page } = appInstance({ config: oauthConfig({ scopes: ["openid", "admin:everything"] }) })
    await auth.signInWithRedirect()
    page.url = await new HostedUiUser().open(page.url)
    expect(new URL(page.url).searchParams.get("error")).toBe("invalid_scope")
    const error = await rejection(auth.completeSignInWithRedirect())
    expect(error.name).toBe("OAuthSignInException")
    expect(error.message).toBe("Scopes not allowed for this client: admin:everything")
    await auth.dispose()
  })

  it("checks in Amplify's order: configuration, signed-in user, redirect origin", async () => {
    const plain = createAuth(
      { Auth: { Cognito: { userPoolId: emulator.userPoolId, userPoolClientId: emulator.userPoolClientId, userPoolEndpoint: emulator.endpoint } } },
      { storage: new InMemoryStorage(), crossTabEvents: false, redirect: new MemoryRedirect(app) }
    )
    const notConfigured = await rejection(plain.signInWithRedirect())
    expect(notConfigured).toBeInstanceOf(AmplifyError)
    expect(notConfigured).not.toBeInstanceOf(AuthError)
    expect(notConfigured.name).toBe("OAuthNotConfigureException")
    await plain.dispose()

    const elsewhere = appInstance({ url: "https://elsewhere.example.com/" })
    expect((await rejection(elsewhere.auth.signInWithRedirect())).name).toBe("InvalidOriginException")
    expect(elsewhere.page.navigations).toEqual([])
    await elsewhere.auth.dispose()

    const username = uniqueEmail("already")
    await createUser(emulator, username)
    const signedIn = appInstance()
    await signedIn.auth.signIn({ username, password })
    expect((await rejection(signedIn.auth.signInWithRedirect())).name).toBe("UserAlreadyAuthenticatedException")
    await signedIn.auth.signInWithRedirect({ options: { prompt: "LOGIN" } })
    expect(new URL(signedIn.page.navigations[0]!).searchParams.get("prompt")).toBe("login")
    await signedIn.auth.dispose()
  })

  it("signs out of the hosted UI through /logout, back to the registered sign-out URL", async () => {
    const username = uniqueEmail("logout")
    await createUser(emulator, username)
    const { auth, page, events } = appInstance()
    const browser = new HostedUiUser()
    await auth.signInWithRedirect()
    page.url = await browser.signIn(page.url, { username, password })
    await auth.completeSignInWithRedirect()

    expect((await rejection(auth.signOut({ global: false, oauth: { redirectUrl: "https://evil.example.net/" } }))).name)
      .toBe("InvalidPreferredRedirectUrlException")
    expect((await auth.fetchAuthSession()).tokens).toBeDefined()

    await auth.signOut()
    expect(events.at(-1)?.event).toBe("signedOut")
    const logout = new URL(page.navigations.at(-1)!)
    expect(logout.origin + logout.pathname).toBe(`${emulator.endpoint}/logout`)
    expect([...logout.searchParams.keys()]).toEqual(["client_id", "logout_uri"])
    expect(await browser.open(page.url)).toBe(app)
    expect(await auth.fetchAuthSession()).toEqual({})

    // The hosted UI forgot the user: the next sign-in shows the form again.
    await auth.signInWithRedirect()
    await expect(browser.signIn(page.url, { username, password: "Wrong-passw0rd!" })).rejects.toThrow("Incorrect username or password.")
    await auth.dispose()
  })

  it("signs in with the simulated social provider as a federated user", async () => {
    const { auth, page } = appInstance()
    await auth.signInWithRedirect({ provider: "Google" })
    expect(new URL(page.navigations[0]!).searchParams.get("identity_provider")).toBe("Google")
    page.url = await new HostedUiUser().consent(page.url, { decision: "allow", email: "grace@gmail.example", name: "Grace" })
    await auth.completeSignInWithRedirect()
    const user = await auth.getCurrentUser()
    expect(user.username).toMatch(/^Google_\d{21}$/)
    const id = (await auth.fetchAuthSession()).tokens?.idToken?.payload
    expect(id?.["identities"]).toMatchObject([{ providerName: "Google", providerType: "Google" }])
    await auth.dispose()

    const denied = appInstance()
    await denied.auth.signInWithRedirect({ provider: "Google" })
    denied.page.url = await new HostedUiUser().consent(denied.page.url, { decision: "deny" })
    const error = await rejection(denied.auth.completeSignInWithRedirect())
    expect(error.name).toBe("OAuthSignInException")
    expect(error.message).toBe("The user did not allow Google to sign them in.")
    await denied.auth.dispose()
  })

  it("refreshes hosted-UI sessions at /oauth2/token when asked to", async () => {
    const username = uniqueEmail("tokenendpoint")
    await createUser(emulator, username)
    const { auth, page, requests } = appInstance({ oauthRefresh: "TokenEndpoint" })
    await auth.signInWithRedirect()
    page.url = await new HostedUiUser().signIn(page.url, { username, password })
    await auth.completeSignInWithRedirect()
    const before = (await auth.fetchAuthSession()).tokens?.accessToken.payload["jti"]
    const after = await auth.fetchAuthSession({ forceRefresh: true })
    expect(after.tokens?.accessToken.payload["jti"]).not.toBe(before)
    expect(after.tokens?.accessToken.payload["scope"]).toBe("openid email profile aws.cognito.signin.user.admin")
    expect(requests).toEqual(["/oauth2/token", "/oauth2/token"])
    await auth.dispose()
  })
})

describe("a hosted UI that insists on https", () => {
  it("signs in and out against an emulator started with tls, trusting its certificate", async () => {
    const secure = await startEmulator({ tls: true })
    try {
      const fetchTls = trusting(secure.certificate!)
      const username = uniqueEmail("tls")
      const admin = async (operation: string, body: unknown) => {
        const response = await fetchTls(secure.endpoint, {
          method: "POST",
          headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": `AWSCognitoIdentityProviderService.${operation}` },
          body: JSON.stringify(body)
        })
        if (response.status !== 200) throw new Error(await response.text())
      }
      await admin("AdminCreateUser", {
        UserPoolId: secure.userPoolId,
        Username: username,
        MessageAction: "SUPPRESS",
        UserAttributes: [{ Name: "email", Value: username }, { Name: "email_verified", Value: "true" }]
      })
      await admin("AdminSetUserPassword", { UserPoolId: secure.userPoolId, Username: username, Password: password, Permanent: true })
      const page = new MemoryRedirect(app)
      const auth = createAuth({
        Auth: {
          Cognito: {
            userPoolId: secure.userPoolId,
            userPoolClientId: secure.userPoolClientId,
            userPoolEndpoint: secure.endpoint,
            loginWith: {
              oauth: {
                domain: secure.endpoint,
                scopes: ["openid", "aws.cognito.signin.user.admin"],
                redirectSignIn: [app],
                redirectSignOut: [app],
                responseType: "code"
              }
            }
          }
        }
      }, { storage: new InMemoryStorage(), signInStorage: new InMemoryStorage(), crossTabEvents: false, redirect: page, fetch: fetchTls })
      await auth.signInWithRedirect()
      expect(page.url.startsWith(`${secure.endpoint}/oauth2/authorize?`)).toBe(true)
      const browser = new HostedUiUser(fetchTls)
      page.url = await browser.signIn(page.url, { username, password })
      expect(await auth.completeSignInWithRedirect()).toEqual({ isSignedIn: true })
      expect((await auth.fetchAuthSession()).tokens?.accessToken.payload["iss"]).toBe(`${secure.endpoint}/${secure.userPoolId}`)
      await auth.signOut()
      expect(page.url.startsWith(`${secure.endpoint}/logout?`)).toBe(true)
      expect(await browser.open(page.url)).toBe(app)
      await auth.dispose()
    } finally {
      await secure.stop()
    }
  })
})

describe("the /cognito OAuth helpers", () => {
  it("generate Amplify's state and PKCE verifiers", () => {
    expect(generateState()).toMatch(/^[A-Za-z0-9]{32}$/)
    expect(generateState()).not.toBe(generateState())
    const verifier = generateCodeVerifier(128)
    expect(verifier.value).toMatch(/^[A-Za-z0-9]{128}$/)
    expect(verifier.method).toBe("S256")
    expect(verifier.toCodeChallenge()).toMatch(/^[A-Za-z0-9_-]{43}$/)
  })

  it("choose a configured redirect with Amplify's errors", () => {
    expect(getRedirectUrl(["https://app.example.com/", "myapp://"], "myapp://")).toBe("myapp://")
    for (const [redirects, preferred, name] of [
      [["https://app.example.com/"], "https://other.example.com/", "InvalidPreferredRedirectUrlException"],
      [["https://app.example.com/"], undefined, "InvalidOriginException"],
      [["myapp://"], undefined, "InvalidRedirectException"]
    ] as const) {
      let thrown: unknown
      try {
        getRedirectUrl(redirects, preferred)
      } catch (error) {
        thrown = error
      }
      expect(thrown).toBeInstanceOf(AuthError)
      expect((thrown as Error).name).toBe(name)
    }
  })
})
