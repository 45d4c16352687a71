import { assert, describe, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { claimsOf, fails, makePool, makeUser, ok, srpSignIn, TestEmulator, uniqueName } from "../Harness.js"
import * as DeviceClient from "../DeviceClient.js"

const password = "Passw0rd!"

const tracking = (configuration: Record<string, boolean> = { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: true }) =>
  makePool({ DeviceConfiguration: configuration })

/** A fresh user in `pool` signed in once; the tokens and NewDeviceMetadata of that sign-in. */
const signedIn = (pool: { readonly userPoolId: string; readonly clientId: string }, username = uniqueName()) =>
  Effect.gen(function* () {
    yield* makeUser(pool.userPoolId, username, password)
    const answer = yield* srpSignIn({ ...pool, username, password })
    assert.strictEqual(answer.status, 200, JSON.stringify(answer.body))
    return { username, result: answer.body.AuthenticationResult }
  })

/** Signs in and confirms the device the sign-in issued. */
const withDevice = (pool: { readonly userPoolId: string; readonly clientId: string }, username?: string, name?: string) =>
  Effect.gen(function* () {
    const session = yield* signedIn(pool, username)
    const { device, answer } = yield* DeviceClient.confirm({
      accessToken: session.result.AccessToken,
      metadata: session.result.NewDeviceMetadata,
      ...(name !== undefined ? { name } : {})
    })
    return { ...session, device, confirmation: answer }
  })

const attributes = (device: { DeviceAttributes: Array<{ Name: string; Value: string }> }) =>
  Object.fromEntries(device.DeviceAttributes.map((attribute) => [attribute.Name, attribute.Value]))

layer(TestEmulator.layer())("device operations", (it) => {
  describe("NewDeviceMetadata", () => {
    it.effect("a tracking pool issues a device key and the user's group key with the tokens", () =>
      Effect.gen(function* () {
        const pool = yield* tracking()
        const { result } = yield* signedIn(pool)
        const metadata = result.NewDeviceMetadata
        assert.match(metadata.DeviceKey, /^us-east-1_[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
        assert.match(metadata.DeviceGroupKey, /^-[A-Za-z0-9]{9}$/)
        assert.strictEqual(claimsOf(result.AccessToken)["device_key"], metadata.DeviceKey)
      }))

    it.effect("every sign-in gets a new device key; the group key belongs to the user", () =>
      Effect.gen(function* () {
        const pool = yield* tracking()
        const { username, result: first } = yield* signedIn(pool)
        const second = (yield* srpSignIn({ ...pool, username, password })).body.AuthenticationResult
        assert.notStrictEqual(second.NewDeviceMetadata.DeviceKey, first.NewDeviceMetadata.DeviceKey)
        assert.strictEqual(second.NewDeviceMetadata.DeviceGroupKey, first.NewDeviceMetadata.DeviceGroupKey)
        const other = (yield* signedIn(pool)).result
        assert.notStrictEqual(other.NewDeviceMetadata.DeviceGroupKey, first.NewDeviceMetadata.DeviceGroupKey)
      }))

    it.effect("refreshed tokens stay with the device and bring no new one", () =>
      Effect.gen(function* () {
        const pool = yield* tracking()
        const { result } = yield* signedIn(pool)
        const refreshed = yield* ok("GetTokensFromRefreshToken", {
          ClientId: pool.clientId,
          RefreshToken: result.RefreshToken,
          DeviceKey: result.NewDeviceMetadata.DeviceKey
        })
        assert.isUndefined(refreshed.AuthenticationResult.NewDeviceMetadata)
        assert.strictEqual(claimsOf(refreshed.AuthenticationResult.AccessToken)["device_key"], result.NewDeviceMetadata.DeviceKey)
      }))

    it.effect("a pool without DeviceConfiguration issues none and ignores DEVICE_KEY", () =>
      Effect.gen(function* () {
        const pool = yield* makePool()
        const username = uniqueName()
        yield* makeUser(pool.userPoolId, username, password)
        const answer = yield* ok("InitiateAuth", {
          AuthFlow: "USER_PASSWORD_AUTH",
          ClientId: pool.clientId,
          AuthParameters: { USERNAME: username, PASSWORD: password, DEVICE_KEY: "us-east-1_00000000-0000-4000-8000-000000000000" }
        })
        assert.isUndefined(answer.AuthenticationResult.NewDeviceMetadata)
        assert.isUndefined(claimsOf(answer.AuthenticationResult.AccessToken)["device_key"])
      }))
  })

  describe("ConfirmDevice", () => {
    it.effect("stores the device; on user prompt it starts not remembered and says so", () =>
      Effect.gen(function* () {
        const pool = yield* tracking()
        const { result, device, confirmation } = yield* withDevice(pool, undefined, "Firefox on Linux")
        assert.deepStrictEqual(confirmation, { UserConfirmationNecessary: true })
        const listed = yield* ok("ListDevices", { AccessToken: result.AccessToken, Limit: 60 })
        assert.lengthOf(listed.Devices, 1)
        const [entry] = listed.Devices
        assert.strictEqual(entry.DeviceKey, device.key)
        const shown = attributes(entry)
        assert.strictEqual(shown["device_status"], "valid")
        assert.strictEqual(shown["device_name"], "Firefox on Linux")
        assert.strictEqual(shown["dev:device_remembered_status"], "not_remembered")
        assert.strictEqual(shown["last_ip_used"], "127.0.0.1")
        assert.match(shown["dev:device_arn"]!, new RegExp(`:owner/.+\\.${pool.userPoolId}/device/${device.key}$`))
        assert.isNumber(entry.DeviceCreateDate)
        assert.strictEqual(entry.DeviceLastModifiedDate, entry.DeviceCreateDate)
        assert.isUndefined(listed.PaginationToken)
      }))

    it.effect("without the user prompt a confirmed device is remembered at once", () =>
      Effect.gen(function* () {
        const pool = yield* tracking({ ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: false })
        const { result, device, confirmation } = yield* withDevice(pool)
        assert.deepStrictEqual(confirmation, { UserConfirmationNecessary: false })
        const got = yield* ok("GetDevice", { AccessToken: result.AccessToken, DeviceKey: device.key })
        assert.strictEqual(attributes(got.Device)["dev:device_remembered_status"], "remembered")
      }))

    it.effect("only the session the key was issued to may confirm it, and only once", () =>
      Effect.gen(function* () {
        const pool = yield* tracking()
        const first = yield* signedIn(pool)
        const second = yield* signedIn(pool)
        const notMine = yield* fails("ConfirmDevice", {
          AccessToken: second.result.AccessToken,
          DeviceKey: first.result.NewDeviceMetadata.DeviceKey,
          DeviceSecretVerifierConfig: { Salt: "c2FsdA==", PasswordVerifier: "dmVyaWZpZXI=" }
        })
        assert.deepStrictEqual(notMine, ["ResourceNotFoundException", "Device does not exist."])
        yield* DeviceClient.confirm({ accessToken: first.result.AccessToken, metadata: first.result.NewDeviceMetadata })
        const again = yield* fails("ConfirmDevice", {
          AccessToken: first.result.AccessToken,
          DeviceKey: first.result.NewDeviceMetadata.DeviceKey,
          DeviceSecretVerifierConfig: { Salt: "c2FsdA==", PasswordVerifier: "dmVyaWZpZXI=" }
        })
        assert.strictEqual(again[0], "InvalidParameterException")
      }))

    it.effect("refuses a missing or unusable verifier", () =>
      Effect.gen(function* () {
        const pool = yield* tracking()
        const { result } = yield* signedIn(pool)
        const request = { AccessToken: result.AccessToken, DeviceKey: result.NewDeviceMetadata.DeviceKey }
        assert.strictEqual((yield* fails("ConfirmDevice", request))[0], "InvalidParameterException")
        const empty = yield* fails("ConfirmDevice", { ...request, DeviceSecretVerifierConfig: { Salt: "", PasswordVerifier: "" } })
        assert.strictEqual(empty[0], "InvalidParameterException")
        yield* ok("ListDevices", { AccessToken: result.AccessToken }).pipe(
          Effect.tap((listed) => assert.deepStrictEqual(listed.Devices, []))
        )
      }))
  })

  describe("UpdateDeviceStatus, GetDevice, ForgetDevice", () => {
    it.effect("remembers and forgets; a forgotten device does not exist any more", () =>
      Effect.gen(function* () {
        const pool = yield* tracking()
        const { result, device } = yield* withDevice(pool)
        const token = result.AccessToken
        assert.deepStrictEqual(yield* ok("UpdateDeviceStatus", { AccessToken: token, DeviceKey: device.key, DeviceRememberedStatus: "remembered" }), {})
        const got = yield* ok("GetDevice", { AccessToken: token, DeviceKey: device.key })
        assert.strictEqual(attributes(got.Device)["dev:device_remembered_status"], "remembered")
        yield* ok("UpdateDeviceStatus", { AccessToken: token, DeviceKey: device.key, DeviceRememberedStatus: "not_remembered" })
        const back = yield* ok("GetDevice", { AccessToken: token, DeviceKey: device.key })
        assert.strictEqual(attributes(back.Device)["dev:device_remembered_status"], "not_remembered")

        assert.deepStrictEqual(yield* ok("ForgetDevice", { AccessToken: token, DeviceKey: device.key }), {})
        assert.deepStrictEqual((yield* ok("ListDevices", { AccessToken: token })).Devices, [])
        const gone = ["ResourceNotFoundException", "Device does not exist."] as const
        assert.deepStrictEqual(yield* fails("GetDevice", { AccessToken: token, DeviceKey: device.key }), gone)
        assert.deepStrictEqual(yield* fails("ForgetDevice", { AccessToken: token, DeviceKey: device.key }), gone)
      }))

    it.effect("another user's device is out of reach", () =>
      Effect.gen(function* () {
        const pool = yield* tracking()
        const mine = yield* withDevice(pool)
        const theirs = yield* signedIn(pool)
        const gone = ["ResourceNotFoundException", "Device does not exist."] as const
        const request = { AccessToken: theirs.result.AccessToken, DeviceKey: mine.device.key }
        assert.deepStrictEqual(yield* fails("GetDevice", request), gone)
        assert.deepStrictEqual(yield* fails("UpdateDeviceStatus", { ...request, DeviceRememberedStatus: "remembered" }), gone)
        assert.deepStrictEqual(yield* fails("ForgetDevice", request), gone)
        assert.lengthOf((yield* ok("ListDevices", { AccessToken: mine.result.AccessToken })).Devices, 1)
      }))

    it.effect("needs a valid access token", () =>
      Effect.gen(function* () {
        const [type] = yield* fails("ListDevices", { AccessToken: "not.a.token" })
        assert.strictEqual(type, "NotAuthorizedException")
        const [missing] = yield* fails("ForgetDevice", { DeviceKey: "us-east-1_00000000-0000-4000-8000-000000000000" })
        assert.strictEqual(missing, "InvalidParameterException")
      }))
  })

  describe("ListDevices and AdminListDevices", () => {
    it.effect("pages through a user's devices oldest first, each page at most Limit", () =>
      Effect.gen(function* () {
        const pool = yield* tracking()
        const username = uniqueName()
        const first = yield* withDevice(pool, username, "one")
        const emulator = yield* TestEmulator
        const keys = [first.device.key]
        let token = first.result.AccessToken as string
        for (const name of ["two", "three"]) {
          emulator.clock.adjust("1 second")
          const answer = yield* srpSignIn({ ...pool, username, password })
          const result = answer.body.AuthenticationResult
          keys.push((yield* DeviceClient.confirm({ accessToken: result.AccessToken, metadata: result.NewDeviceMetadata, name })).device.key)
          token = result.AccessToken
        }
        const page1 = yield* ok("ListDevices", { AccessToken: token, Limit: 2 })
        assert.deepStrictEqual(page1.Devices.map((d: any) => d.DeviceKey), keys.slice(0, 2))
        assert.isString(page1.PaginationToken)
        const page2 = yield* ok("ListDevices", { AccessToken: token, Limit: 2, PaginationToken: page1.PaginationToken })
        assert.deepStrictEqual(page2.Devices.map((d: any) => d.DeviceKey), keys.slice(2))
        assert.isUndefined(page2.PaginationToken)

        // A device forgotten between pages does not shift the next page.
        yield* ok("ForgetDevice", { AccessToken: token, DeviceKey: keys[0] })
        const after = yield* ok("ListDevices", { AccessToken: token, Limit: 2, PaginationToken: page1.PaginationToken })
        assert.deepStrictEqual(after.Devices.map((d: any) => d.DeviceKey), keys.slice(2))

        const admin = yield* ok("AdminListDevices", { UserPoolId: pool.userPoolId, Username: username, Limit: 1 })
        assert.deepStrictEqual(admin.Devices.map((d: any) => d.DeviceKey), [keys[1]])
        const adminNext = yield* ok("AdminListDevices", { UserPoolId: pool.userPoolId, Username: username, PaginationToken: admin.PaginationToken })
        assert.deepStrictEqual(adminNext.Devices.map((d: any) => d.DeviceKey), [keys[2]])
      }))

    it.effect("refuses a Limit over 60 and a token it did not make", () =>
      Effect.gen(function* () {
        const pool = yield* tracking()
        const { result } = yield* signedIn(pool)
        const [tooMany, message] = yield* fails("ListDevices", { AccessToken: result.AccessToken, Limit: 61 })
        assert.strictEqual(tooMany, "InvalidParameterException")
        assert.include(message, "less than or equal to 60")
        const [badToken] = yield* fails("ListDevices", { AccessToken: result.AccessToken, PaginationToken: "bm90IGEgY3Vyc29y" })
        assert.strictEqual(badToken, "InvalidParameterException")
      }))

    it.effect("AdminListDevices finds users by alias and reports unknown ones", () =>
      Effect.gen(function* () {
        const pool = yield* makePool({ UsernameAttributes: ["email"], DeviceConfiguration: { ChallengeRequiredOnNewDevice: false } })
        const email = `${uniqueName()}@example.com`
        const { device } = yield* withDevice(pool, email)
        const listed = yield* ok("AdminListDevices", { UserPoolId: pool.userPoolId, Username: email })
        assert.deepStrictEqual(listed.Devices.map((d: any) => d.DeviceKey), [device.key])
        assert.strictEqual(attributes(listed.Devices[0])["dev:device_remembered_status"], "remembered")
        const [type] = yield* fails("AdminListDevices", { UserPoolId: pool.userPoolId, Username: "nobody@example.com" })
        assert.strictEqual(type, "UserNotFoundException")
      }))

    it.effect("deleting the user deletes their devices", () =>
      Effect.gen(function* () {
        const pool = yield* tracking()
        const { username, device } = yield* withDevice(pool)
        const emulator = yield* TestEmulator
        assert.isTrue(emulator.emulator.store.devices.has(device.key))
        yield* ok("AdminDeleteUser", { UserPoolId: pool.userPoolId, Username: username })
        assert.isFalse(emulator.emulator.store.devices.has(device.key))
      }))
  })
})
