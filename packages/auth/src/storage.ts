/**
 * Amplify's built-in storages as Promise objects (`KeyValueStorageInterface`): `defaultStorage`
 * (localStorage, in-memory where there is none, as in Node), `sessionStorage` (likewise),
 * `sharedInMemoryStorage` (one map per process). `CookieStorage` comes from the adapters.
 *
 * @since 0.1.0
 */
import type { KeyValueStorageEvent, KeyValueStorageInterface } from "@cognito-effect/adapters/Storage"

export type { KeyValueStorageEvent, KeyValueStorageInterface } from "@cognito-effect/adapters/Storage"

/** What a page's `storage` event carries. */
interface StorageEventLike {
  readonly storageArea?: unknown
  readonly key?: string | null
  readonly oldValue?: string | null
  readonly newValue?: string | null
}
export { CookieStorage } from "@cognito-effect/adapters/CookieStorage"

/** A Map behind Amplify's storage interface. @since 0.1.0 */
export class InMemoryStorage implements KeyValueStorageInterface {
  private readonly items = new Map<string, string>()
  #version = 0
  /** Counts writes, so a kept `fetchAuthSession` answer knows when the storage changed. */
  get version(): number {
    return this.#version
  }
  async setItem(key: string, value: string): Promise<void> {
    if (this.items.get(key) !== value) this.#version++
    this.items.set(key, value)
  }
  async getItem(key: string): Promise<string | null> {
    return this.items.get(key) ?? null
  }
  /** The same read without a Promise (the facade's reads take it when offered). */
  getItemSync(key: string): string | null {
    return this.items.get(key) ?? null
  }
  async removeItem(key: string): Promise<void> {
    if (this.items.delete(key)) this.#version++
  }
  async clear(): Promise<void> {
    if (this.items.size > 0) this.#version++
    this.items.clear()
  }
}

const webStorage = (pick: () => Storage | undefined): Storage | undefined => {
  try {
    const storage = pick()
    if (storage === undefined || storage === null) return undefined
    const probe = "__cognito_effect_probe__"
    storage.setItem(probe, probe)
    storage.removeItem(probe)
    return storage
  } catch {
    return undefined
  }
}

/**
 * Web Storage, or memory when the platform has none (Node, private modes that throw). Counts its
 * writes, and other tabs' writes through `storage` events.
 * @since 0.1.0
 */
export class WebStorage implements KeyValueStorageInterface {
  private resolved: Storage | InMemoryStorage | undefined
  #version = 0
  #listeners = new Set<(event: KeyValueStorageEvent) => Promise<void> | void>()
  constructor(private readonly pick: () => Storage | undefined) {}

  /**
   * Other tabs' changes to this storage, from the page's `storage` events (Amplify 6.21); where
   * there is no Web Storage nothing ever fires.
   */
  addListener(listener: (event: KeyValueStorageEvent) => Promise<void> | void): () => void {
    void this.storage
    this.#listeners.add(listener)
    return () => void this.#listeners.delete(listener)
  }

  /** One page listener per storage: it counts other tabs' writes and tells this storage's listeners. */
  private get storage(): Storage | InMemoryStorage {
    if (this.resolved === undefined) {
      const web = webStorage(this.pick)
      this.resolved = web ?? new InMemoryStorage()
      const target = globalThis as { addEventListener?: (type: string, listener: (event: StorageEventLike) => void) => void }
      if (web !== undefined && typeof target.addEventListener === "function") {
        target.addEventListener("storage", (event) => {
          // `storageArea` null: another tab cleared every storage.
          if (event.storageArea === web || event.storageArea === null) this.#version++
          if (event.storageArea !== web) return
          for (const listener of [...this.#listeners]) {
            // One listener's failure must not stop the others, nor surface as an unhandled rejection.
            Promise.resolve()
              .then(() => listener({ key: event.key ?? null, oldValue: event.oldValue ?? null, newValue: event.newValue ?? null }))
              .catch(() => undefined)
          }
        })
      }
    }
    return this.resolved
  }
  get version(): number {
    void this.storage
    return this.#version
  }
  async setItem(key: string, value: string): Promise<void> {
    this.#version++
    await this.storage.setItem(key, value)
  }
  async getItem(key: string): Promise<string | null> {
    return await this.storage.getItem(key)
  }
  getItemSync(key: string): string | null {
    const storage = this.storage
    return storage instanceof InMemoryStorage ? storage.getItemSync(key) : storage.getItem(key)
  }
  async removeItem(key: string): Promise<void> {
    if (this.getItemSync(key) === null) return
    this.#version++
    await this.storage.removeItem(key)
  }
  async clear(): Promise<void> {
    this.#version++
    await this.storage.clear()
  }
}

/** @since 0.1.0 */
export const defaultStorage: KeyValueStorageInterface = new WebStorage(() => globalThis.localStorage)
/** @since 0.1.0 */
export const sessionStorage: KeyValueStorageInterface = new WebStorage(() => globalThis.sessionStorage)
/** @since 0.1.0 */
export const sharedInMemoryStorage: KeyValueStorageInterface = new InMemoryStorage()
