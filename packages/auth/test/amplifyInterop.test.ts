/**
 * Switching imports keeps users signed in: the published `aws-amplify` and this facade read and
 * write one session in the same storage, against the emulator over HTTP. A session Amplify
 * signed in is ours to use, refresh and end, and Amplify sees what we did; the other way round
 * too. Both write the same storage keys for a sign-in.
 */
import type { Running } from "@cognito-effect/emulator/Server"
import { Amplify as TheirAmplify } from "aws-amplify"
import * as theirs from "aws-amplify/auth"
import { cognitoUserPoolsTokenProvider as theirTokenProvider } from "aws-amplify/auth/cognito"
import { ConsoleLogger } from "aws-amplify/utils"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { createAuth } from "@cognito-effect/auth"
import { InMemoryStorage } from "@cognito-effect/auth/storage"
import { configOf, createUser, password, rejection, startEmulator, uniqueEmail } from "./support/Emulator.js"

let emulator: Running

beforeAll(async () => {
  emulator = await startEmulator()
  // Amplify warns on every configure that the endpoint is custom.
  ConsoleLogger.LOG_LEVEL = "ERROR"
})
afterAll(() => emulator.stop())

/** A memory storage that can list its keys. */
class ListedStorage extends InMemoryStorage {
  readonly keys = new Set<string>()
  override async setItem(key: string, value: string): Promise<void> {
    this.keys.add(key)
    return super.setItem(key, value)
  }
  override async removeItem(key: string): Promise<void> {
    this.keys.delete(key)
    return super.removeItem(key)
  }
  /** The keys, the user's name in them replaced by `<user>`. */
  kinds(username: string): Array<string> {
    return [...this.keys].map((key) => key.replace(`.${username}.`, ".<user>.")).sort()
  }
}

/** Amplify's global instance on `storage` (set after `configure`, which picks its own). */
const amplifyOn = (storage: InMemoryStorage) => {
  TheirAmplify.configure(configOf(emulator))
  theirTokenProvider.setKeyValueStorage(storage)
}

/** Our instance on the same storage. */
const oursOn = (storage: InMemoryStorage) =>
  createAuth(configOf(emulator), { storage, signInStorage: new InMemoryStorage(), crossTabEvents: false })

describe("aws-amplify and this facade on one storage", () => {
  it("a session Amplify signed in is ours to read, refresh and end", async () => {
    const username = uniqueEmail("from-amplify")
    await createUser(emulator, username)
    const storage = new InMemoryStorage()
    amplifyOn(storage)
    expect((await theirs.signIn({ username, password })).isSignedIn).toBe(true)
    const theirUser = await theirs.getCurrentUser()
    const theirSession = await theirs.fetchAuthSession()

    const ours = oursOn(storage)
    try {
      expect(await ours.getCurrentUser()).toEqual(theirUser)
      const session = await ours.fetchAuthSession()
      expect(session.tokens?.accessToken.toString()).toBe(theirSession.tokens?.accessToken.toString())
      expect(session.tokens?.idToken?.toString()).toBe(theirSession.tokens?.idToken?.toString())
      expect((await ours.fetchUserAttributes()).email).toBe(username)

      const refreshed = await ours.fetchAuthSession({ forceRefresh: true })
      expect(refreshed.tokens?.accessToken.toString()).not.toBe(theirSession.tokens?.accessToken.toString())
      expect((await theirs.fetchAuthSession()).tokens?.accessToken.toString()).toBe(refreshed.tokens?.accessToken.toString())

      await ours.signOut()
      expect((await rejection(theirs.getCurrentUser())).name).toBe("UserUnAuthenticatedException")
    } finally {
      await ours.dispose()
    }
  })

  it("a session we signed in is Amplify's to read, refresh and end", async () => {
    const username = uniqueEmail("from-ours")
    await createUser(emulator, username)
    const storage = new InMemoryStorage()
    const ours = oursOn(storage)
    try {
      expect((await ours.signIn({ username, password })).isSignedIn).toBe(true)
      const ourUser = await ours.getCurrentUser()
      const ourSession = await ours.fetchAuthSession()

      amplifyOn(storage)
      expect(await theirs.getCurrentUser()).toEqual(ourUser)
      const session = await theirs.fetchAuthSession()
      expect(session.tokens?.accessToken.toString()).toBe(ourSession.tokens?.accessToken.toString())
      expect((await theirs.fetchUserAttributes()).email).toBe(username)

      const refreshed = await theirs.fetchAuthSession({ forceRefresh: true })
      expect(refreshed.tokens?.accessToken.toString()).not.toBe(ourSession.tokens?.accessToken.toString())
      expect((await ours.fetchAuthSession()).tokens?.accessToken.toString()).toBe(refreshed.tokens?.accessToken.toString())

      await theirs.signOut()
      expect((await rejection(ours.getCurrentUser())).name).toBe("UserUnAuthenticatedException")
    } finally {
      await ours.dispose()
    }
  })

  it("both write the same storage keys for a sign-in", async () => {
    const username = uniqueEmail("keys")
    await createUser(emulator, username)
    const theirStorage = new ListedStorage()
    amplifyOn(theirStorage)
    await theirs.signIn({ username, password })
    const { username: canonical } = await theirs.getCurrentUser()
    const ourStorage = new ListedStorage()
    const ours = oursOn(ourStorage)
    try {
      await ours.signIn({ username, password })
      expect(ourStorage.kinds(canonical)).toEqual(theirStorage.kinds(canonical))
      expect(ourStorage.kinds(canonical)).toContain(`CognitoIdentityServiceProvider.${emulator.userPoolClientId}.<user>.refreshToken`)
    } finally {
      await ours.dispose()
      await theirs.signOut()
    }
  })
})
