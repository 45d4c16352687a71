/**
 * The session promises, through the facade against the emulator over HTTP, with a recording,
 * fault-injecting proxy in between that counts every request:
 *
 * - any number of concurrent `fetchAuthSession` calls on an expired token send one refresh;
 * - two instances sharing one storage (two tabs) never refresh at once, so refresh-token
 *   rotation signs neither out (and without a lock it would: the control case);
 * - a transient failure (dropped connection, timeout, 500 JSON, 503 HTML, throttling) keeps the
 *   tokens, is retried, surfaces as a typed error, and the session comes back with the server;
 * - only the errors that prove the refresh token dead end the session, with the right events;
 * - a crash between two token writes never leaves a session that reads as valid but is not;
 * - identity-pool credentials: signed in and guest, cached, cleared on sign-out, concurrent
 *   callers sharing one fetch, an identity-pool outage signing nobody out;
 * - events reach other tabs.
 *
 * Tokens of the test clients live 4 seconds, which Amplify's 5-second margin reads as expired at
 * once: every call refreshes, no test waits for time to pass.
 */
import * as CognitoFetchClient from "@cognito-effect/adapters/CognitoFetchClient"
import * as StorageLease from "@cognito-effect/domain/StorageLease"
import { RefreshLock } from "@cognito-effect/domain/services/RefreshLock"
import type { Running } from "@cognito-effect/emulator/Server"
import * as Layer from "effect/Layer"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { AmplifyError, AuthError, type AuthClient, type AuthOptions, createAuth, decodeJWT } from "@cognito-effect/auth"
import { InMemoryStorage, type KeyValueStorageInterface } from "@cognito-effect/auth/storage"
import { call, createUser, password, rejection, startEmulator, uniqueEmail } from "./support/Emulator.js"
import { type Fault, type FaultProxy, htmlPage, jsonError, startProxy } from "./support/FaultProxy.js"

/** A memory storage a test can look into, copy, and make fail. */
class TestStorage implements KeyValueStorageInterface {
  readonly items: Map<string, string>
  /** writes left before every write fails (a crash); `undefined`: never */
  writesLeft: number | undefined
  writes = 0
  constructor(items: Iterable<readonly [string, string]> = []) {
    this.items = new Map(items)
  }
  private write(run: () => void): Promise<void> {
    if (this.writesLeft !== undefined) {
      if (this.writesLeft <= 0) return Promise.reject(new Error("simulated crash"))
      this.writesLeft--
    }
    this.writes++
    run()
    return Promise.resolve()
  }
  setItem(key: string, value: string) {
    return this.write(() => this.items.set(key, value))
  }
  getItem(key: string) {
    return Promise.resolve(this.items.get(key) ?? null)
  }
  removeItem(key: string) {
    return this.write(() => this.items.delete(key))
  }
  clear() {
    return this.write(() => this.items.clear())
  }
  valueEndingWith(suffix: string): string | undefined {
    for (const [key, value] of this.items) if (key.endsWith(suffix)) return value
    return undefined
  }
}

let emulator: Running
let proxy: FaultProxy

beforeAll(async () => {
  // No replay cache: a second use of a rotated refresh token must meet rotation, not a cached answer.
  emulator = await startEmulator({ replayWindow: 0 })
  proxy = await startProxy(emulator.endpoint)
})
afterAll(async () => {
  await proxy.stop()
  await emulator.stop()
})

const refreshes = () => proxy.count("GetTokensFromRefreshToken")

/** An app client of the default pool whose tokens live 4 seconds: inside Amplify's 5-second margin from the start. */
const shortLivedClient = async (settings: Record<string, unknown> = {}): Promise<string> => {
  const created = await call(emulator, "CreateUserPoolClient", {
    UserPoolId: emulator.userPoolId,
    ClientName: `sessions-${Math.random().toString(36).slice(2)}`,
    ExplicitAuthFlows: ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    AccessTokenValidity: 4,
    IdTokenValidity: 4,
    TokenValidityUnits: { AccessToken: "seconds", IdToken: "seconds" },
    EnableTokenRevocation: true,
    ...settings
  })
  return created.UserPoolClient.ClientId
}

/** Cognito Identity through the proxy: creates an identity pool trusting the default user pool. */
const identityPool = async (guests: boolean): Promise<string> => {
  const response = await fetch(emulator.endpoint, {
    method: "POST",
    headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": "AWSCognitoIdentityService.CreateIdentityPool" },
    body: JSON.stringify({
      IdentityPoolName: `sessions ${Math.random().toString(36).slice(2)}`,
      AllowUnauthenticatedIdentities: guests,
      CognitoIdentityProviders: [{ ProviderName: `cognito-idp.us-east-1.amazonaws.com/${emulator.userPoolId}` }]
    })
  })
  return (await response.json()).IdentityPoolId
}

interface Setup {
  readonly clientId?: string
  readonly storage?: TestStorage
  readonly identity?: { readonly identityPoolId: string; readonly allowGuestAccess?: boolean }
  readonly options?: AuthOptions
}

const instance = (setup: Setup = {}): AuthClient & { readonly storage: TestStorage; readonly events: Array<string> } => {
  const storage = setup.storage ?? new TestStorage()
  const auth = createAuth(
    {
      Auth: {
        Cognito: {
          userPoolId: emulator.userPoolId,
          userPoolClientId: setup.clientId ?? emulator.userPoolClientId,
          userPoolEndpoint: proxy.endpoint,
          ...(setup.identity === undefined
            ? {}
            : {
              identityPoolId: setup.identity.identityPoolId,
              identityPoolEndpoint: proxy.endpoint,
              allowGuestAccess: setup.identity.allowGuestAccess ?? false
            })
        }
      }
    },
    { storage, signInStorage: new TestStorage(), crossTabEvents: false, ...setup.options }
  )
  const events: Array<string> = []
  auth.listen(({ payload }) => events.push(payload.event))
  return Object.assign(auth, { storage, events })
}

const signedIn = async (setup: Setup = {}) => {
  const auth = instance(setup)
  const username = uniqueEmail("session")
  await createUser(emulator, username)
  const output = await auth.signIn({ username, password })
  expect(output.isSignedIn).toBe(true)
  return Object.assign(auth, { username })
}

const claim = (token: unknown, name: string) => decodeJWT(String(token)).payload[name]

/** No refresh lock at all: what is left is the instance's own sharing of one refresh. */
const noLock = { refreshLock: Layer.succeed(RefreshLock, { withLock: (_name, effect) => effect }) } satisfies AuthOptions

describe("one refresh for many callers", () => {
  const variants: ReadonlyArray<readonly [string, AuthOptions]> = [
    ["", {}],
    [" (by the instance's own sharing, with no lock)", noLock]
  ]
  for (const [name, options] of variants) {
    it(`any number of concurrent fetchAuthSession calls on an expired token send exactly one refresh${name}`, async () => {
      const auth = await signedIn({ clientId: await shortLivedClient(), options })
      const before = auth.storage.valueEndingWith(".accessToken")
      proxy.reset()
      const sessions = await Promise.all(Array.from({ length: 250 }, () => auth.fetchAuthSession()))
      expect(refreshes()).toBe(1)
      const tokens = new Set(sessions.map((session) => String(session.tokens?.accessToken)))
      expect(tokens.size).toBe(1)
      expect([...tokens][0]).not.toBe(before)
      expect(auth.events.filter((event) => event === "tokenRefresh")).toHaveLength(1)
      await auth.dispose()
    })
  }

  it("a caller that gives up does not cancel the refresh the others wait for", async () => {
    const auth = await signedIn({ clientId: await shortLivedClient() })
    proxy.reset()
    const aborted = new AbortController()
    const first = auth.fetchAuthSession(undefined, { signal: aborted.signal })
    const second = auth.fetchAuthSession()
    aborted.abort()
    await expect(first).rejects.toMatchObject({ name: "AbortError" })
    expect((await second).tokens).toBeDefined()
    expect(refreshes()).toBe(1)
    await auth.dispose()
  })
})

describe("two tabs sharing one storage, refresh tokens rotating", () => {
  const rotating = () => shortLivedClient({ RefreshTokenRotation: { Feature: "ENABLED", RetryGracePeriodSeconds: 0 } })

  const locks: ReadonlyArray<readonly [string, AuthOptions]> = [
    ["the default lock", {}],
    // Two tabs share no process: only the storage lease stands between them.
    ["the storage lease alone, as in tabs without Web Locks", { refreshLock: StorageLease.layer() }]
  ]

  for (const [name, options] of locks) {
    it(`refresh once and neither is signed out (${name})`, async () => {
      const clientId = await rotating()
      const first = await signedIn({ clientId, options })
      const second = instance({ clientId, storage: first.storage, options })
      proxy.reset()
      const [a, b] = await Promise.all([first.fetchAuthSession(), second.fetchAuthSession()])
      expect(refreshes()).toBe(1)
      expect(String(a.tokens?.accessToken)).toBe(String(b.tokens?.accessToken))
      // Both keep going on the rotated refresh token, one after the other and at once.
      await first.fetchUserAttributes()
      await second.fetchUserAttributes()
      await Promise.all([first.fetchAuthSession(), second.fetchAuthSession(), first.getCurrentUser()])
      expect(first.events).not.toContain("tokenRefresh_failure")
      expect(second.events).not.toContain("tokenRefresh_failure")
      expect(first.storage.valueEndingWith(".refreshToken")).toBeDefined()
      await first.dispose()
      await second.dispose()
    })
  }

  it("without any lock the same race signs the user out (the hazard the lock prevents)", async () => {
    const clientId = await rotating()
    const first = await signedIn({ clientId, options: noLock })
    const second = instance({ clientId, storage: first.storage, options: noLock })
    proxy.reset()
    const results = await Promise.allSettled([first.fetchAuthSession(), second.fetchAuthSession()])
    expect(refreshes()).toBe(2)
    const failures = results.flatMap((result) => (result.status === "rejected" ? [result.reason.name] : []))
    expect(failures).toContain("RefreshTokenReuseException")
    await first.dispose()
    await second.dispose()
  })
})

describe("transient failures keep the session", () => {
  const cases: ReadonlyArray<readonly [string, Fault, string]> = [
    ["the connection drops", { kind: "drop" }, "NetworkError"],
    ["no answer in time", { kind: "hang" }, "TimeoutError"],
    ["HTTP 500 with Cognito's JSON envelope", jsonError(500, "InternalErrorException", "An internal error occurred."), "InternalErrorException"],
    ["HTTP 503 with a proxy's HTML page", htmlPage(503), "Unknown"],
    ["throttling", jsonError(400, "TooManyRequestsException", "Too many requests"), "TooManyRequestsException"],
    ["HTTP 429 with an HTML body", htmlPage(429), "Unknown"]
  ]

  for (const [name, fault, expected] of cases) {
    it(`${name}: tokens kept, retried, a typed ${expected}, back with the server`, async () => {
      const auth = await signedIn({
        clientId: await shortLivedClient(),
        options: { transport: CognitoFetchClient.layer({ retry: { timeout: "300 millis" } }) }
      })
      const stored = new Map(auth.storage.items)
      proxy.reset()
      proxy.fail("GetTokensFromRefreshToken", fault)
      try {
        const error = await rejection(auth.fetchAuthSession())
        expect(error).toBeInstanceOf(AmplifyError)
        expect(error).not.toBeInstanceOf(SyntaxError)
        expect(error.name).toBe(expected)
        expect(refreshes()).toBe(3)
        expect(auth.storage.items).toEqual(stored)
        expect(auth.events).toContain("tokenRefresh_failure")
        expect(auth.events).not.toContain("signedOut")
      } finally {
        proxy.heal()
      }
      const session = await auth.fetchAuthSession()
      expect(session.tokens).toBeDefined()
      expect(String(session.tokens?.accessToken)).not.toBe(stored.get([...stored.keys()].find((k) => k.endsWith(".accessToken"))!))
      expect(auth.events.at(-1)).toBe("tokenRefresh")
      await auth.dispose()
    })
  }
})

describe("what ends a session", () => {
  it("a global sign-out elsewhere (NotAuthorizedException) signs out quietly", async () => {
    const auth = await signedIn({ clientId: await shortLivedClient() })
    const elsewhere = instance()
    await elsewhere.signIn({ username: auth.username, password })
    await elsewhere.signOut({ global: true })
    expect(await auth.fetchAuthSession()).toEqual({})
    expect(auth.events).toEqual(["signedIn", "tokenRefresh_failure"])
    expect(auth.storage.valueEndingWith(".accessToken")).toBeUndefined()
    await expect(auth.getCurrentUser()).rejects.toMatchObject({ name: "UserUnAuthenticatedException" })
    await auth.dispose()
    await elsewhere.dispose()
  })

  it("a deleted user is signed out", async () => {
    const auth = await signedIn({ clientId: await shortLivedClient() })
    await call(emulator, "AdminDeleteUser", { UserPoolId: emulator.userPoolId, Username: auth.username })
    expect(await auth.fetchAuthSession()).toEqual({})
    expect(auth.events).toEqual(["signedIn", "tokenRefresh_failure"])
    await auth.dispose()
  })

  it("a disabled user is signed out", async () => {
    const auth = await signedIn({ clientId: await shortLivedClient() })
    await call(emulator, "AdminDisableUser", { UserPoolId: emulator.userPoolId, Username: auth.username })
    expect(await auth.fetchAuthSession()).toEqual({})
    await auth.dispose()
  })

  it("a required password reset ends the session with PasswordResetRequiredException", async () => {
    const auth = await signedIn({ clientId: await shortLivedClient() })
    const failures: Array<{ readonly error: unknown }> = []
    auth.listen(({ payload }) => payload.event === "tokenRefresh_failure" && failures.push(payload.data as { readonly error: unknown }))
    await call(emulator, "AdminResetUserPassword", { UserPoolId: emulator.userPoolId, Username: auth.username })
    const error = await rejection(auth.fetchAuthSession())
    expect(error.name).toBe("PasswordResetRequiredException")
    // As in Amplify, the event carries an AuthError.
    expect(failures).toHaveLength(1)
    expect(failures[0]!.error).toBeInstanceOf(AuthError)
    expect(failures[0]!.error).toMatchObject({ name: "PasswordResetRequiredException", message: expect.any(String) })
    expect(await auth.fetchAuthSession()).toEqual({})
    await auth.dispose()
  })
})

describe("a crash between two token writes", () => {
  it("never leaves a session that reads as valid but is not", async () => {
    const clientId = await shortLivedClient()
    // The subject is the token store's write order; the in-process lock keeps the lease's writes out of the count.
    const options = { refreshLock: RefreshLock.layerInProcess } satisfies AuthOptions
    const auth = await signedIn({ clientId, options })
    const signedInItems = new Map(auth.storage.items)
    await auth.dispose()

    // How many writes a refresh makes.
    const probe = instance({ clientId, storage: new TestStorage(signedInItems), options })
    const before = probe.storage.writes
    await probe.fetchAuthSession()
    const total = probe.storage.writes - before
    await probe.dispose()
    expect(total).toBeGreaterThan(2)

    const outcomes = new Set<string>()
    for (let n = 0; n < total; n++) {
      const storage = new TestStorage(signedInItems)
      storage.writesLeft = n
      const crashing = instance({ clientId, storage, options })
      await expect(crashing.fetchAuthSession()).rejects.toMatchObject({ name: "StorageError" })
      await crashing.dispose()

      storage.writesLeft = undefined
      const reader = instance({ clientId, storage, options })
      const session = await reader.fetchAuthSession()
      if (session.tokens === undefined) {
        outcomes.add("signed out")
        expect(await reader.fetchAuthSession({ forceRefresh: true })).toEqual({})
      } else {
        outcomes.add("a whole session")
        const { accessToken, idToken } = session.tokens
        expect(idToken).toBeDefined()
        expect(claim(idToken, "event_id")).toBe(claim(accessToken, "event_id"))
        // …and it is usable: its refresh token works.
        const again = await reader.fetchAuthSession({ forceRefresh: true })
        expect(again.tokens).toBeDefined()
        expect(claim(again.tokens?.accessToken, "origin_jti")).toBe(claim(accessToken, "origin_jti"))
      }
      await reader.dispose()
    }
    expect(outcomes.size).toBeGreaterThan(0)
  })
})

describe("identity-pool credentials", () => {
  it("a signed-in user gets credentials for one identity, cached until forceRefresh", async () => {
    const identityPoolId = await identityPool(false)
    const auth = await signedIn({ identity: { identityPoolId } })
    proxy.reset()
    const first = await auth.fetchAuthSession()
    expect(first.identityId).toMatch(/^us-east-1:[0-9a-f-]{36}$/)
    expect(first.credentials?.accessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/)
    expect(typeof first.credentials?.secretAccessKey).toBe("string")
    expect(typeof first.credentials?.sessionToken).toBe("string")
    expect(first.credentials?.expiration).toBeInstanceOf(Date)
    expect(first.credentials!.expiration!.getTime() - Date.now()).toBeGreaterThan(50 * 60 * 1000)
    // The login is keyed by the ID token's issuer without its scheme.
    const getId = JSON.parse(proxy.requests.find((r) => r.operation === "GetId")!.body)
    expect(getId).toEqual({
      IdentityPoolId: identityPoolId,
      Logins: { [`${emulator.endpoint.replace("http://", "")}/${emulator.userPoolId}`]: String(first.tokens?.idToken) }
    })

    const second = await auth.fetchAuthSession()
    expect(second.credentials).toEqual(first.credentials)
    expect(proxy.count("GetCredentialsForIdentity")).toBe(1)

    const forced = await auth.fetchAuthSession({ forceRefresh: true })
    expect(forced.identityId).toBe(first.identityId)
    expect(forced.credentials?.accessKeyId).not.toBe(first.credentials?.accessKeyId)
    expect(proxy.count("GetId")).toBe(1)
    expect(proxy.count("GetCredentialsForIdentity")).toBe(2)
    // A signed-in user's identity id is kept in memory only.
    expect([...auth.storage.items.keys()].some((key) => key.startsWith("com.amplify.Cognito."))).toBe(false)
    await auth.dispose()
  })

  it("concurrent callers share one fetch", async () => {
    const auth = await signedIn({ identity: { identityPoolId: await identityPool(false) } })
    proxy.reset()
    const sessions = await Promise.all(Array.from({ length: 40 }, () => auth.fetchAuthSession()))
    expect(new Set(sessions.map((s) => s.credentials?.accessKeyId)).size).toBe(1)
    expect(proxy.count("GetId")).toBe(1)
    expect(proxy.count("GetCredentialsForIdentity")).toBe(1)
    await auth.dispose()
  })

  it("new credentials when the ID token changes", async () => {
    const auth = await signedIn({ clientId: await shortLivedClient(), identity: { identityPoolId: await identityPool(false) } })
    proxy.reset()
    const first = await auth.fetchAuthSession()
    const second = await auth.fetchAuthSession()
    expect(String(second.tokens?.idToken)).not.toBe(String(first.tokens?.idToken))
    expect(second.identityId).toBe(first.identityId)
    expect(proxy.count("GetCredentialsForIdentity")).toBe(2)
    await auth.dispose()
  })

  it("a guest gets credentials only with allowGuestAccess, and keeps its identity id in storage", async () => {
    const identityPoolId = await identityPool(true)
    const closed = instance({ identity: { identityPoolId, allowGuestAccess: false } })
    proxy.reset()
    expect(await closed.fetchAuthSession()).toEqual({})
    expect(proxy.requests).toHaveLength(0)

    const guest = instance({ identity: { identityPoolId, allowGuestAccess: true } })
    const session = await guest.fetchAuthSession()
    expect(session.tokens).toBeUndefined()
    expect(session.credentials?.accessKeyId).toMatch(/^ASIA/)
    expect(guest.storage.items.get(`com.amplify.Cognito.${identityPoolId}.identityId`)).toBe(session.identityId)
    expect(JSON.parse(proxy.requests.find((r) => r.operation === "GetId")!.body).Logins).toEqual({})

    // A reload: same storage, a new instance; the identity id is not asked for again.
    proxy.reset()
    const reloaded = instance({ storage: guest.storage, identity: { identityPoolId, allowGuestAccess: true } })
    expect((await reloaded.fetchAuthSession()).identityId).toBe(session.identityId)
    expect(proxy.count("GetId")).toBe(0)
    await Promise.all([closed.dispose(), guest.dispose(), reloaded.dispose()])
  })

  it("a stored guest identity the pool does not know is replaced, not fatal", async () => {
    const identityPoolId = await identityPool(true)
    const storage = new TestStorage([[`com.amplify.Cognito.${identityPoolId}.identityId`, "us-east-1:00000000-0000-4000-8000-000000000000"]])
    const guest = instance({ storage, identity: { identityPoolId, allowGuestAccess: true } })
    const session = await guest.fetchAuthSession()
    expect(session.identityId).not.toBe("us-east-1:00000000-0000-4000-8000-000000000000")
    expect(storage.items.get(`com.amplify.Cognito.${identityPoolId}.identityId`)).toBe(session.identityId)
    await guest.dispose()
  })

  it("sign-out and clearCredentials forget credentials and identity id", async () => {
    const identityPoolId = await identityPool(true)
    const auth = await signedIn({ identity: { identityPoolId, allowGuestAccess: true } })
    const user = await auth.fetchAuthSession()
    await auth.signOut()
    proxy.reset()
    const guest = await auth.fetchAuthSession()
    expect(guest.tokens).toBeUndefined()
    expect(guest.identityId).not.toBe(user.identityId)
    expect(proxy.count("GetId")).toBe(1)

    await auth.clearCredentials()
    expect(auth.storage.items.has(`com.amplify.Cognito.${identityPoolId}.identityId`)).toBe(false)
    const after = await auth.fetchAuthSession()
    expect(after.identityId).not.toBe(guest.identityId)
    expect(proxy.count("GetId")).toBe(2)
    expect(proxy.count("GetCredentialsForIdentity")).toBe(2)
    await auth.dispose()
  })

  it("an identity-pool outage fails fetchAuthSession (as in Amplify) but signs nobody out", async () => {
    const auth = await signedIn({
      identity: { identityPoolId: await identityPool(false) },
      options: { identityTransport: CognitoFetchClient.layerIdentity({ retry: { maxAttempts: 1 } }) }
    })
    const stored = new Map(auth.storage.items)
    proxy.fail("GetCredentialsForIdentity", htmlPage(502))
    try {
      const error = await rejection(auth.fetchAuthSession())
      expect(error).toBeInstanceOf(AmplifyError)
      expect(error.name).toBe("Unknown")
      expect(error.message).toBe("An unknown error has occurred.")
      expect((error as AmplifyError).underlyingError).toMatchObject({ _tag: "TransportError", reason: "InvalidResponse" })
      expect(auth.storage.items).toEqual(stored)
      expect((await auth.getCurrentUser()).username).toBeDefined()
      expect((await auth.fetchUserAttributes()).email).toBe(auth.username)
    } finally {
      proxy.heal()
    }
    expect((await auth.fetchAuthSession()).credentials).toBeDefined()
    expect(auth.events).toEqual(["signedIn"])
    await auth.dispose()
  })
})

describe("events", () => {
  it("signedIn, tokenRefresh and signedOut reach the other tabs' cross-tab listeners only", async () => {
    const clientId = await shortLivedClient()
    const storage = new TestStorage()
    const tab = (options: AuthOptions = {}) => instance({ clientId, storage, options: { crossTabEvents: true, ...options } })
    const first = tab()
    const second = tab()
    const crossTab: Array<string> = []
    const plain: Array<string> = []
    second.listen(({ payload, crossTab: remote }) => remote === true && crossTab.push(payload.event), { crossTab: true })
    second.listen(({ payload }) => plain.push(payload.event))
    const username = uniqueEmail("tabs")
    await createUser(emulator, username)
    await first.signIn({ username, password })
    await first.fetchAuthSession()
    await first.signOut()
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(crossTab).toEqual(["signedIn", "tokenRefresh", "signedOut"])
    expect(plain).toEqual([])
    expect(first.events).toEqual(["signedIn", "tokenRefresh", "signedOut"])
    await first.dispose()
    await second.dispose()
  })
})

describe("the kept answer (storages that report their changes)", () => {
  const memoryInstance = (storage: InMemoryStorage, clientId = emulator.userPoolClientId, identityPoolId?: string) => {
    const auth = createAuth(
      {
        Auth: {
          Cognito: {
            userPoolId: emulator.userPoolId,
            userPoolClientId: clientId,
            userPoolEndpoint: proxy.endpoint,
            ...(identityPoolId === undefined ? {} : { identityPoolId, identityPoolEndpoint: proxy.endpoint })
          }
        }
      },
      { storage, signInStorage: new InMemoryStorage(), crossTabEvents: false }
    )
    return auth
  }

  it("answers again without reading storage until the storage changes, in this instance or another", async () => {
    const storage = new InMemoryStorage()
    const first = memoryInstance(storage)
    const second = memoryInstance(storage)
    const username = uniqueEmail("kept")
    await createUser(emulator, username)
    await first.signIn({ username, password })
    const reads = { count: 0 }
    const getItem = storage.getItemSync.bind(storage)
    storage.getItemSync = (key) => {
      reads.count++
      return getItem(key)
    }
    const session = await first.fetchAuthSession()
    const afterFirst = reads.count
    expect(afterFirst).toBeGreaterThan(0)
    expect(await first.fetchAuthSession()).toBe(session)
    expect(await first.fetchAuthSession()).toBe(session)
    expect(reads.count).toBe(afterFirst)

    // The other instance signs out through the same storage: the kept answer is gone.
    await second.signOut()
    expect(await first.fetchAuthSession()).toEqual({})
    await first.dispose()
    await second.dispose()
  })

  it("is not used near expiry, after clearCredentials, or for forceRefresh", async () => {
    const storage = new InMemoryStorage()
    const auth = memoryInstance(storage, await shortLivedClient())
    const username = uniqueEmail("kept-expiry")
    await createUser(emulator, username)
    await auth.signIn({ username, password })
    proxy.reset()
    const a = await auth.fetchAuthSession()
    const b = await auth.fetchAuthSession()
    expect(String(b.tokens?.accessToken)).not.toBe(String(a.tokens?.accessToken))
    expect(refreshes()).toBe(2)
    await auth.dispose()

    const identityPoolId = await identityPool(false)
    const withCredentials = memoryInstance(new InMemoryStorage(), emulator.userPoolClientId, identityPoolId)
    const other = uniqueEmail("kept-credentials")
    await createUser(emulator, other)
    await withCredentials.signIn({ username: other, password })
    proxy.reset()
    const first = await withCredentials.fetchAuthSession()
    expect(await withCredentials.fetchAuthSession()).toBe(first)
    await withCredentials.clearCredentials()
    const second = await withCredentials.fetchAuthSession()
    expect(second.credentials?.accessKeyId).not.toBe(first.credentials?.accessKeyId)
    const forced = await withCredentials.fetchAuthSession({ forceRefresh: true })
    expect(forced).not.toBe(second)
    expect(proxy.count("GetCredentialsForIdentity")).toBe(3)
    await withCredentials.dispose()
  })
})

describe("no session is not an error", () => {
  it("fetchAuthSession resolves an empty session when signed out; decodeJWT has Amplify's errors", async () => {
    const auth = instance()
    expect(await auth.fetchAuthSession()).toEqual({})
    expect(await auth.fetchAuthSession({ forceRefresh: true })).toEqual({})
    expect(() => decodeJWT("not-a-jwt")).toThrow(new Error("Invalid token"))
    expect(() => decodeJWT("a.b%.c")).toThrow(new Error("Invalid token payload"))
    const jwt = decodeJWT(`x.${Buffer.from(JSON.stringify({ sub: "s", exp: 1 })).toString("base64url")}.y`)
    expect(jwt.payload).toEqual({ sub: "s", exp: 1 })
    await auth.dispose()
  })

  it("a session lists Amplify's four keys, undefined where there is nothing, whatever it holds", async () => {
    const keys = ["credentials", "identityId", "tokens", "userSub"]
    const empty = { tokens: undefined, credentials: undefined, identityId: undefined, userSub: undefined }
    const identityPoolId = await identityPool(true)
    const signedOut = instance()
    const closed = instance({ identity: { identityPoolId, allowGuestAccess: false } })
    const guest = instance({ identity: { identityPoolId, allowGuestAccess: true } })
    expect(await signedOut.fetchAuthSession()).toStrictEqual(empty)
    expect("tokens" in (await signedOut.fetchAuthSession({ forceRefresh: true }))).toBe(true)
    expect(await closed.fetchAuthSession()).toStrictEqual(empty)
    const guestSession = await guest.fetchAuthSession()
    expect(Object.keys(guestSession).sort()).toEqual(keys)
    expect(guestSession).toMatchObject({ tokens: undefined, userSub: undefined, identityId: expect.stringMatching(/^us-east-1:/) })

    const user = await signedIn()
    const session = await user.fetchAuthSession()
    expect(Object.keys(session).sort()).toEqual(keys)
    expect(session).toMatchObject({ credentials: undefined, identityId: undefined, userSub: session.tokens?.accessToken.payload.sub })
    await Promise.all([signedOut.dispose(), closed.dispose(), guest.dispose(), user.dispose()])
  })
})
