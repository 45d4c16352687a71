/**
 * Switching imports keeps users signed in: the published `aws-amplify` and this facade read and
 * write one session in the same storage, against the emulator over HTTP. A session Amplify
 * signed in is ours to use, refresh and end, and Amplify sees what we did; the other way round
 * too. A device one remembered spares MFA in the other, a guest keeps its identity id, and both
 * write the same storage keys for a sign-in.
 */
import type { Running } from "@cognito-effect/emulator/Server"
import { Amplify as TheirAmplify } from "aws-amplify"
import * as theirs from "aws-amplify/auth"
import { cognitoUserPoolsTokenProvider as theirTokenProvider } from "aws-amplify/auth/cognito"
import { ConsoleLogger, defaultStorage as theirDefaultStorage } from "aws-amplify/utils"
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest"
import { createAuth } from "@cognito-effect/auth"
import { InMemoryStorage } from "@cognito-effect/auth/storage"
import { call, configOf, createUser, password, rejection, startEmulator, uniqueEmail } from "./support/Emulator.js"

/** MFA by SMS, devices remembered when the user says so: a remembered device replaces the code. */
const devicePool = { userPoolId: "us-east-1_InteropDev", userPoolClientId: "interopdevicesclient000001" }

let emulator: Running

beforeAll(async () => {
  const flows = ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] as const
  emulator = await startEmulator({
    seed: {
      UserPools: [
        { Id: "us-east-1_InteropOne", PoolName: "InteropOne", UsernameAttributes: ["email"], Clients: [{ Id: "interopclient0000000000001", ClientName: "web", ExplicitAuthFlows: flows }] },
        {
          Id: devicePool.userPoolId,
          PoolName: "InteropDev",
          UsernameAttributes: ["email"],
          MfaConfiguration: "ON",
          SmsMfaConfiguration: {},
          DeviceConfiguration: { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: true },
          Clients: [{ Id: devicePool.userPoolClientId, ClientName: "web", ExplicitAuthFlows: flows }]
        }
      ],
      IdentityPools: [{ IdentityPoolName: "interop identities", AllowUnauthenticatedIdentities: true }]
    }
  })
  // Amplify warns on every configure that the endpoint is custom.
  ConsoleLogger.LOG_LEVEL = "ERROR"
  // Amplify names a new device from `navigator` and, without one (Node 20), silently skips
  // confirming it: these tests play a browser.
  vi.stubGlobal("navigator", { userAgent: "Mozilla/5.0 (interop test)" })
})
afterAll(async () => {
  vi.unstubAllGlobals()
  await emulator.stop()
})

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

type Pool = { readonly userPoolId: string; readonly userPoolClientId: string }

/** Amplify's global instance on `storage` (set after `configure`, which picks its own). */
const amplifyOn = (storage: InMemoryStorage, pool?: Pool) => {
  TheirAmplify.configure(configOf({ ...emulator, ...pool }))
  theirTokenProvider.setKeyValueStorage(storage)
}

/** Our instance on the same storage. */
const oursOn = (storage: InMemoryStorage, pool?: Pool) =>
  createAuth(configOf({ ...emulator, ...pool }), { storage, signInStorage: new InMemoryStorage(), crossTabEvents: false })

const deviceKeyClaim = (session: { readonly tokens?: { readonly accessToken: { readonly payload: Record<string, unknown> } } }) =>
  session.tokens?.accessToken.payload["device_key"]

const smsCodes = (email: string) => emulator.inbox(email, { purpose: "SMS_MFA" }).length

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

  it("a device Amplify remembered lets us skip MFA, and the other way round", async () => {
    const username = uniqueEmail("device")
    await createUserIn(devicePool, username, { phone_number: "+15555550123" })
    const storage = new InMemoryStorage()

    amplifyOn(storage, devicePool)
    expect((await theirs.signIn({ username, password })).nextStep.signInStep).toBe("CONFIRM_SIGN_IN_WITH_SMS_CODE")
    expect((await theirs.confirmSignIn({ challengeResponse: emulator.latestCode(username, "SMS_MFA")! })).isSignedIn).toBe(true)
    await theirs.rememberDevice()
    const [theirDevice] = await theirs.fetchDevices()
    await theirs.signOut()

    const ours = oursOn(storage, devicePool)
    try {
      const sent = smsCodes(username)
      expect(await ours.signIn({ username, password })).toEqual({ isSignedIn: true, nextStep: { signInStep: "DONE" } })
      expect(smsCodes(username)).toBe(sent)
      expect(deviceKeyClaim(await ours.fetchAuthSession())).toBe(theirDevice!.id)

      // Ours forgets it and remembers a new one; Amplify then signs in with ours.
      await ours.forgetDevice()
      await ours.signOut()
      await ours.signIn({ username, password })
      await ours.confirmSignIn({ challengeResponse: emulator.latestCode(username, "SMS_MFA")! })
      await ours.rememberDevice()
      const [ourDevice] = await ours.fetchDevices()
      expect(ourDevice!.id).not.toBe(theirDevice!.id)
      await ours.signOut()
    } finally {
      await ours.dispose()
    }

    amplifyOn(storage, devicePool)
    const sent = smsCodes(username)
    expect((await theirs.signIn({ username, password })).isSignedIn).toBe(true)
    expect(smsCodes(username)).toBe(sent)
    const [device] = await theirs.fetchDevices()
    expect(deviceKeyClaim(await theirs.fetchAuthSession())).toBe(device!.id)
    await theirs.signOut()
  })

  it("a guest keeps the identity id Amplify gave it", async () => {
    const identityConfig = {
      Auth: {
        Cognito: {
          ...configOf(emulator).Auth.Cognito,
          identityPoolId: emulator.identityPoolId!,
          identityPoolEndpoint: emulator.endpoint,
          allowGuestAccess: true
        }
      }
    }
    // Amplify keeps identity ids in its default storage, whatever the token provider's storage.
    TheirAmplify.configure(identityConfig)
    const guest = await theirs.fetchAuthSession()
    expect(guest.identityId).toMatch(/^us-east-1:/)

    const ours = createAuth(identityConfig, { storage: theirDefaultStorage, signInStorage: new InMemoryStorage(), crossTabEvents: false })
    try {
      const session = await ours.fetchAuthSession()
      expect(session.identityId).toBe(guest.identityId)
      expect(session.credentials?.accessKeyId).toEqual(expect.any(String))
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

/** A confirmed user of `pool` with a permanent password. */
const createUserIn = async (pool: Pool, email: string, attributes: Record<string, string>) => {
  await call(emulator, "AdminCreateUser", {
    UserPoolId: pool.userPoolId,
    Username: email,
    MessageAction: "SUPPRESS",
    UserAttributes: Object.entries({ email, email_verified: "true", ...attributes }).map(([Name, Value]) => ({ Name, Value }))
  })
  await call(emulator, "AdminSetUserPassword", { UserPoolId: pool.userPoolId, Username: email, Password: password, Permanent: true })
}
