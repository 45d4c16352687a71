/**
 * A storage for Node apps that must keep a session across restarts: one file per key in a
 * directory. Each write goes to a temporary file, is flushed to disk (`fsync`) and renamed over
 * the key's file, so a key always holds its old value or its new one — a process killed at any
 * moment (or a power cut) never leaves half a value. Together with the token store's write order
 * (the access token removed first, written last) the session reads as the old one, the new one,
 * or signed out after any crash.
 *
 * `NodeFileStorage` is Amplify's `KeyValueStorageInterface` (for `createAuth({ storage })`);
 * `layer(directory)` is the `KeyValueStorage` port (or `SignInStorage`) for Effect apps. Imported
 * by path, like `NodeModExp`, so browser bundles never see `node:fs`.
 *
 * @since 0.1.0
 */
import * as NodeCrypto from "node:crypto"
import * as NodeFs from "node:fs/promises"
import * as NodePath from "node:path"
import * as Storage from "./Storage.js"

/** @since 0.1.0 */
export interface Options {
  /** flush each write to disk before it counts (default `true`; `false` survives a killed process, not a power cut) */
  readonly fsync?: boolean
}

const valuePrefix = "k-"
const hashedPrefix = "h-"
const tempPrefix = "t-"

/** The file of a key: its URI encoding, or its SHA-256 when that would be too long a name. */
const fileName = (key: string): string => {
  const encoded = encodeURIComponent(key)
  return encoded.length <= 200
    ? `${valuePrefix}${encoded}`
    : `${hashedPrefix}${NodeCrypto.createHash("sha256").update(key, "utf8").digest("hex")}`
}

const isMissing = (error: unknown) => (error as NodeJS.ErrnoException | undefined)?.code === "ENOENT"

/**
 * Amplify's storage interface over a directory (created on the first write).
 * @since 0.1.0
 * @category constructors
 */
export class NodeFileStorage implements Storage.KeyValueStorageInterface {
  private readonly fsync: boolean
  constructor(readonly directory: string, options: Options = {}) {
    this.fsync = options.fsync ?? true
  }

  private path(key: string): string {
    return NodePath.join(this.directory, fileName(key))
  }

  async setItem(key: string, value: string): Promise<void> {
    await NodeFs.mkdir(this.directory, { recursive: true })
    const temp = NodePath.join(this.directory, `${tempPrefix}${NodeCrypto.randomUUID()}`)
    const handle = await NodeFs.open(temp, "w")
    try {
      await handle.writeFile(value, "utf8")
      if (this.fsync) await handle.sync()
    } finally {
      await handle.close()
    }
    await NodeFs.rename(temp, this.path(key))
  }

  async getItem(key: string): Promise<string | null> {
    try {
      return await NodeFs.readFile(this.path(key), "utf8")
    } catch (error) {
      if (isMissing(error)) return null
      throw error
    }
  }

  async removeItem(key: string): Promise<void> {
    try {
      await NodeFs.unlink(this.path(key))
    } catch (error) {
      if (!isMissing(error)) throw error
    }
  }

  /** Removes every key, and the temporary files a killed process may have left. */
  async clear(): Promise<void> {
    let names: Array<string>
    try {
      names = await NodeFs.readdir(this.directory)
    } catch (error) {
      if (isMissing(error)) return
      throw error
    }
    const ours = names.filter((name) => [valuePrefix, hashedPrefix, tempPrefix].some((prefix) => name.startsWith(prefix)))
    await Promise.all(ours.map((name) => NodeFs.rm(NodePath.join(this.directory, name), { force: true })))
  }
}

/**
 * The storage port over a directory: `layer(dir)()` for `KeyValueStorage`,
 * `layer(dir)(SignInStorage)` for the pending sign-in. Failures are `StorageError`s.
 * @since 0.1.0
 * @category layers
 */
export const layer = (directory: string, options: Options = {}): Storage.StorageLayer =>
  Storage.layerFromPromiseStorage(new NodeFileStorage(directory, options))
