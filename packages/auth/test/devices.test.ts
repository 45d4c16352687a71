/**
 * Remembered devices through the facade, against the emulator over HTTP: the device confirmed
 * after sign-in, device SRP answered on later sign-ins (so a remembered device skips MFA),
 * rememberDevice, forgetDevice (this device, or any by id), fetchDevices across pages, and the
 * refusals Amplify users meet.
 */
import type { Running } from "@cognito-effect/emulator/Server"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type AuthClient, createAuth } from "@cognito-effect/auth"
import { InMemoryStorage } from "@cognito-effect/auth/storage"
import { call, configOf, password, rejection, startEmulator, uniqueEmail } from "./support/Emulator.js"

/** MFA on (SMS), devices remembered only when the user says so; a remembered device replaces MFA. */
const mfaPool = { userPoolId: "us-east-1_DevicesMfa", userPoolClientId: "devicesmfaclient00000000001" }
/** No MFA, every confirmed device remembered. */
const autoPool = { userPoolId: "us-east-1_DevicesAuto", userPoolClientId: "devicesautoclient0000000001" }
/** No device tracking at all. */
const plainPool = { userPoolId: "us-east-1_DevicesNone", userPoolClientId: "devicesnoneclient0000000001" }

const flows = ["ALLOW_USER_SRP_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] as const
const pool = (ids: { userPoolId: string; userPoolClientId: string }, settings: Record<string, unknown>) => ({
  Id: ids.userPoolId,
  PoolName: ids.userPoolId.split("_")[1]!,
  UsernameAttributes: ["email" as const],
  ...settings,
  Clients: [{ Id: ids.userPoolClientId, ClientName: "web", ExplicitAuthFlows: [...flows] }]
})

let emulator: Running
beforeAll(async () => {
  emulator = await startEmulator({
    seed: {
      UserPools: [
        pool(mfaPool, {
          MfaConfiguration: "ON",
          SmsMfaConfiguration: {},
          DeviceConfiguration: { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: true }
        }),
        pool(autoPool, { DeviceConfiguration: { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: false } }),
        pool(plainPool, {})
      ]
    }
  })
})
afterAll(() => emulator.stop())

/** A facade instance on `ids`' pool; pass `storage` to keep the device keys of a "browser". */
const open = (ids: { userPoolId: string; userPoolClientId: string }, storage = new InMemoryStorage()): AuthClient =>
  createAuth(configOf({ endpoint: emulator.endpoint, ...ids }), { storage, signInStorage: new InMemoryStorage(), crossTabEvents: false })

const createUser = async (ids: { userPoolId: string }, email: string, attributes: Record<string, string> = {}) => {
  await call(emulator, "AdminCreateUser", {
    UserPoolId: ids.userPoolId,
    Username: email,
    MessageAction: "SUPPRESS",
    UserAttributes: Object.entries({ email, email_verified: "true", ...attributes }).map(([Name, Value]) => ({ Name, Value }))
  })
  await call(emulator, "AdminSetUserPassword", { UserPoolId: ids.userPoolId, Username: email, Password: password, Permanent: true })
}

/** Amplify's device keys for the signed-in user, as stored. */
const deviceKeys = async (ids: { userPoolClientId: string }, storage: InMemoryStorage, username: string) => {
  const prefix = `CognitoIdentityServiceProvider.${ids.userPoolClientId}.${username}`
  return {
    deviceKey: await storage.getItem(`${prefix}.deviceKey`),
    deviceGroupKey: await storage.getItem(`${prefix}.deviceGroupKey`),
    randomPasswordKey: await storage.getItem(`${prefix}.randomPasswordKey`)
  }
}

const claims = (token: unknown): Record<string, unknown> =>
  JSON.parse(Buffer.from(String(token).split(".")[1]!, "base64url").toString("utf8"))

const smsCodes = (email: string) => emulator.inbox(email, { purpose: "SMS_MFA" }).length

describe("a remembered device skips MFA", () => {
  it("an MFA user signs in, remembers the device, signs out, signs in without a code; forgotten, the code is asked again", async () => {
    const email = uniqueEmail("mfa")
    await createUser(mfaPool, email, { phone_number: "+15555550123" })
    const storage = new InMemoryStorage()
    const auth = open(mfaPool, storage)

    // First sign-in on this device: SMS code, then the device is confirmed behind the scenes.
    const first = await auth.signIn({ username: email, password })
    expect(first).toMatchObject({ isSignedIn: false, nextStep: { signInStep: "CONFIRM_SIGN_IN_WITH_SMS_CODE" } })
    expect(await auth.confirmSignIn({ challengeResponse: emulator.latestCode(email, "SMS_MFA")! })).toEqual({
      isSignedIn: true,
      nextStep: { signInStep: "DONE" }
    })
    const { userId } = await auth.getCurrentUser()
    const stored = await deviceKeys(mfaPool, storage, userId)
    expect(stored.deviceKey).toMatch(/^us-east-1_[0-9a-f-]{36}$/)
    expect(stored.deviceGroupKey).toMatch(/^-[A-Za-z0-9]{9}$/)
    expect(stored.randomPasswordKey).toHaveLength(56)
    const [confirmed] = await auth.fetchDevices()
    expect(confirmed).toMatchObject({ id: stored.deviceKey, attributes: { "dev:device_remembered_status": "not_remembered" } })

    // Confirmed but not remembered yet: the device proves itself, MFA is still due.
    await auth.signOut()
    expect(await auth.signIn({ username: email, password })).toMatchObject({
      nextStep: { signInStep: "CONFIRM_SIGN_IN_WITH_SMS_CODE" }
    })
    await auth.confirmSignIn({ challengeResponse: emulator.latestCode(email, "SMS_MFA")! })
    expect((await auth.fetchDevices()).map((device) => device.id)).toEqual([stored.deviceKey])

    // Remembered: the next sign-in needs no code at all.
    await auth.rememberDevice()
    expect((await auth.fetchDevices())[0]?.attributes["dev:device_remembered_status"]).toBe("remembered")
    await auth.signOut()
    const sent = smsCodes(email)
    expect(await auth.signIn({ username: email, password })).toEqual({ isSignedIn: true, nextStep: { signInStep: "DONE" } })
    expect(smsCodes(email)).toBe(sent)
    const session = await auth.fetchAuthSession()
    expect(claims(session.tokens?.accessToken)["device_key"]).toBe(stored.deviceKey)

    // Forgotten: the local keys go, and the next sign-in asks for the code again.
    await auth.forgetDevice()
    expect(await deviceKeys(mfaPool, storage, userId)).toEqual({ deviceKey: null, deviceGroupKey: null, randomPasswordKey: null })
    expect(await auth.fetchDevices()).toEqual([])
    await auth.signOut()
    expect(await auth.signIn({ username: email, password })).toMatchObject({
      nextStep: { signInStep: "CONFIRM_SIGN_IN_WITH_SMS_CODE" }
    })
    await auth.confirmSignIn({ challengeResponse: emulator.latestCode(email, "SMS_MFA")! })
    const renewed = await deviceKeys(mfaPool, storage, userId)
    expect(renewed.deviceKey).not.toBeNull()
    expect(renewed.deviceKey).not.toBe(stored.deviceKey)
    await auth.dispose()
  })
})

describe("devices of one user", () => {
  it("lists two devices with dates and attributes, and forgets the other one by id", async () => {
    const email = uniqueEmail("two")
    await createUser(autoPool, email)
    const laptopStorage = new InMemoryStorage()
    const phoneStorage = new InMemoryStorage()
    const laptop = open(autoPool, laptopStorage)
    const phone = open(autoPool, phoneStorage)
    await laptop.signIn({ username: email, password })
    await phone.signIn({ username: email, password })
    const { userId } = await laptop.getCurrentUser()
    const laptopKey = (await deviceKeys(autoPool, laptopStorage, userId)).deviceKey!
    const phoneKey = (await deviceKeys(autoPool, phoneStorage, userId)).deviceKey!

    const devices = await laptop.fetchDevices()
    expect(devices.map((device) => device.id).sort()).toEqual([laptopKey, phoneKey].sort())
    for (const device of devices) {
      expect(device.name).toBe("cognito-effect")
      expect(device.attributes).toMatchObject({
        device_status: "valid",
        device_name: "cognito-effect",
        "dev:device_remembered_status": "remembered",
        last_ip_used: "127.0.0.1"
      })
      expect(device.createDate).toBeInstanceOf(Date)
      expect(device.lastModifiedDate).toBeInstanceOf(Date)
      expect(device.lastAuthenticatedDate).toBeInstanceOf(Date)
      expect(Math.abs(device.createDate!.getTime() - Date.now())).toBeLessThan(60_000)
    }

    await laptop.forgetDevice({ device: { id: phoneKey } })
    expect((await laptop.fetchDevices()).map((device) => device.id)).toEqual([laptopKey])
    expect((await deviceKeys(autoPool, laptopStorage, userId)).deviceKey).toBe(laptopKey)

    // The phone still holds its keys; Cognito says the device does not exist, Amplify-style the
    // client drops them and signs in as a new device.
    await phone.signOut()
    expect(await phone.signIn({ username: email, password })).toEqual({ isSignedIn: true, nextStep: { signInStep: "DONE" } })
    const renewed = (await deviceKeys(autoPool, phoneStorage, userId)).deviceKey
    expect(renewed).not.toBe(phoneKey)
    expect((await phone.fetchDevices()).map((device) => device.id).sort()).toEqual([laptopKey, renewed].sort())
    await laptop.dispose()
    await phone.dispose()
  })

  it("a later sign-in is answered with the device's secret: same device, no new one", async () => {
    const email = uniqueEmail("again")
    await createUser(autoPool, email)
    const storage = new InMemoryStorage()
    const auth = open(autoPool, storage)
    await auth.signIn({ username: email, password })
    const { userId } = await auth.getCurrentUser()
    const { deviceKey } = await deviceKeys(autoPool, storage, userId)
    await auth.signOut()
    await auth.signIn({ username: email, password })
    const session = await auth.fetchAuthSession()
    expect(claims(session.tokens?.accessToken)["device_key"]).toBe(deviceKey)
    expect((await auth.fetchDevices()).map((device) => device.id)).toEqual([deviceKey])
    await auth.dispose()
  })

  it("a tampered device secret is refused", async () => {
    const email = uniqueEmail("tamper")
    await createUser(autoPool, email)
    const storage = new InMemoryStorage()
    const auth = open(autoPool, storage)
    await auth.signIn({ username: email, password })
    const { userId } = await auth.getCurrentUser()
    await auth.signOut()
    const key = `CognitoIdentityServiceProvider.${autoPool.userPoolClientId}.${userId}.randomPasswordKey`
    const secret = (await storage.getItem(key))!
    await storage.setItem(key, `${secret.startsWith("A") ? "B" : "A"}${secret.slice(1)}`)
    const error = await rejection(auth.signIn({ username: email, password }))
    expect(error.name).toBe("NotAuthorizedException")
    expect(error.message).toBe("Incorrect username or password.")
    await expect(auth.getCurrentUser()).rejects.toMatchObject({ name: "UserUnAuthenticatedException" })
    await auth.dispose()
  })

  it("fetchDevices reads every page (Cognito gives at most 60 at a time)", async () => {
    const email = uniqueEmail("many")
    await createUser(autoPool, email)
    // 61 other sessions, each confirming its device, straight over the wire.
    const verifier = { Salt: "AQIDBAUGBwgJCgsMDQ4PEA==", PasswordVerifier: Buffer.from([7, 7, 7]).toString("base64") }
    for (let i = 0; i < 61; i++) {
      const answer = await call(emulator, "InitiateAuth", {
        AuthFlow: "USER_PASSWORD_AUTH",
        ClientId: autoPool.userPoolClientId,
        AuthParameters: { USERNAME: email, PASSWORD: password }
      })
      const result = answer.AuthenticationResult
      await call(emulator, "ConfirmDevice", {
        AccessToken: result.AccessToken,
        DeviceKey: result.NewDeviceMetadata.DeviceKey,
        DeviceName: `device ${i}`,
        DeviceSecretVerifierConfig: verifier
      })
    }
    const auth = open(autoPool)
    await auth.signIn({ username: email, password })
    const devices = await auth.fetchDevices()
    expect(devices).toHaveLength(62)
    expect(new Set(devices.map((device) => device.id)).size).toBe(62)
    expect(devices.filter((device) => device.name?.startsWith("device ")).length).toBe(61)
    await auth.dispose()
  }, 60_000)
})

describe("refusals", () => {
  it("rememberDevice and forgetDevice() need device keys (DeviceMetadataNotFoundException)", async () => {
    const email = uniqueEmail("plain")
    await createUser(plainPool, email)
    const auth = open(plainPool)
    await auth.signIn({ username: email, password })
    expect((await rejection(auth.rememberDevice())).name).toBe("DeviceMetadataNotFoundException")
    expect((await rejection(auth.forgetDevice())).name).toBe("DeviceMetadataNotFoundException")
    expect(await auth.fetchDevices()).toEqual([])
    // With an id there is no local check: Cognito answers.
    const error = await rejection(auth.forgetDevice({ device: { id: "us-east-1_00000000-0000-4000-8000-000000000000" } }))
    expect(error.name).toBe("ResourceNotFoundException")
    expect(error.message).toBe("Device does not exist.")
    await auth.dispose()
  })

  it("device operations need a signed-in user", async () => {
    const auth = open(autoPool)
    expect((await rejection(auth.fetchDevices())).name).toBe("UserUnAuthenticatedException")
    expect((await rejection(auth.rememberDevice())).name).toBe("UserUnAuthenticatedException")
    expect((await rejection(auth.forgetDevice({ device: { id: "x_1" } }))).name).toBe("UserUnAuthenticatedException")
    await auth.dispose()
  })
})
