/**
 * The `/server` subpath against the emulator over HTTP, in both of Amplify's models: the session
 * read from a request's cookies, refreshed on the server with the new cookies written to the
 * response, the context rules of 6.21, and app clients with a secret (SECRET_HASH on the server).
 */
import type { Running } from "@cognito-effect/emulator/Server"
import * as Redacted from "effect/Redacted"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { Amplify, AuthError, createAuth } from "@cognito-effect/auth"
import {
  AmplifyServerContextError,
  type ContextSpec,
  createAmplifyContext,
  createCookieStorageAdapterFromRequest,
  createKeyValueStorageFromCookieStorageAdapter,
  createUserPoolsTokenProvider,
  fetchAuthSession,
  fetchUserAttributes,
  getCurrentUser,
  InvalidAmplifyContextError,
  NoAmplifyContextError,
  runWithAmplifyServerContext,
  signIn,
  signOut
} from "@cognito-effect/auth/server"
import * as CognitoServer from "@cognito-effect/auth/cognito/server"
import { InMemoryStorage } from "@cognito-effect/auth/storage"
import { call, createUser, password, rejection, startEmulator, uniqueEmail } from "./support/Emulator.js"
import { clientSecret, configFor, CookieJar, secretClientId, seed } from "./support/ServerSeed.js"

let emulator: Running
beforeAll(async () => {
  emulator = await startEmulator({ seed })
})
afterAll(() => emulator.stop())

/** A user signed in by a browser whose storage is a cookie jar. */
const browserSession = async (clientId?: string) => {
  const username = uniqueEmail("server")
  await createUser(emulator, username)
  const jar = new CookieJar()
  const browser = createAuth(configFor(emulator, clientId), { storage: jar, signInStorage: new InMemoryStorage(), crossTabEvents: false })
  await browser.signIn({ username, password })
  await browser.dispose()
  return { username, jar }
}

/** Amplify's ≤ 6.20 wiring for one request: cookie adapter → key-value storage → token provider. */
const libraryOptionsFor = (request: Request, responseHeaders: Headers, config = configFor(emulator)) => {
  const storage = createKeyValueStorageFromCookieStorageAdapter(createCookieStorageAdapterFromRequest(request, responseHeaders))
  return { Auth: { tokenProvider: createUserPoolsTokenProvider(config.Auth, storage) } }
}

const request = (cookie: string) => new Request("http://127.0.0.1:3000/profile", { headers: { cookie } })

describe("runWithAmplifyServerContext (Amplify ≤ 6.20)", () => {
  it("reads the browser's session from the request's cookies", async () => {
    const { username, jar } = await browserSession()
    const responseHeaders = new Headers()
    const config = configFor(emulator)
    const result = await runWithAmplifyServerContext(config, libraryOptionsFor(request(jar.header()), responseHeaders, config), async (contextSpec) => ({
      user: await getCurrentUser(contextSpec),
      attributes: await fetchUserAttributes(contextSpec),
      session: await fetchAuthSession(contextSpec)
    }))
    expect(result.user.signInDetails).toEqual({ loginId: username, authFlowType: "USER_SRP_AUTH" })
    expect(result.attributes.email).toBe(username)
    expect(result.session.userSub).toBe(result.user.userId)
    expect(result.session.tokens?.idToken?.payload["email"]).toBe(username)
    expect(responseHeaders.getSetCookie()).toEqual([])
  })

  it("offers the same user-pool functions under /cognito/server, as Amplify does", async () => {
    const { username, jar } = await browserSession()
    const config = configFor(emulator)
    const user = await runWithAmplifyServerContext(config, libraryOptionsFor(request(jar.header()), new Headers(), config), (contextSpec) =>
      CognitoServer.getCurrentUser(contextSpec)
    )
    expect(user.signInDetails?.loginId).toBe(username)
    expect(Object.keys(CognitoServer).sort()).toEqual(["fetchUserAttributes", "getCurrentUser"])
  })

  it("refreshes on the server and writes the new tokens to the response's cookies", async () => {
    const { jar } = await browserSession()
    const responseHeaders = new Headers()
    const config = configFor(emulator)
    const before = [...jar.items].find(([key]) => key.endsWith(".accessToken"))!
    const session = await runWithAmplifyServerContext(config, libraryOptionsFor(request(jar.header()), responseHeaders, config), (contextSpec) =>
      fetchAuthSession(contextSpec, { forceRefresh: true }))
    const written = responseHeaders.getSetCookie()
    const access = written.find((header) => header.startsWith(`${before[0]}=`))!
    expect(access).toBeDefined()
    expect(access).not.toContain(before[1])
    expect(access).toContain(String(session.tokens?.accessToken))
    expect(access).toMatch(/; Path=\/; Max-Age=31536000; Secure; SameSite=Lax$/)
    expect(written.some((header) => header.includes(".idToken="))).toBe(true)
    jar.receive(written)
    const next = new Headers()
    const user = await runWithAmplifyServerContext(config, libraryOptionsFor(request(jar.header()), next, config), getCurrentUser)
    expect(user.userId).toBe(session.userSub)
    expect(next.getSetCookie()).toEqual([])
  })

  it("starts signed out without cookies, and ends the contextSpec with the operation", async () => {
    const config = configFor(emulator)
    let kept: ContextSpec | undefined
    const session = await runWithAmplifyServerContext(config, libraryOptionsFor(request(""), new Headers(), config), async (contextSpec) => {
      kept = contextSpec
      const error = await rejection(getCurrentUser(contextSpec))
      expect(error).toBeInstanceOf(AuthError)
      expect(error.name).toBe("UserUnAuthenticatedException")
      return fetchAuthSession(contextSpec)
    })
    expect(session).toEqual({})
    const destroyed = await rejection(getCurrentUser(kept!))
    expect(destroyed).toBeInstanceOf(AmplifyServerContextError)
    expect(destroyed.message).toBe("Attempted to get the Amplify Server Context that may have been destroyed.")
  })

  it("gives the token provider's tokens like Amplify's getTokens", async () => {
    const { jar } = await browserSession()
    const config = configFor(emulator)
    const storage = createKeyValueStorageFromCookieStorageAdapter(createCookieStorageAdapterFromRequest(request(jar.header()), new Headers()))
    const tokens = await createUserPoolsTokenProvider(config.Auth, storage).getTokens()
    expect(tokens?.accessToken.payload["token_use"]).toBe("access")
    expect(tokens?.idToken?.payload["token_use"]).toBe("id")
    const empty = createKeyValueStorageFromCookieStorageAdapter(createCookieStorageAdapterFromRequest(request(""), new Headers()))
    expect(await createUserPoolsTokenProvider(config.Auth, empty).getTokens()).toBeNull()
  })
})

describe("createAmplifyContext (Amplify 6.21)", () => {
  it("is a frozen context usable as the first argument, with getTokens and fetchAuthSession", async () => {
    const { username, jar } = await browserSession()
    const config = configFor(emulator)
    const context = createAmplifyContext(config, libraryOptionsFor(request(jar.header()), new Headers(), config))
    expect(Object.isFrozen(context)).toBe(true)
    expect(typeof context.token.value).toBe("symbol")
    expect(context.resourcesConfig).toBe(config)
    expect((await getCurrentUser(context)).signInDetails?.loginId).toBe(username)
    expect((await fetchUserAttributes(context)).email).toBe(username)
    expect((await context.getTokens())?.idToken?.payload["email"]).toBe(username)
    expect((await context.fetchAuthSession()).tokens?.accessToken.payload["username"]).toBe((await getCurrentUser(context)).username)
  })

  it("applies Amplify's rules for where a context may be", async () => {
    const config = configFor(emulator)
    const context = createAmplifyContext(config)
    const lookalike = { token: { value: Symbol("not ours") } }
    expect(await rejection(getCurrentUser(lookalike))).toBeInstanceOf(InvalidAmplifyContextError)
    const misplaced = await rejection((fetchAuthSession as (...args: Array<unknown>) => Promise<unknown>)({ forceRefresh: false }, context))
    expect(misplaced).toBeInstanceOf(InvalidAmplifyContextError)
    expect(misplaced.name).toBe("InvalidAmplifyContextError")
    const undefinedFirst = await rejection((fetchAuthSession as (...args: Array<unknown>) => Promise<unknown>)(undefined, { forceRefresh: true }))
    expect(undefinedFirst).toBeInstanceOf(NoAmplifyContextError)
    expect(undefinedFirst.message).toMatch(/^Undefined AmplifyContext passed\./)
    // Nothing configured globally: no context is an error, except fetchAuthSession (an empty session).
    const none = await rejection(getCurrentUser())
    expect(none.name).toBe("NoAmplifyContextError")
    expect(none.message).toBe("No AmplifyContext available. Call Amplify.configure() to set a global context, or pass a context as the first argument.")
    expect(await fetchAuthSession()).toStrictEqual({ tokens: undefined, credentials: undefined, identityId: undefined, userSub: undefined })
  })

  it("falls back to the configured instance when called without a context", async () => {
    Amplify.configure(configFor(emulator))
    const error = await rejection(getCurrentUser())
    expect(error.name).toBe("UserUnAuthenticatedException")
    expect(await fetchAuthSession()).toEqual({})
  })
})

describe("app clients with a secret", () => {
  const secretConfig = () => configFor(emulator, secretClientId)

  it("signs in, refreshes and signs out on the server with SECRET_HASH and ClientSecret", async () => {
    const username = uniqueEmail("secret")
    await createUser(emulator, username)
    const config = secretConfig()
    const libraryOptions = (req: Request, headers: Headers) => ({
      Auth: { ...libraryOptionsFor(req, headers, config).Auth, clientSecret: Redacted.make(clientSecret) }
    })
    const jar = new CookieJar()

    const signInHeaders = new Headers()
    const output = await runWithAmplifyServerContext(config, libraryOptions(request(""), signInHeaders), (contextSpec) =>
      signIn(contextSpec, { username, password }))
    expect(output).toEqual({ isSignedIn: true, nextStep: { signInStep: "DONE" } })
    jar.receive(signInHeaders.getSetCookie())
    expect([...jar.items.keys()].filter((key) => key.startsWith(`CognitoIdentityServiceProvider.${secretClientId}.`)).length).toBeGreaterThanOrEqual(4)

    const refreshHeaders = new Headers()
    const refreshed = await runWithAmplifyServerContext(config, libraryOptions(request(jar.header()), refreshHeaders), (contextSpec) =>
      fetchAuthSession(contextSpec, { forceRefresh: true }))
    expect(refreshed.tokens?.accessToken.payload["client_id"]).toBe(secretClientId)
    jar.receive(refreshHeaders.getSetCookie())

    const refreshToken = [...jar.items].find(([key]) => key.endsWith(".refreshToken"))![1]
    const signOutHeaders = new Headers()
    await runWithAmplifyServerContext(config, libraryOptions(request(jar.header()), signOutHeaders), (contextSpec) => signOut(contextSpec))
    jar.receive(signOutHeaders.getSetCookie())
    expect([...jar.items.keys()].filter((key) => key.endsWith(".accessToken") || key.endsWith(".refreshToken"))).toEqual([])
    // RevokeToken carried the secret: the refresh token is dead at the emulator.
    const redeem = { ClientId: secretClientId, ClientSecret: clientSecret, RefreshToken: refreshToken }
    await expect(call(emulator, "GetTokensFromRefreshToken", redeem)).rejects.toThrow("Refresh Token has been revoked")
    for (const header of [...signInHeaders.getSetCookie(), ...refreshHeaders.getSetCookie(), ...signOutHeaders.getSetCookie()]) {
      expect(header).not.toContain(clientSecret)
    }
  })

  it("is refused by Cognito without the secret, and the error does not carry it", async () => {
    const username = uniqueEmail("nosecret")
    await createUser(emulator, username)
    const config = secretConfig()
    const error = await rejection(
      runWithAmplifyServerContext(config, libraryOptionsFor(request(""), new Headers(), config), (contextSpec) =>
        signIn(contextSpec, { username, password }))
    )
    expect(error.name).toBe("NotAuthorizedException")
    expect(error.message).toBe(`Client ${secretClientId} is configured for secret but secret was not received`)

    const wrong = await rejection(
      runWithAmplifyServerContext(
        config,
        { Auth: { ...libraryOptionsFor(request(""), new Headers(), config).Auth, clientSecret: Redacted.make("not-the-secret") } },
        (contextSpec) => signIn(contextSpec, { username, password })
      )
    )
    expect(wrong.message).toBe(`Unable to verify secret hash for client ${secretClientId}`)
    const context = createAmplifyContext(config, { Auth: { clientSecret: Redacted.make(clientSecret) } })
    expect(JSON.stringify(context.libraryOptions)).not.toContain(clientSecret)
    expect(String(context.libraryOptions.Auth?.clientSecret)).not.toContain(clientSecret)
  })
})
