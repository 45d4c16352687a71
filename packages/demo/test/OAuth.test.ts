/**
 * Sign-in through the hosted UI in Chromium: the demo page (the facade, its automatic redirect
 * listener, localStorage) and the emulator's hosted UI on another origin. The full round trip, a
 * custom state, a tampered state and a missing or wrong PKCE verifier refused, an unregistered
 * redirect URL refused, sign-out through `/logout`, and the simulated social provider.
 */
import type { Page } from "playwright-core"
import { describe, expect, it } from "vitest"
import { createUser, demo, emulator, openPage, useDemo } from "./DemoFixture.js"

const password = "Browser-passw0rd!"

useDemo()

let counter = 0

/** A confirmed user of the default pool with a name, made with the admin API; its e-mail. */
const newUser = async () => {
  const email = `hosted-${Date.now()}-${counter++}@example.com`
  await createUser(email, password, { attributes: { name: "Hosted Tester" } })
  return email
}

const onEmulator = (path: string) => (url: URL) => url.origin === emulator.endpoint && url.pathname === path

/** From the demo page to the hosted sign-in form. */
const toHostedForm = async (page: Page, customState = "") => {
  if (customState !== "") await page.fill("#custom-state-input", customState)
  await page.click("#hosted-sign-in")
  await page.waitForURL(onEmulator("/login"))
  await page.waitForSelector("#login-form")
}

const submitCredentials = async (page: Page, email: string, secret = password) => {
  await page.fill("#username", email)
  await page.fill("#password", secret)
  await page.click("#sign-in")
}

/** Back on the demo page after the redirect, the page ready again. */
const backOnDemo = async (page: Page) => {
  await page.waitForURL((url) => url.origin + "/" === demo.url)
  await page.waitForSelector("body[data-ready=true]")
}

describe("sign-in with the hosted page", () => {
  it("goes to the hosted page, signs in, and comes back signed in with the code gone from the address", async () => {
    const email = await newUser()
    const { page, errors } = await openPage()
    const tokenRequests: Array<string> = []
    page.on("request", (request) => {
      if (request.url().endsWith("/oauth2/token")) tokenRequests.push(request.postData() ?? "")
    })
    await toHostedForm(page)
    // The hosted UI's form carries the authorize request: PKCE S256, state, this page as redirect_uri.
    const form = new URL(page.url()).searchParams
    expect(form.get("code_challenge_method")).toBe("S256")
    expect(form.get("code_challenge")).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(form.get("state")).toMatch(/^[A-Za-z0-9]{32}$/)
    expect(form.get("redirect_uri")).toBe(demo.url)
    await submitCredentials(page, email)
    await backOnDemo(page)
    await page.waitForSelector("#signed-in:not([hidden])")
    expect(page.url()).toBe(demo.url)
    expect(await page.textContent("#status")).toContain("Signed in through the hosted UI.")
    const events = await page.textContent("#events")
    expect(events).toMatch(/signInWithRedirect\n.*signedIn/)
    expect(await page.isHidden("#custom-state-line")).toBe(true)
    expect(tokenRequests).toHaveLength(1)
    expect(tokenRequests[0]).toMatch(/^grant_type=authorization_code&code=[0-9a-f-]{36}&client_id=\w+&redirect_uri=.+&code_verifier=[A-Za-z0-9]{128}$/)
    const stored = await page.evaluate(() => ({ ...localStorage }))
    const prefix = `CognitoIdentityServiceProvider.${emulator.userPoolClientId}`
    expect(stored[`${prefix}.oauthSignIn`]).toBe("true,false")
    expect(stored[`${prefix}.inflightOAuth`]).toBeUndefined()
    expect(Object.keys(stored).some((key) => key.endsWith(".oauthMetadata"))).toBe(true)

    // A reload stays signed in; no redirect is in flight any more.
    await page.reload()
    await page.waitForSelector("body[data-ready=true]")
    await page.waitForSelector("#signed-in:not([hidden])")
    expect(errors).toEqual([])
    await page.context().close()
  })

  it("hands the custom state back after the redirect", async () => {
    const email = await newUser()
    const { page, errors } = await openPage()
    await toHostedForm(page, "/orders/42?tab=späť")
    await submitCredentials(page, email)
    await backOnDemo(page)
    await page.waitForSelector("#custom-state-line:not([hidden])")
    expect(await page.textContent("#custom-state")).toBe("/orders/42?tab=späť")
    expect(await page.textContent("#events")).toMatch(/customOAuthState\n.*signInWithRedirect\n.*signedIn/)
    expect(errors).toEqual([])
    await page.context().close()
  })

  it("shows the hosted page's error for a wrong password and lets the user try again", async () => {
    const email = await newUser()
    const { page } = await openPage()
    await toHostedForm(page)
    await submitCredentials(page, email, "Wrong-passw0rd!")
    await page.waitForSelector("#error")
    expect(await page.textContent("#error")).toBe("Incorrect username or password.")
    await submitCredentials(page, email)
    await backOnDemo(page)
    await page.waitForSelector("#signed-in:not([hidden])")
    await page.context().close()
  })

  it("refuses a tampered state", async () => {
    const email = await newUser()
    const { page, errors } = await openPage()
    await toHostedForm(page)
    // The answer to the form goes back to the app with another state than the one it sent.
    await page.route((url) => onEmulator("/login")(url), async (route) => {
      const response = await route.fetch({ maxRedirects: 0 })
      const location = new URL(response.headers()["location"]!)
      location.searchParams.set("state", `${location.searchParams.get("state")}tampered`)
      await route.fulfill({ status: 302, headers: { location: location.toString() } })
    })
    await submitCredentials(page, email)
    await backOnDemo(page)
    await page.waitForSelector("#status.error")
    expect(await page.textContent("#status")).toBe(
      "Sign-in with redirect failed: oauthSignInError: An error occurred while validating the state."
    )
    expect(await page.textContent("#events")).toContain("signInWithRedirect_failure")
    await page.waitForSelector("#signed-out:not([hidden])")
    expect(errors).toEqual([])
    await page.context().close()
  })

  for (const [name, rewrite, message] of [
    ["a wrong verifier", (body: string) => body.replace(/code_verifier=[^&]+/, `code_verifier=${"W".repeat(128)}`), "code_verifier does not match the code_challenge."],
    ["a missing verifier", (body: string) => body.replace(/&code_verifier=[^&]+/, ""), "code_verifier is required: the authorization request had a code_challenge."]
  ] as const) {
    it(`refuses a code exchange with ${name}`, async () => {
      const email = await newUser()
      const { page } = await openPage()
      await page.route((url) => onEmulator("/oauth2/token")(url), (route) => route.continue({ postData: rewrite(route.request().postData() ?? "") }))
      await toHostedForm(page)
      await submitCredentials(page, email)
      await backOnDemo(page)
      await page.waitForSelector("#status.error")
      expect(await page.textContent("#status")).toBe(`Sign-in with redirect failed: OAuthSignInException: ${message}`)
      await page.waitForSelector("#signed-out:not([hidden])")
      await page.context().close()
    })
  }

  it("refuses a redirect URL the app client did not register, on the hosted UI's own error page", async () => {
    const { page } = await openPage()
    await toHostedForm(page)
    const login = new URL(page.url())
    const authorize = new URL(`${emulator.endpoint}/oauth2/authorize?${login.searchParams}`)
    authorize.searchParams.set("redirect_uri", `${demo.url}not-registered`)
    const response = await page.goto(authorize.toString())
    expect(response?.status()).toBe(400)
    expect(new URL(page.url()).origin).toBe(emulator.endpoint)
    expect(await page.textContent("#error")).toContain("redirect_mismatch")
    await page.context().close()
  })

  it("signs out through /logout, back to the page, and the hosted UI asks for the password again", async () => {
    const email = await newUser()
    const { page, errors } = await openPage()
    await toHostedForm(page)
    await submitCredentials(page, email)
    await backOnDemo(page)
    await page.waitForSelector("#signed-in:not([hidden])")

    // Listening first: the page may leave for /logout before the click returns.
    const leaving = page.waitForRequest((request) => onEmulator("/logout")(new URL(request.url())))
    await page.click("#sign-out")
    const logout = await leaving
    const query = new URL(logout.url()).searchParams
    expect([...query.keys()]).toEqual(["client_id", "logout_uri"])
    expect(query.get("logout_uri")).toBe(demo.url)
    await backOnDemo(page)
    await page.waitForSelector("#signed-out:not([hidden])")
    expect(page.url()).toBe(demo.url)

    await toHostedForm(page)
    expect(await page.isVisible("#password")).toBe(true)
    expect(errors).toEqual([])
    await page.context().close()
  })

  it("remembers the user at the hosted UI: a second sign-in needs no password", async () => {
    const email = await newUser()
    const { page } = await openPage()
    await toHostedForm(page)
    await submitCredentials(page, email)
    await backOnDemo(page)
    await page.waitForSelector("#signed-in:not([hidden])")
    // Signed out here only (the hosted UI keeps its session): the API sign-out clears local tokens.
    await page.evaluate(() => {
      for (const key of Object.keys(localStorage)) if (key.includes(".oauthSignIn") || key.endsWith(".oauthMetadata")) localStorage.removeItem(key)
    })
    await page.click("#sign-out")
    await page.waitForSelector("#signed-out:not([hidden])")
    await page.click("#hosted-sign-in")
    await backOnDemo(page)
    await page.waitForSelector("#signed-in:not([hidden])")
    expect(await page.textContent("#user-details")).toBe("{}")
    await page.context().close()
  })
})

describe("sign-in with a simulated provider", () => {
  it("goes through the provider's consent page and comes back as a federated user", async () => {
    const { page, errors } = await openPage()
    await page.click("#provider-sign-in")
    await page.waitForURL(onEmulator("/_emulator/idp/Google"))
    expect(await page.textContent("h1")).toBe("Sign in with Google")
    await page.fill("#email", `grace-${Date.now()}@gmail.example`)
    await page.fill("#name", "Grace Hopper")
    await page.click("#allow")
    await backOnDemo(page)
    await page.waitForSelector("#signed-in:not([hidden])")
    expect(await page.textContent("#user-name")).toMatch(/^Google_\d{21}$/)
    expect(errors).toEqual([])
    await page.context().close()
  })

  it("comes back signed out when the user cancels at the provider", async () => {
    const { page } = await openPage()
    await page.click("#provider-sign-in")
    await page.waitForURL(onEmulator("/_emulator/idp/Google"))
    await page.click("#deny")
    await backOnDemo(page)
    await page.waitForSelector("#status.error")
    expect(await page.textContent("#status")).toBe(
      "Sign-in with redirect failed: OAuthSignInException: The user did not allow Google to sign them in."
    )
    await page.context().close()
  })
})
