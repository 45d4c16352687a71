/**
 * `@cognito-effect/auth/cognito` against the emulator over HTTP (through a recording proxy): the
 * token provider and its storage switch, configuration and client metadata, the credentials
 * provider, the stores with Amplify's keys, `refreshAuthTokens`, and the global `clearCredentials`.
 */
import type { Running } from "@cognito-effect/emulator/Server"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { Amplify, clearCredentials, createAuth, fetchAuthSession, Hub, signIn, signOut } from "@cognito-effect/auth"
import * as Cognito from "@cognito-effect/auth/cognito"
import * as CustomProviders from "@cognito-effect/auth/CustomProviders"
import * as Server from "@cognito-effect/auth/server"
import { InMemoryStorage } from "@cognito-effect/auth/storage"
import { call, createUser, password, startEmulator, uniqueEmail } from "./support/Emulator.js"
import { type FaultProxy, startProxy } from "./support/FaultProxy.js"

let emulator: Running
let proxy: FaultProxy

beforeAll(async () => {
  emulator = await startEmulator()
  proxy = await startProxy(emulator.endpoint)
})
afterAll(async () => {
  await proxy.stop()
  await emulator.stop()
})

const cognitoConfig = (clientId = emulator.userPoolClientId) => ({
  userPoolId: emulator.userPoolId,
  userPoolClientId: clientId,
  userPoolEndpoint: proxy.endpoint,
  identityPoolId: emulator.identityPoolId!,
  identityPoolEndpoint: proxy.endpoint,
  allowGuestAccess: true
})

class Items extends InMemoryStorage {
  readonly written = new Map<string, string>()
  override async setItem(key: string, value: string) {
    this.written.set(key, value)
    await super.setItem(key, value)
  }
  override async removeItem(key: string) {
    this.written.delete(key)
    await super.removeItem(key)
  }
}

describe("cognitoUserPoolsTokenProvider", () => {
  it("keeps tokens where setKeyValueStorage says, under Amplify's keys, and hands them out", async () => {
    const storage = new Items()
    Amplify.configure({ Auth: { Cognito: cognitoConfig() } })
    Cognito.cognitoUserPoolsTokenProvider.setKeyValueStorage(storage)
    expect(await Cognito.cognitoUserPoolsTokenProvider.getTokens()).toBeNull()

    const username = uniqueEmail("cognito")
    await createUser(emulator, username)
    await signIn({ username, password })
    const user = storage.written.get(`CognitoIdentityServiceProvider.${emulator.userPoolClientId}.LastAuthUser`)!
    const keys = Cognito.createKeysForAuthStorage(Cognito.AUTH_KEY_PREFIX, `${emulator.userPoolClientId}.${user}`)
    const tokens = await Cognito.cognitoUserPoolsTokenProvider.getTokens()
    expect(String(tokens?.accessToken)).toBe(storage.written.get(keys.accessToken))
    expect(String(tokens?.idToken)).toBe(storage.written.get(keys.idToken))
    expect(tokens?.signInDetails).toEqual({ loginId: username, authFlowType: "USER_SRP_AUTH" })

    proxy.reset()
    const hub: Array<string> = []
    const stop = Hub.listen("auth", ({ payload }) => hub.push(payload.event))
    const forced = await Cognito.cognitoUserPoolsTokenProvider.getTokens({ forceRefresh: true })
    stop()
    expect(String(forced?.accessToken)).not.toBe(String(tokens?.accessToken))
    expect(proxy.count("GetTokensFromRefreshToken")).toBe(1)
    expect(hub).toEqual(["tokenRefresh"])
    await signOut()
    expect(await Cognito.cognitoUserPoolsTokenProvider.getTokens()).toBeNull()
  })

  it("sends the client metadata provider's metadata with a refresh", async () => {
    Amplify.configure({ Auth: { Cognito: cognitoConfig() } })
    Cognito.cognitoUserPoolsTokenProvider.setKeyValueStorage(new InMemoryStorage())
    Cognito.cognitoUserPoolsTokenProvider.setClientMetadataProvider(async () => ({ tenant: "blue" }))
    const username = uniqueEmail("metadata")
    await createUser(emulator, username)
    await signIn({ username, password })
    proxy.reset()
    await fetchAuthSession({ forceRefresh: true })
    await Cognito.cognitoUserPoolsTokenProvider.getTokens({ forceRefresh: true, clientMetadata: { tenant: "green" } })
    const sent = proxy.requests.filter((r) => r.operation === "GetTokensFromRefreshToken").map((r) => JSON.parse(r.body).ClientMetadata)
    expect(sent).toEqual([{ tenant: "blue" }, { tenant: "green" }])
    await signOut()
  })

  it("setAuthConfig restarts the instance on that configuration, keeping the storage", async () => {
    const storage = new InMemoryStorage()
    Amplify.configure({ Auth: { Cognito: cognitoConfig() } })
    Cognito.cognitoUserPoolsTokenProvider.setKeyValueStorage(storage)
    const other = await call(emulator, "CreateUserPoolClient", {
      UserPoolId: emulator.userPoolId,
      ClientName: "cognito-subpath",
      ExplicitAuthFlows: ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
    })
    const clientId: string = other.UserPoolClient.ClientId
    Cognito.cognitoUserPoolsTokenProvider.setAuthConfig({ Cognito: cognitoConfig(clientId) })
    const username = uniqueEmail("authconfig")
    await createUser(emulator, username)
    await signIn({ username, password })
    const tokens = await Cognito.cognitoUserPoolsTokenProvider.getTokens()
    expect(tokens?.accessToken.payload["client_id"]).toBe(clientId)
    expect(await storage.getItem(`CognitoIdentityServiceProvider.${clientId}.LastAuthUser`)).not.toBeNull()
    await signOut()
  })
})

describe("cognitoUserPoolsTokenProvider's authTokenStore and tokenOrchestrator", () => {
  it("are the configured instance's token store and session, as Amplify's are", async () => {
    const { authTokenStore, tokenOrchestrator } = Cognito.cognitoUserPoolsTokenProvider
    expect(authTokenStore).toBeInstanceOf(Cognito.DefaultTokenStore)
    expect(tokenOrchestrator).toBeInstanceOf(Cognito.TokenOrchestrator)
    expect(tokenOrchestrator.getTokenStore()).toBe(authTokenStore)
    expect(tokenOrchestrator.getTokenRefresher()).toBe(Cognito.refreshAuthTokens)

    Amplify.configure({ Auth: { Cognito: cognitoConfig() } })
    const storage = new Items()
    Cognito.cognitoUserPoolsTokenProvider.setKeyValueStorage(storage)
    expect(authTokenStore.getKeyValueStorage()).toBe(storage)
    const metadata = async () => ({ tenant: "red" })
    Cognito.cognitoUserPoolsTokenProvider.setClientMetadataProvider(metadata)
    expect(tokenOrchestrator.clientMetadataProvider).toBe(metadata)
    expect(await authTokenStore.loadTokens()).toBeNull()
    expect(await tokenOrchestrator.getTokens()).toBeNull()

    const username = uniqueEmail("members")
    await createUser(emulator, username)
    await signIn({ username, password })
    const loaded = (await authTokenStore.loadTokens())!
    const keys = Cognito.createKeysForAuthStorage(Cognito.AUTH_KEY_PREFIX, `${emulator.userPoolClientId}.${loaded.username}`)
    expect(loaded.refreshToken).toBe(storage.written.get(keys.refreshToken))
    expect(await authTokenStore.getLastAuthUser()).toBe(loaded.username)
    expect(String((await tokenOrchestrator.getTokens())?.accessToken)).toBe(String(loaded.accessToken))

    // A forced refresh through the orchestrator is the instance's: one request, with the provider's metadata.
    proxy.reset()
    const refreshed = await tokenOrchestrator.getTokens({ forceRefresh: true })
    expect(String(refreshed?.accessToken)).toBe(storage.written.get(keys.accessToken))
    expect(String(refreshed?.accessToken)).not.toBe(String(loaded.accessToken))
    expect(proxy.requests.filter((r) => r.operation === "GetTokensFromRefreshToken").map((r) => JSON.parse(r.body).ClientMetadata)).toEqual([
      { tenant: "red" }
    ])

    // What the store clears, the instance no longer has.
    await tokenOrchestrator.clearTokens()
    expect((await fetchAuthSession()).tokens).toBeUndefined()
    expect(await Cognito.cognitoUserPoolsTokenProvider.getTokens()).toBeNull()

    const other = new InMemoryStorage()
    authTokenStore.setKeyValueStorage(other)
    expect(authTokenStore.getKeyValueStorage()).toBe(other)
    await signIn({ username, password })
    expect(await other.getItem(`CognitoIdentityServiceProvider.${emulator.userPoolClientId}.LastAuthUser`)).toBe(loaded.username)
    await signOut()
  })
})

describe("cognitoCredentialsProvider", () => {
  it("is a CognitoAWSCredentialsAndIdentityIdProvider, and still the built-in one where an app passes it", () => {
    expect(Cognito.cognitoCredentialsProvider).toBeInstanceOf(Cognito.CognitoAWSCredentialsAndIdentityIdProvider)
    expect(CustomProviders.isAppProvider(Cognito.cognitoCredentialsProvider, "getCredentialsAndIdentityId")).toBe(false)
    expect(CustomProviders.isAppProvider(Cognito.cognitoUserPoolsTokenProvider, "getTokens")).toBe(false)
    // One the app builds itself (as Amplify's ssr wiring does) is the app's own.
    const own = new Cognito.CognitoAWSCredentialsAndIdentityIdProvider(new Cognito.DefaultIdentityIdStore(new InMemoryStorage()))
    expect(CustomProviders.isAppProvider(own, "getCredentialsAndIdentityId")).toBe(true)
  })

  it("gives guest and signed-in credentials; clearCredentials forgets the identity", async () => {
    const storage = new InMemoryStorage()
    Amplify.configure({ Auth: { Cognito: cognitoConfig() } })
    Cognito.cognitoUserPoolsTokenProvider.setKeyValueStorage(storage)
    const guest = await Cognito.cognitoCredentialsProvider.getCredentialsAndIdentityId({ authenticated: false })
    expect(guest?.credentials.accessKeyId).toMatch(/^ASIA/)
    expect(typeof guest?.credentials.secretAccessKey).toBe("string")
    const key = `com.amplify.Cognito.${emulator.identityPoolId}.identityId`
    expect(await storage.getItem(key)).toBe(guest?.identityId)

    await clearCredentials()
    expect(await storage.getItem(key)).toBeNull()

    const username = uniqueEmail("credentials")
    await createUser(emulator, username)
    await signIn({ username, password })
    const tokens = (await Cognito.cognitoUserPoolsTokenProvider.getTokens())!
    const user = await Cognito.cognitoCredentialsProvider.getCredentialsAndIdentityId({ authenticated: true, tokens })
    expect(user?.identityId).toMatch(/^us-east-1:/)
    expect(user?.identityId).not.toBe(guest?.identityId)
    expect((await fetchAuthSession()).identityId).toBe(user?.identityId)
    await Cognito.cognitoCredentialsProvider.clearCredentialsAndIdentityId()
    await signOut()
  })
})

describe("CognitoAWSCredentialsAndIdentityIdProvider", () => {
  it("answers for the authConfig each call carries, through its own identity store and cache", async () => {
    const storage = new InMemoryStorage()
    const provider = new Cognito.CognitoAWSCredentialsAndIdentityIdProvider(new Cognito.DefaultIdentityIdStore(storage))
    const authConfig = { Cognito: cognitoConfig() }
    expect(await provider.getCredentialsAndIdentityId({ authenticated: false })).toBeUndefined()
    const { identityPoolId: _pool, ...userPoolOnly } = cognitoConfig()
    expect(await provider.getCredentialsAndIdentityId({ authenticated: false, authConfig: { Cognito: userPoolOnly } })).toBeUndefined()
    expect(
      await provider.getCredentialsAndIdentityId({ authenticated: false, authConfig: { Cognito: { ...cognitoConfig(), allowGuestAccess: false } } })
    ).toBeUndefined()

    const guest = await provider.getCredentialsAndIdentityId({ authenticated: false, authConfig })
    expect(guest?.credentials.accessKeyId).toMatch(/^ASIA/)
    expect(await storage.getItem(`com.amplify.Cognito.${emulator.identityPoolId}.identityId`)).toBe(guest?.identityId)
    // Held in memory until forced.
    expect((await provider.getCredentialsAndIdentityId({ authenticated: false, authConfig }))?.credentials).toEqual(guest?.credentials)
    const forced = await provider.getCredentialsAndIdentityId({ authenticated: false, authConfig, forceRefresh: true })
    expect(forced?.identityId).toBe(guest?.identityId)
    expect(forced?.credentials.accessKeyId).not.toBe(guest?.credentials.accessKeyId)

    const username = uniqueEmail("provider")
    await createUser(emulator, username)
    const auth = createAuth({ Auth: { Cognito: cognitoConfig() } }, { storage: new InMemoryStorage(), signInStorage: new InMemoryStorage(), crossTabEvents: false })
    await auth.signIn({ username, password })
    const tokens = (await auth.fetchAuthSession()).tokens!
    const user = await provider.getCredentialsAndIdentityId({ authenticated: true, tokens, authConfig })
    expect(user?.identityId).toMatch(/^us-east-1:/)
    expect(user?.identityId).not.toBe(guest?.identityId)

    await provider.clearCredentialsAndIdentityId()
    expect(await storage.getItem(`com.amplify.Cognito.${emulator.identityPoolId}.identityId`)).toBeNull()
    await auth.dispose()
  })

  it("clearing before any configuration fails as Amplify's does", async () => {
    const provider = new Cognito.CognitoAWSCredentialsAndIdentityIdProvider(new Cognito.DefaultIdentityIdStore(new InMemoryStorage()))
    await expect(provider.clearCredentials()).resolves.toBeUndefined()
    await expect(provider.clearCredentialsAndIdentityId()).rejects.toMatchObject({ name: "InvalidIdentityPoolIdException" })
  })
})

describe("/server's createAWSCredentialsAndIdentityIdProvider", () => {
  it("keeps the guest identity in the request's storage, where the server context finds it", async () => {
    const storage = new InMemoryStorage()
    const authConfig = { Cognito: cognitoConfig() }
    const provider = Server.createAWSCredentialsAndIdentityIdProvider(authConfig, storage)
    const guest = await provider.getCredentialsAndIdentityId({ authenticated: false, authConfig })
    expect(guest?.identityId).toMatch(/^us-east-1:/)
    expect(await storage.getItem(`com.amplify.Cognito.${emulator.identityPoolId}.identityId`)).toBe(guest?.identityId)
    const session = await Server.runWithAmplifyServerContext({ Auth: authConfig }, { Auth: { credentialsProvider: provider } }, (contextSpec) =>
      Server.fetchAuthSession(contextSpec))
    expect(session.identityId).toBe(guest?.identityId)
    expect(session.credentials?.accessKeyId).toMatch(/^ASIA/)
  })
})

describe("stores", () => {
  it("DefaultTokenStore reads and writes sessions with Amplify's keys", async () => {
    const storage = new InMemoryStorage()
    Amplify.configure({ Auth: { Cognito: cognitoConfig() } })
    Cognito.cognitoUserPoolsTokenProvider.setKeyValueStorage(storage)
    const username = uniqueEmail("store")
    await createUser(emulator, username)
    await signIn({ username, password })

    const store = new Cognito.DefaultTokenStore()
    expect(() => store.getKeyValueStorage()).toThrow(expect.objectContaining({ name: "KeyValueStorageNotFoundException" }))
    store.setKeyValueStorage(storage)
    store.setAuthConfig({ Cognito: cognitoConfig() })
    const loaded = (await store.loadTokens())!
    expect(loaded.username).toBe(await store.getLastAuthUser())
    expect(loaded.refreshToken).toEqual(expect.any(String))
    expect(typeof loaded.clockDrift).toBe("number")

    const copy = new InMemoryStorage()
    const other = new Cognito.DefaultTokenStore()
    other.setKeyValueStorage(copy)
    other.setAuthConfig({ Cognito: cognitoConfig() })
    expect(await other.loadTokens()).toBeNull()
    expect(await other.getLastAuthUser()).toBe("username")
    await other.storeTokens(loaded)
    const keys = Cognito.createKeysForAuthStorage(Cognito.AUTH_KEY_PREFIX, `${emulator.userPoolClientId}.${loaded.username}`)
    expect(await copy.getItem(keys.refreshToken)).toBe(loaded.refreshToken)
    expect(String((await other.loadTokens())?.accessToken)).toBe(String(loaded.accessToken))
    expect(await other.getOAuthMetadata()).toBeNull()
    await other.setOAuthMetadata({ oauthSignIn: true })
    expect(await copy.getItem(keys.oauthMetadata)).toBe('{"oauthSignIn":true}')
    expect(await other.getOAuthMetadata()).toEqual({ oauthSignIn: true })
    await other.clearTokens()
    expect(await other.loadTokens()).toBeNull()
    await signOut()
  })

  it("DefaultIdentityIdStore keeps a guest id under com.amplify.Cognito.<pool>.identityId and a primary one in memory", async () => {
    const storage = new InMemoryStorage()
    const store = new Cognito.DefaultIdentityIdStore(storage)
    expect(() => store.setAuthConfig({ Cognito: { userPoolId: "us-east-1_x", userPoolClientId: "c" } })).toThrow(
      expect.objectContaining({ name: "InvalidIdentityPoolIdException" })
    )
    await expect(store.loadIdentityId()).rejects.toMatchObject({ name: "InvalidIdentityPoolIdException" })
    store.setAuthConfig({ Cognito: { identityPoolId: "us-east-1:4a2e0b6a-3c1d-4f5e-8a9b-0c1d2e3f4a5b" } })
    await store.storeIdentityId({ id: "us-east-1:guest", type: "guest" })
    expect(await storage.getItem("com.amplify.Cognito.us-east-1:4a2e0b6a-3c1d-4f5e-8a9b-0c1d2e3f4a5b.identityId")).toBe("us-east-1:guest")
    await store.storeIdentityId({ id: "us-east-1:primary", type: "primary" })
    expect(await store.loadIdentityId()).toEqual({ id: "us-east-1:primary", type: "primary" })
    expect(await storage.getItem("com.amplify.Cognito.us-east-1:4a2e0b6a-3c1d-4f5e-8a9b-0c1d2e3f4a5b.identityId")).toBeNull()
    await store.clearIdentityId()
    expect(await store.loadIdentityId()).toBeNull()
  })

  it("createKeysForAuthStorage gives Amplify's ten per-user keys", () => {
    expect(Cognito.AUTH_KEY_PREFIX).toBe("CognitoIdentityServiceProvider")
    expect(Object.values(Cognito.createKeysForAuthStorage(Cognito.AUTH_KEY_PREFIX, "client.user")).sort()).toEqual(
      ["accessToken", "clockDrift", "deviceGroupKey", "deviceKey", "idToken", "oauthMetadata", "oidcProvider", "randomPasswordKey", "refreshToken", "signInDetails"]
        .map((key) => `CognitoIdentityServiceProvider.client.user.${key}`)
        .sort()
    )
  })
})

describe("refreshAuthTokens", () => {
  it("one request for concurrent calls with the same session; the refresh token kept", async () => {
    const storage = new InMemoryStorage()
    Amplify.configure({ Auth: { Cognito: cognitoConfig() } })
    Cognito.cognitoUserPoolsTokenProvider.setKeyValueStorage(storage)
    const username = uniqueEmail("refresh")
    await createUser(emulator, username)
    await signIn({ username, password })
    const store = new Cognito.DefaultTokenStore()
    store.setKeyValueStorage(storage)
    store.setAuthConfig({ Cognito: cognitoConfig() })
    const tokens = (await store.loadTokens())!
    proxy.reset()
    const [a, b] = await Promise.all([
      Cognito.refreshAuthTokens({ tokens, username: tokens.username }),
      Cognito.refreshAuthTokens({ tokens, username: tokens.username, authConfig: { Cognito: cognitoConfig() } })
    ])
    expect(proxy.count("GetTokensFromRefreshToken")).toBe(1)
    expect(a).toBe(b)
    expect(String(a.accessToken)).not.toBe(String(tokens.accessToken))
    expect(a.refreshToken).toBe(tokens.refreshToken)
    expect(a.signInDetails).toEqual(tokens.signInDetails)
    await Cognito.refreshAuthTokensWithoutDedupe({ tokens, username: tokens.username })
    expect(proxy.count("GetTokensFromRefreshToken")).toBe(2)
    await signOut()
  })
})

describe("the subpath's surface", () => {
  it("exports the Cognito functions and the storages", () => {
    for (const name of ["signIn", "signUp", "confirmSignIn", "signOut", "fetchUserAttributes", "fetchDevices", "forgetDevice"] as const) {
      expect(typeof Cognito[name]).toBe("function")
    }
    for (const storage of [Cognito.defaultStorage, Cognito.sessionStorage, Cognito.sharedInMemoryStorage]) {
      expect(typeof storage.getItem).toBe("function")
    }
    expect(() => new Cognito.CookieStorage({ sameSite: "none", secure: false })).toThrow()
  })
})
