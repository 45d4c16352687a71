/**
 * `TokenOrchestrator` from `@cognito-effect/auth/cognito` over a `DefaultTokenStore` holding a
 * session that `createAuth` signed in, refreshing through `refreshAuthTokens` against the emulator
 * over HTTP, with a recording, fault-injecting proxy in between that counts every request:
 * fresh tokens cost no request, expired ones one refresh however many callers, `forceRefresh`
 * always refreshes, a dead refresh token signs out, a transient failure keeps the session.
 *
 * The short-lived clients' tokens live 4 seconds, which Amplify's 5-second margin reads as expired
 * at once: no test waits for time to pass.
 */
import type { Running } from "@cognito-effect/emulator/Server"
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest"
import { AmplifyError, AuthError, createAuth, type HubCapsule, Hub } from "@cognito-effect/auth"
import * as Cognito from "@cognito-effect/auth/cognito"
import { InMemoryStorage } from "@cognito-effect/auth/storage"
import { call, createUser, password, rejection, startEmulator, uniqueEmail } from "./support/Emulator.js"
import { type FaultProxy, startProxy } from "./support/FaultProxy.js"

let emulator: Running
let proxy: FaultProxy
let events: Array<HubCapsule["payload"]> = []
let unlisten: () => void

beforeAll(async () => {
  // No replay cache: a revoked refresh token must meet the revocation, not a cached answer.
  emulator = await startEmulator({ replayWindow: 0 })
  proxy = await startProxy(emulator.endpoint)
  unlisten = Hub.listen("auth", ({ payload }) => events.push(payload))
})
afterAll(async () => {
  unlisten()
  await proxy.stop()
  await emulator.stop()
})
beforeEach(() => {
  proxy.heal()
  proxy.reset()
})

const refreshes = () => proxy.count("GetTokensFromRefreshToken")

const cognitoConfig = (clientId: string) => ({
  userPoolId: emulator.userPoolId,
  userPoolClientId: clientId,
  userPoolEndpoint: proxy.endpoint
})

/** An app client whose tokens live 4 seconds: inside Amplify's 5-second margin from the start. */
const shortLivedClient = async (): Promise<string> => {
  const created = await call(emulator, "CreateUserPoolClient", {
    UserPoolId: emulator.userPoolId,
    ClientName: `orchestrator-${Math.random().toString(36).slice(2)}`,
    ExplicitAuthFlows: ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    AccessTokenValidity: 4,
    IdTokenValidity: 4,
    TokenValidityUnits: { AccessToken: "seconds", IdToken: "seconds" },
    EnableTokenRevocation: true
  })
  return created.UserPoolClient.ClientId
}

/** A session signed in by `createAuth` into a memory storage, and an orchestrator over it. */
const signedIn = async (clientId: string, refresher: (input: Cognito.RefreshAuthTokensInput) => Promise<Cognito.CognitoAuthTokens> = Cognito.refreshAuthTokens) => {
  const storage = new InMemoryStorage()
  const auth = createAuth({ Auth: { Cognito: cognitoConfig(clientId) } }, { storage, signInStorage: new InMemoryStorage(), crossTabEvents: false })
  const username = uniqueEmail("orchestrator")
  await createUser(emulator, username)
  expect((await auth.signIn({ username, password })).isSignedIn).toBe(true)
  await auth.dispose()

  const store = new Cognito.DefaultTokenStore()
  store.setKeyValueStorage(storage)
  store.setAuthConfig({ Cognito: cognitoConfig(clientId) })
  const orchestrator = new Cognito.TokenOrchestrator()
  orchestrator.setAuthConfig({ Cognito: cognitoConfig(clientId) })
  orchestrator.setAuthTokenStore(store)
  orchestrator.setTokenRefresher(refresher)
  const before = (await store.loadTokens())!
  expect(before.refreshToken).toEqual(expect.any(String))
  proxy.reset()
  events = []
  return { orchestrator, store, storage, username, before }
}

describe("TokenOrchestrator", () => {
  it("answers fresh stored tokens without a request, and null when not configured or signed out", async () => {
    const { before, orchestrator, store, username } = await signedIn(emulator.userPoolClientId)
    const tokens = (await orchestrator.getTokens())!
    expect(String(tokens.accessToken)).toBe(String(before.accessToken))
    expect(String(tokens.idToken)).toBe(String(before.idToken))
    expect(tokens.signInDetails).toEqual({ loginId: username, authFlowType: "USER_SRP_AUTH" })
    expect(Object.keys(tokens).sort()).toEqual(["accessToken", "idToken", "signInDetails"])
    expect(refreshes()).toBe(0)
    expect(events).toEqual([])

    const unconfigured = new Cognito.TokenOrchestrator()
    unconfigured.setAuthTokenStore(store)
    unconfigured.setTokenRefresher(Cognito.refreshAuthTokens)
    expect(await unconfigured.getTokens()).toBeNull()
    unconfigured.setAuthConfig({ Cognito: { identityPoolId: "us-east-1:4a2e0b6a-3c1d-4f5e-8a9b-0c1d2e3f4a5b" } })
    expect(await unconfigured.getTokens({ forceRefresh: true })).toBeNull()
    expect(refreshes()).toBe(0)

    expect(await orchestrator.getDeviceMetadata()).toBeNull()
    await orchestrator.clearTokens()
    expect(await orchestrator.getTokens()).toBeNull()
    await orchestrator.setTokens({ tokens: before })
    expect(String((await orchestrator.getTokens())?.accessToken)).toBe(String(before.accessToken))
  })

  it("names a missing token store or refresher as Amplify does", async () => {
    const orchestrator = new Cognito.TokenOrchestrator()
    expect(() => orchestrator.getTokenStore()).toThrow(expect.objectContaining({ name: "EmptyTokenStoreException" }))
    expect(() => orchestrator.getTokenRefresher()).toThrow(expect.objectContaining({ name: "EmptyTokenRefresherException" }))
    orchestrator.setTokenRefresher(Cognito.refreshAuthTokens)
    expect(orchestrator.getTokenRefresher()).toBe(Cognito.refreshAuthTokens)
  })

  const refreshers = [
    ["refreshAuthTokens", Cognito.refreshAuthTokens],
    ["refreshAuthTokensWithoutDedupe (the orchestrator's own sharing)", Cognito.refreshAuthTokensWithoutDedupe]
  ] as const
  for (const [name, refresher] of refreshers) {
    it(`refreshes expired tokens once for concurrent callers, stores them and publishes tokenRefresh: ${name}`, async () => {
      const clientId = await shortLivedClient()
      const { before, orchestrator, store, storage, username } = await signedIn(clientId, refresher)
      const results = await Promise.all(Array.from({ length: 6 }, () => orchestrator.getTokens()))
      expect(refreshes()).toBe(1)
      const fresh = String(results[0]?.accessToken)
      expect(fresh).not.toBe(String(before.accessToken))
      expect(results.map((tokens) => String(tokens?.accessToken))).toEqual(Array(6).fill(fresh))
      expect(results[0]?.signInDetails).toEqual({ loginId: username, authFlowType: "USER_SRP_AUTH" })

      const stored = (await store.loadTokens())!
      expect(String(stored.accessToken)).toBe(fresh)
      expect(stored.refreshToken).toBe(before.refreshToken)
      expect(stored.signInDetails).toEqual(before.signInDetails)
      const keys = Cognito.createKeysForAuthStorage(Cognito.AUTH_KEY_PREFIX, `${clientId}.${stored.username}`)
      expect(await storage.getItem(keys.accessToken)).toBe(fresh)
      expect(events).toEqual([{ event: "tokenRefresh" }])
    })
  }

  it("forceRefresh refreshes fresh tokens, with the caller's or the provider's client metadata", async () => {
    const { before, orchestrator, store } = await signedIn(emulator.userPoolClientId)
    orchestrator.setClientMetadataProvider(async () => ({ tenant: "blue" }))
    const forced = (await orchestrator.getTokens({ forceRefresh: true }))!
    expect(String(forced.accessToken)).not.toBe(String(before.accessToken))
    expect(String((await store.loadTokens())?.accessToken)).toBe(String(forced.accessToken))
    await orchestrator.getTokens({ forceRefresh: true, clientMetadata: { tenant: "green" } })
    await orchestrator.getTokens()
    const sent = proxy.requests.filter((r) => r.operation === "GetTokensFromRefreshToken").map((r) => JSON.parse(r.body).ClientMetadata)
    expect(sent).toEqual([{ tenant: "blue" }, { tenant: "green" }])
    expect(events).toEqual([{ event: "tokenRefresh" }, { event: "tokenRefresh" }])
  })

  it("a revoked refresh token reads as signed out: tokens cleared, tokenRefresh_failure published", async () => {
    const clientId = await shortLivedClient()
    const { before, orchestrator, store } = await signedIn(clientId)
    await call(emulator, "RevokeToken", { ClientId: clientId, Token: before.refreshToken })
    expect(await orchestrator.getTokens()).toBeNull()
    expect(refreshes()).toBe(1)
    expect(await store.loadTokens()).toBeNull()
    expect(events).toEqual([{ event: "tokenRefresh_failure", data: { error: expect.objectContaining({ name: "NotAuthorizedException" }) } }])
    expect((events[0]?.data as { error: unknown }).error).toBeInstanceOf(AuthError)
    expect(await orchestrator.getTokens()).toBeNull()
    expect(refreshes()).toBe(1)
  })

  it("a network failure rejects with NetworkError and keeps the session for the next try", async () => {
    const { before, orchestrator, store } = await signedIn(await shortLivedClient())
    proxy.fail("GetTokensFromRefreshToken", { kind: "drop" })
    const error = await rejection(orchestrator.getTokens())
    expect(error).toBeInstanceOf(AmplifyError)
    expect(error.name).toBe("NetworkError")
    expect(events).toEqual([{ event: "tokenRefresh_failure", data: { error } }])
    expect(String((await store.loadTokens())?.accessToken)).toBe(String(before.accessToken))

    proxy.heal()
    const recovered = await orchestrator.getTokens()
    expect(String(recovered?.accessToken)).not.toBe(String(before.accessToken))
    expect(events.map((payload) => payload.event)).toEqual(["tokenRefresh_failure", "tokenRefresh"])
  })

  it("a custom refresher's named error is Amplify's: session-ending names clear, others keep", async () => {
    const { before, orchestrator, store } = await signedIn(await shortLivedClient())
    orchestrator.setTokenRefresher(() => Promise.reject(new TypeError("fetch failed")))
    const unknown = await rejection(orchestrator.getTokens())
    expect(unknown).toBeInstanceOf(AuthError)
    expect(unknown.name).toBe("Unknown")
    expect(String((await store.loadTokens())?.accessToken)).toBe(String(before.accessToken))

    orchestrator.setTokenRefresher(() => Promise.reject(Object.assign(new Error("User does not exist."), { name: "UserNotFoundException" })))
    const gone = await rejection(orchestrator.getTokens())
    expect(gone).toBeInstanceOf(AuthError)
    expect(gone.name).toBe("UserNotFoundException")
    expect(gone.message).toBe("User does not exist.")
    expect(await store.loadTokens()).toBeNull()
    expect(events.map((payload) => payload.event)).toEqual(["tokenRefresh_failure", "tokenRefresh_failure"])
    expect(refreshes()).toBe(0)
  })
})
