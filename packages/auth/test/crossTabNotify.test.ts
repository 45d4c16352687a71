/**
 * Amplify 6.21's cross-tab notifications on the token provider and stores:
 * `DefaultTokenStore.setupNotify` / `teardownNotify` over a storage's `addListener`, Web
 * Storage's `addListener` over the page's `storage` events, and
 * `cognitoUserPoolsTokenProvider.teardownNotify`, which stops other tabs' events reaching the Hub.
 */
import type { Running } from "@cognito-effect/emulator/Server"
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest"
import { Amplify, createAuth, Hub, signIn, signOut } from "@cognito-effect/auth"
import { cognitoUserPoolsTokenProvider, DefaultTokenStore, type KeyValueStorageInterface } from "@cognito-effect/auth/cognito"
import { InMemoryStorage, WebStorage } from "@cognito-effect/auth/storage"
import type { KeyValueStorageEvent } from "@cognito-effect/auth/storage"
import { configOf, createUser, password, startEmulator, uniqueEmail } from "./support/Emulator.js"

let emulator: Running
beforeAll(async () => {
  emulator = await startEmulator()
})
afterAll(() => emulator.stop())
afterEach(() => vi.unstubAllGlobals())

/** A memory storage whose "other tab" changes the test plays through `change`. */
class ListenedStorage extends InMemoryStorage implements KeyValueStorageInterface {
  readonly listeners = new Set<(event: KeyValueStorageEvent) => Promise<void> | void>()
  addListener(listener: (event: KeyValueStorageEvent) => Promise<void> | void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }
  async change(key: string, oldValue: string | null, newValue: string | null): Promise<void> {
    await Promise.all([...this.listeners].map((listener) => listener({ key, oldValue, newValue })))
  }
}

/** The cross-tab auth events the Hub delivers, until `stop`. */
const crossTabEvents = () => {
  const events: Array<string> = []
  const stop = Hub.listen("auth", ({ payload, crossTab }) => void (crossTab === true && events.push(payload.event)), { enableCrossTabEvents: true })
  return { events, stop }
}

const key = (kind: string) => `CognitoIdentityServiceProvider.${emulator.userPoolClientId}.some-user.${kind}`

describe("DefaultTokenStore.setupNotify", () => {
  it("turns another tab's sign-in, refresh and sign-out into cross-tab Hub events, once, until teardownNotify", async () => {
    const username = uniqueEmail("notify")
    await createUser(emulator, username)
    Amplify.configure(configOf(emulator))
    cognitoUserPoolsTokenProvider.setKeyValueStorage(new InMemoryStorage())
    const { events, stop } = crossTabEvents()
    const storage = new ListenedStorage()
    const store = new DefaultTokenStore()
    store.setKeyValueStorage(storage)
    store.setupNotify()
    store.setupNotify()
    expect(storage.listeners.size).toBe(1)

    // signedIn carries the current user, as Amplify's does: with none to report, no event and no
    // rejection (the storage here passes rejections on); then this tab's global instance signs in.
    await storage.change(key("refreshToken"), null, "before-this-tab-signed-in")
    expect(events).toEqual([])
    await signIn({ username, password })
    await storage.change(key("refreshToken"), null, "new-refresh-token")
    await storage.change(key("refreshToken"), "new-refresh-token", "new-refresh-token")
    await storage.change(key("accessToken"), null, "first")
    await storage.change(key("accessToken"), "first", "second")
    await storage.change("someone-else's-key", null, "value")
    await storage.change(key("refreshToken"), "new-refresh-token", null)
    expect(events).toEqual(["signedIn", "tokenRefresh", "signedOut"])

    // Moving to another storage moves the listener; teardownNotify stops it.
    const next = new ListenedStorage()
    store.setKeyValueStorage(next)
    expect([storage.listeners.size, next.listeners.size]).toEqual([0, 1])
    store.teardownNotify()
    await next.change(key("refreshToken"), "r", null)
    expect(next.listeners.size).toBe(0)
    expect(events).toEqual(["signedIn", "tokenRefresh", "signedOut"])
    stop()
    await signOut()
  })

  it("a storage without addListener has nothing to tell", () => {
    const store = new DefaultTokenStore()
    store.setKeyValueStorage(new InMemoryStorage())
    expect(() => store.setupNotify()).not.toThrow()
    store.teardownNotify()
  })
})

describe("WebStorage.addListener", () => {
  it("passes on the page's storage events for its own storage area, until the listener stops", async () => {
    const area = { getItem: () => null, setItem: () => undefined, removeItem: () => undefined, clear: () => undefined }
    const handlers = new Set<(event: unknown) => void>()
    vi.stubGlobal("addEventListener", (type: string, handler: (event: unknown) => void) => type === "storage" && handlers.add(handler))
    const storage = new WebStorage(() => area as unknown as Storage)
    const seen: Array<KeyValueStorageEvent> = []
    const stop = storage.addListener((event) => void seen.push(event))
    const failing = storage.addListener(() => Promise.reject(new Error("a listener that fails")))
    // One page listener, the one that also counts other tabs' writes for the kept session.
    expect(handlers.size).toBe(1)
    const fire = async (event: unknown) => {
      for (const handler of handlers) handler(event)
      await new Promise((resolve) => setTimeout(resolve, 0))
    }
    await fire({ storageArea: area, key: "k", oldValue: null, newValue: "v" })
    await fire({ storageArea: {}, key: "other area", oldValue: null, newValue: "v" })
    expect(seen).toEqual([{ key: "k", oldValue: null, newValue: "v" }])
    stop()
    failing()
    await fire({ storageArea: area, key: "after", oldValue: null, newValue: "v" })
    expect(seen).toEqual([{ key: "k", oldValue: null, newValue: "v" }])
  })
})

describe("cognitoUserPoolsTokenProvider.teardownNotify", () => {
  it("stops other tabs' events reaching the Hub until authTokenStore.setupNotify", async () => {
    const username = uniqueEmail("teardown")
    await createUser(emulator, username)
    Amplify.configure(configOf(emulator), undefined, { crossTabEvents: true, signInStorage: new InMemoryStorage() })
    cognitoUserPoolsTokenProvider.setKeyValueStorage(new InMemoryStorage())
    const otherTab = createAuth(configOf(emulator), { storage: new InMemoryStorage(), signInStorage: new InMemoryStorage(), crossTabEvents: true })
    const { events, stop } = crossTabEvents()
    const settle = () => new Promise((resolve) => setTimeout(resolve, 100))

    await otherTab.signIn({ username, password })
    await settle()
    expect(events).toEqual(["signedIn"])

    cognitoUserPoolsTokenProvider.teardownNotify()
    await otherTab.signOut()
    await settle()
    expect(events).toEqual(["signedIn"])

    cognitoUserPoolsTokenProvider.authTokenStore.setupNotify()
    await otherTab.signIn({ username, password })
    await settle()
    expect(events).toEqual(["signedIn", "signedIn"])
    stop()
    await otherTab.signOut()
    await otherTab.dispose()
  })
})
