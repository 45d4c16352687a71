/**
 * `createServerRunner` with a fetch-style handler (Web `Request` → `Response`) and with Node's
 * `node:http`, against the emulator over HTTP: the session from the request's cookies, a refresh
 * on the server written back as cookies with the right attributes, and a browser using Amplify's
 * `CookieStorage` sharing the session with the server.
 */
import { CookieStorage, type CookieDocument } from "@cognito-effect/adapters/CookieStorage"
import type { Running } from "@cognito-effect/emulator/Server"
import { Window } from "happy-dom"
import * as Http from "node:http"
import type { AddressInfo } from "node:net"
import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { createAuth } from "@cognito-effect/auth"
import {
  createServerRunner,
  fetchAuthSession,
  fetchUserAttributes,
  getCurrentUser,
  type ServerRunnerOptions
} from "@cognito-effect/auth/server"
import { InMemoryStorage } from "@cognito-effect/auth/storage"
import { createUser, password, startEmulator, uniqueEmail } from "./support/Emulator.js"
import { configFor, CookieJar, seed } from "./support/ServerSeed.js"

// A fresh emulator per test: tests move its clock forward, and a browser signing in with SRP must
// stay within five minutes of it.
let emulator: Running
beforeEach(async () => {
  emulator = await startEmulator({ seed })
})
afterEach(() => emulator.stop())

/** A fetch-style handler: `/me` answers the user as JSON, 401 when signed out. */
const handler = (options: Partial<ServerRunnerOptions> = {}) => {
  const runner = createServerRunner({ config: configFor(emulator), clock: emulator.clock, ...options })
  return async (request: Request): Promise<Response> => {
    const headers = new Headers({ "content-type": "application/json" })
    const body = await runner.runWithAmplifyServerContext({
      request,
      responseHeaders: headers,
      operation: async (contextSpec) => {
        try {
          const user = await getCurrentUser(contextSpec)
          const attributes = await fetchUserAttributes(contextSpec)
          return { status: 200, user: { username: user.username, email: attributes.email } }
        } catch (error) {
          return { status: 401, error: (error as Error).name }
        }
      }
    })
    return new Response(JSON.stringify(body), { status: body.status, headers })
  }
}

const signedInJar = async () => {
  const username = uniqueEmail("runner")
  await createUser(emulator, username)
  const jar = new CookieJar()
  const browser = createAuth(configFor(emulator), { storage: jar, signInStorage: new InMemoryStorage(), crossTabEvents: false })
  await browser.signIn({ username, password })
  await browser.dispose()
  return { username, jar }
}

const accessTokenOf = (jar: CookieJar) => [...jar.items].find(([key]) => key.endsWith(".accessToken"))?.[1]

describe("createServerRunner with Web Request and Response", () => {
  it("refuses a signed-out request and serves a signed-in one", async () => {
    const serve = handler()
    const refused = await serve(new Request("http://127.0.0.1:8787/me"))
    expect(refused.status).toBe(401)
    expect(await refused.json()).toEqual({ status: 401, error: "UserUnAuthenticatedException" })
    const { username, jar } = await signedInJar()
    const served = await serve(new Request("http://127.0.0.1:8787/me", { headers: { cookie: jar.header() } }))
    expect(served.status).toBe(200)
    expect((await served.json()).user.email).toBe(username)
    expect(served.headers.getSetCookie()).toEqual([])
  })

  it("refreshes an expiring session on the server and sets the new cookies (not Secure on loopback)", async () => {
    const serve = handler()
    const { username, jar } = await signedInJar()
    const before = accessTokenOf(jar)!
    emulator.clock.adjust("6 minutes")
    const response = await serve(new Request("http://127.0.0.1:8787/me", { headers: { cookie: jar.header() } }))
    expect(response.status).toBe(200)
    expect((await response.json()).user.email).toBe(username)
    const written = response.headers.getSetCookie()
    const names = written.map((header) => header.slice(0, header.indexOf("=")).split(".").at(-1))
    expect(names).toEqual(expect.arrayContaining(["LastAuthUser", "accessToken", "idToken", "clockDrift", "refreshToken"]))
    for (const header of written) expect(header).toMatch(/; Path=\/; Max-Age=31536000; SameSite=Lax$/)
    jar.receive(written)
    expect(accessTokenOf(jar)).not.toBe(before)
    // The next request carries the new cookies and needs no refresh.
    const next = await serve(new Request("http://127.0.0.1:8787/me", { headers: { cookie: jar.header() } }))
    expect(next.status).toBe(200)
    expect(next.headers.getSetCookie()).toEqual([])
  })

  it("marks the cookies HttpOnly when the server owns the session, and Secure off loopback", async () => {
    const serve = handler({ cookies: { httpOnly: true } })
    const { jar } = await signedInJar()
    emulator.clock.adjust("6 minutes")
    const response = await serve(new Request("https://app.example.com/me", { headers: { cookie: jar.header() } }))
    expect(response.status).toBe(200)
    const access = response.headers.getSetCookie().find((header) => header.includes(".accessToken="))!
    expect(access).toMatch(/; Path=\/; Max-Age=31536000; HttpOnly; Secure; SameSite=Lax$/)
  })

  it("shares one session with a browser using Amplify's CookieStorage", async () => {
    const window = new Window({ url: "http://127.0.0.1:8787/" })
    try {
      const document = window.document as unknown as CookieDocument
      const cookies = new CookieStorage({ secure: false, sameSite: "lax" }, { document })
      const browser = createAuth(configFor(emulator), { storage: cookies, signInStorage: new InMemoryStorage(), crossTabEvents: false })
      const username = uniqueEmail("shared")
      await createUser(emulator, username)
      await browser.signIn({ username, password })
      const before = String((await browser.fetchAuthSession()).tokens?.accessToken)

      // The server reads the browser's cookies, refreshes, and the browser takes the new cookies.
      emulator.clock.adjust("6 minutes")
      const serve = handler()
      const response = await serve(new Request("http://127.0.0.1:8787/me", { headers: { cookie: document.cookie } }))
      expect((await response.json()).user.email).toBe(username)
      for (const header of response.headers.getSetCookie()) document.cookie = header
      const after = await browser.fetchAuthSession()
      expect(String(after.tokens?.accessToken)).not.toBe(before)
      expect(after.tokens?.idToken?.payload["email"]).toBe(username)
      await browser.dispose()
    } finally {
      await window.happyDOM.close()
    }
  })
})

describe("createServerRunner with node:http", () => {
  it("reads IncomingMessage cookies and writes Set-Cookie to the ServerResponse, one context per request", async () => {
    const runner = createServerRunner({ config: configFor(emulator), clock: emulator.clock, cookies: { httpOnly: true } })
    const server = Http.createServer((request, response) => {
      // The 6.21 model: a context per request, passed as the first argument.
      const context = runner.createContext({ request, response })
      fetchAuthSession(context).then(
        (session) => {
          response.writeHead(session.tokens === undefined ? 401 : 200, { "content-type": "text/plain" })
          response.end(session.tokens === undefined ? "signed out" : String(session.tokens.idToken?.payload["email"]))
        },
        (error: Error) => {
          response.writeHead(500)
          response.end(error.name)
        }
      )
    })
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`
    try {
      expect((await fetch(url)).status).toBe(401)
      const { username, jar } = await signedInJar()
      const served = await fetch(url, { headers: { cookie: jar.header() } })
      expect(await served.text()).toBe(username)
      emulator.clock.adjust("6 minutes")
      const refreshed = await fetch(url, { headers: { cookie: jar.header() } })
      expect(await refreshed.text()).toBe(username)
      const access = refreshed.headers.getSetCookie().find((header) => header.includes(".accessToken="))!
      expect(access).toMatch(/; Path=\/; Max-Age=31536000; HttpOnly; SameSite=Lax$/)
    } finally {
      await new Promise((resolve) => server.close(resolve))
    }
  })
})
