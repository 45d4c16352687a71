/**
 * Amplify's built-in storages as Promise objects (`KeyValueStorageInterface`): `defaultStorage`
 * (localStorage, in-memory where there is none, as in Node), `sessionStorage` (likewise),
 * `sharedInMemoryStorage` (one map per process). `CookieStorage` comes from the adapters.
 *
 * @since 0.1.0
 */
import type { KeyValueStorageInterface } from "@cognito-effect/adapters/Storage"

export type { KeyValueStorageInterface } from "@cognito-effect/adapters/Storage"
export { CookieStorage } from "@cognito-effect/adapters/CookieStorage"

/** A Map behind Amplify's storage interface. @since 0.1.0 */
export class InMemoryStorage implements KeyValueStorageInterface {
  private readonly items = new Map<string, string>()
  async setItem(key: string, value: string): Promise<void> {
    this.items.set(key, value)
  }
  async getItem(key: string): Promise<string | null> {
    return this.items.get(key) ?? null
  }
  async removeItem(key: string): Promise<void> {
    this.items.delete(key)
  }
  async clear(): Promise<void> {
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

/** Web Storage, or memory when the platform has none (Node, private modes that throw). @since 0.1.0 */
export class WebStorage implements KeyValueStorageInterface {
  private resolved: Storage | InMemoryStorage | undefined
  constructor(private readonly pick: () => Storage | undefined) {}
  private get storage(): Storage | InMemoryStorage {
    this.resolved ??= webStorage(this.pick) ?? new InMemoryStorage()
    return this.resolved
  }
  async setItem(key: string, value: string): Promise<void> {
    await this.storage.setItem(key, value)
  }
  async getItem(key: string): Promise<string | null> {
    return await this.storage.getItem(key)
  }
  async removeItem(key: string): Promise<void> {
    await this.storage.removeItem(key)
  }
  async clear(): Promise<void> {
    await this.storage.clear()
  }
}

/** @since 0.1.0 */
export const defaultStorage: KeyValueStorageInterface = new WebStorage(() => globalThis.localStorage)
/** @since 0.1.0 */
export const sessionStorage: KeyValueStorageInterface = new WebStorage(() => globalThis.sessionStorage)
/** @since 0.1.0 */
export const sharedInMemoryStorage: KeyValueStorageInterface = new InMemoryStorage()
