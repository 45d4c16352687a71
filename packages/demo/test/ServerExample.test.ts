/**
 * The plain `node:http` server example over HTTP, against the emulator on 127.0.0.1: signed-out
 * requests refused, a server-side sign-in (with the app client's secret) setting HttpOnly session
 * cookies, the protected routes served, an expiring session refreshed on the server with new
 * cookies, sign-out, and 200 concurrent requests for 20 users each seeing only its own session.
 */
import { start, type Running } from "@cognito-effect/emulator/Server"
import * as Redacted from "effect/Redacted"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type ExampleServer, startExampleServer } from "../src/server-example/ExampleServer.js"
import { configFor, demoUser, seed, userPoolClientId } from "../src/server-example/Seed.js"
import { admin, createUser } from "./DemoFixture.js"

const clientSecret = "example-secret-8f3c2a9d71b64e05a1c3f7e2d9b08c46"
const prefix = `CognitoIdentityServiceProvider.${userPoolClientId}.`

let emulator: Running
let server: ExampleServer
const logLines: Array<string> = []

beforeAll(async () => {
  emulator = await start({ port: 0, seed: seed(clientSecret) })
  server = await startExampleServer({
    config: configFor(emulator.endpoint),
    clientSecret: Redacted.make(clientSecret),
    clock: emulator.clock,
    log: (line) => logLines.push(line)
  })
}, 60_000)

afterAll(async () => {
  await server?.close()
  await emulator?.stop()
})

/** Everything the server sent, to check no secret is in it. */
const transcript: Array<string> = []

/** A browser: keeps the cookies the server sets (HttpOnly ones too) and sends them back. */
class Browser {
  readonly cookies = new Map<string, string>()

  async request(path: string, init: { readonly method?: string; readonly form?: Record<string, string> } = {}) {
    const response = await fetch(`${server.url}${path}`, {
      method: init.method ?? "GET",
      redirect: "manual",
      headers: {
        ...(this.cookies.size === 0 ? {} : { cookie: [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ") }),
        ...(init.form === undefined ? {} : { "content-type": "application/x-www-form-urlencoded" })
      },
      ...(init.form === undefined ? {} : { body: new URLSearchParams(init.form).toString() })
    })
    const setCookies = response.headers.getSetCookie()
    for (const header of setCookies) {
      const [pair = ""] = header.split(";")
      const eq = pair.indexOf("=")
      if (/;\s*Max-Age=0(;|$)/.test(header)) this.cookies.delete(pair.slice(0, eq))
      else this.cookies.set(pair.slice(0, eq), pair.slice(eq + 1))
    }
    const text = await response.text()
    transcript.push([...response.headers].map(([name, value]) => `${name}: ${value}`).join("\n"), text)
    return { status: response.status, location: response.headers.get("location"), setCookies, text }
  }

  cookie(suffix: string): string | undefined {
    return [...this.cookies].find(([name]) => name.startsWith(prefix) && name.endsWith(suffix))?.[1]
  }
}

const password = "Server-passw0rd!"
let counter = 0
const newUser = async () => {
  const email = `server-${Date.now()}-${counter++}@example.com`
  await createUser(email, password, { on: emulator })
  return email
}

const signedIn = async (email: string, secret = password) => {
  const browser = new Browser()
  const answer = await browser.request("/sign-in", { method: "POST", form: { username: email, password: secret } })
  return { browser, answer }
}

const claimsOf = (jwt: string | undefined): Record<string, unknown> =>
  JSON.parse(Buffer.from(decodeURIComponent(jwt ?? "").split(".")[1] ?? "", "base64url").toString("utf8"))

describe("the server example", () => {
  it("refuses signed-out requests to the protected routes", async () => {
    const browser = new Browser()
    const api = await browser.request("/api/me")
    expect(api.status).toBe(401)
    expect(JSON.parse(api.text)).toEqual({ error: "UserUnAuthenticatedException" })
    const page = await browser.request("/profile")
    expect(page.status).toBe(303)
    expect(page.location).toBe("/sign-in")
    const form = await browser.request("/sign-in")
    expect(form.status).toBe(200)
    expect(form.text).toContain('<form method="post" action="/sign-in"')
  })

  it("signs in on the server, sets HttpOnly session cookies and serves the protected routes", async () => {
    const { browser, answer } = await signedIn(demoUser.username, demoUser.password)
    expect(answer.status).toBe(303)
    expect(answer.location).toBe("/profile")
    const names = answer.setCookies.map((header) => header.slice(0, header.indexOf("=")))
    expect(names.every((name) => name.startsWith(prefix))).toBe(true)
    expect(names.map((name) => name.split(".").at(-1))).toEqual(
      expect.arrayContaining(["LastAuthUser", "accessToken", "idToken", "refreshToken", "clockDrift", "signInDetails"])
    )
    for (const header of answer.setCookies) expect(header).toMatch(/; Path=\/; Max-Age=31536000; HttpOnly; SameSite=Lax$/)

    const profile = await browser.request("/profile")
    expect(profile.status).toBe(200)
    expect(profile.text).toContain(`<dd id="email">${demoUser.username}</dd>`)
    const me = await browser.request("/api/me")
    expect(me.status).toBe(200)
    const body = JSON.parse(me.text)
    expect(body.email).toBe(demoUser.username)
    expect(body.sub).toBe(body.userId)
    expect(me.setCookies).toEqual([])
  })

  it("answers a wrong password with Cognito's error and sets no session", async () => {
    const { browser, answer } = await signedIn(demoUser.username, "Wrong-passw0rd!")
    expect(answer.status).toBe(401)
    expect(answer.text).toContain('data-name="NotAuthorizedException"')
    expect(answer.text).toContain("Incorrect username or password.")
    expect(browser.cookies.size).toBe(0)
  })

  it("refreshes an expiring session on the server and sets the new cookies", async () => {
    const email = await newUser()
    const { browser } = await signedIn(email)
    const before = browser.cookie(".accessToken")
    expect((await browser.request("/profile")).setCookies).toEqual([])

    emulator.clock.adjust("6 minutes")
    const profile = await browser.request("/profile")
    expect(profile.status).toBe(200)
    expect(profile.text).toContain(`<dd id="email">${email}</dd>`)
    const renewed = profile.setCookies.filter((header) => /\.(accessToken|idToken)=/.test(header))
    expect(renewed).toHaveLength(2)
    for (const header of renewed) expect(header).toMatch(/; Path=\/; Max-Age=31536000; HttpOnly; SameSite=Lax$/)
    const after = browser.cookie(".accessToken")
    expect(after).not.toBe(before)
    expect(claimsOf(after)["exp"]).toBeGreaterThan(claimsOf(before)["exp"] as number)

    // The new cookies serve the next request without another refresh.
    const me = await browser.request("/api/me")
    expect(JSON.parse(me.text).email).toBe(email)
    expect(me.setCookies).toEqual([])
  })

  it("signs out: the cookies are removed and the refresh token is revoked", async () => {
    const email = await newUser()
    const { browser } = await signedIn(email)
    const refreshToken = decodeURIComponent(browser.cookie(".refreshToken")!)
    const out = await browser.request("/sign-out", { method: "POST" })
    expect(out.status).toBe(303)
    expect([...browser.cookies.keys()].filter((name) => /\.(accessToken|idToken|refreshToken)$/.test(name))).toEqual([])
    expect((await browser.request("/api/me")).status).toBe(401)
    await expect(admin("GetTokensFromRefreshToken", { ClientId: userPoolClientId, ClientSecret: clientSecret, RefreshToken: refreshToken }, emulator))
      .rejects.toThrow("Refresh Token has been revoked")
  })

  it("keeps 200 concurrent requests of 20 users apart, also while every one of them refreshes", async () => {
    const emails = await Promise.all(Array.from({ length: 20 }, () => newUser()))
    const users = await Promise.all(emails.map(async (email) => ({ email, ...(await signedIn(email)) })))
    for (const user of users) expect(user.answer.status).toBe(303)
    const subs = new Map(users.map((user) => [user.email, claimsOf(user.browser.cookie(".idToken"))["sub"]]))

    // 10 requests per user, interleaved; each answer must be its own user's.
    const round = () =>
      Promise.all(
        Array.from({ length: 200 }, async (_, i) => {
          const user = users[i % users.length]!
          const probe = new Browser()
          for (const [name, value] of user.browser.cookies) probe.cookies.set(name, value)
          const answer = await probe.request("/api/me")
          return { user, answer, probe }
        })
      )

    for (const answer of await round()) {
      expect(answer.answer.status).toBe(200)
      const body = JSON.parse(answer.answer.text)
      expect(body.email).toBe(answer.user.email)
      expect(body.sub).toBe(subs.get(answer.user.email))
      expect(answer.answer.setCookies).toEqual([])
    }

    // Every session expires: 200 refreshes at once, each writing only its own user's cookies.
    emulator.clock.adjust("6 minutes")
    for (const answer of await round()) {
      expect(answer.answer.status).toBe(200)
      expect(JSON.parse(answer.answer.text).email).toBe(answer.user.email)
      const idToken = answer.probe.cookie(".idToken")
      expect(claimsOf(idToken)["email"]).toBe(answer.user.email)
      expect(claimsOf(answer.probe.cookie(".accessToken"))["sub"]).toBe(subs.get(answer.user.email))
      expect(answer.answer.setCookies.length).toBeGreaterThan(0)
    }
  })

  it("never sends the client secret, nor logs it or a token", () => {
    expect(transcript.length).toBeGreaterThan(0)
    for (const text of transcript) expect(text).not.toContain(clientSecret)
    expect(logLines.length).toBeGreaterThan(0)
    for (const line of logLines) {
      expect(line).toMatch(/^(GET|POST) \/[\w/-]* → \d{3}$/)
    }
  })
})
