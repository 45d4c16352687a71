import { assert, describe, it } from "@effect/vitest"
import * as Redacted from "effect/Redacted"
import * as Devices from "../src/Devices.js"
import * as Store from "../src/Store.js"

const pool = (DeviceConfiguration?: { ChallengeRequiredOnNewDevice?: boolean; DeviceOnlyRememberedOnUserPrompt?: boolean }): Store.Pool => ({
  id: "eu-west-1_Dev1ces9x",
  createdAt: 0,
  modifiedAt: 0,
  settings: { PoolName: "devices", ...(DeviceConfiguration !== undefined ? { DeviceConfiguration } : {}) },
  schema: [],
  signingKey: { kid: "k1", privateJwk: Redacted.make({}) },
  decoySecret: Redacted.make("pool-secret")
})

const user = (sub: string): Store.User => Store.newUser({ username: sub, attributes: { sub }, status: "CONFIRMED", now: 0 })

const device: Store.Device = {
  key: "eu-west-1_5b0f4c1e-8d2a-4f6b-9c3e-7a1d2e3f4b5c",
  groupKey: "-Zq3Lm8Pw1",
  poolId: "eu-west-1_Dev1ces9x",
  username: "ada",
  verifierConfig: { Salt: "AKq1kQ==", PasswordVerifier: "Ag==" },
  name: "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0",
  status: "remembered",
  createdAt: 1_715_100_742_022,
  modifiedAt: 1_723_233_651_167,
  lastAuthenticatedAt: 1_715_100_742_000,
  lastIp: "192.0.2.1"
}

describe("Devices", () => {
  it("a pool tracks devices once any DeviceConfiguration member is set", () => {
    assert.isFalse(Devices.tracks(pool()))
    assert.isFalse(Devices.tracks(pool({})))
    assert.isTrue(Devices.tracks(pool({ ChallengeRequiredOnNewDevice: false })))
    assert.isTrue(Devices.tracks(pool({ DeviceOnlyRememberedOnUserPrompt: false })))
  })

  it("a device stands in for MFA only when remembered and the pool asks for a challenge on new devices", () => {
    assert.isTrue(Devices.standsInForMfa(pool({ ChallengeRequiredOnNewDevice: true }), device))
    assert.isFalse(Devices.standsInForMfa(pool({ ChallengeRequiredOnNewDevice: true }), { ...device, status: "not_remembered" }))
    assert.isFalse(Devices.standsInForMfa(pool({ ChallengeRequiredOnNewDevice: false }), device))
    assert.isFalse(Devices.standsInForMfa(pool({ DeviceOnlyRememberedOnUserPrompt: true }), device))
    assert.isTrue(Devices.replacesMfa({ passed: ["PASSWORD", Devices.authenticated, Devices.rememberedFactor] }))
    assert.isFalse(Devices.replacesMfa({ passed: ["PASSWORD", Devices.authenticated] }))
  })

  it("the group key is Cognito-shaped, stable per user and differs between users", () => {
    const ada = Devices.groupKey(pool(), user("a3f1c2d4-0000-4000-8000-000000000001"))
    assert.match(ada, /^-[A-Za-z0-9]{9}$/)
    assert.strictEqual(Devices.groupKey(pool(), user("a3f1c2d4-0000-4000-8000-000000000001")), ada)
    assert.notStrictEqual(Devices.groupKey(pool(), user("a3f1c2d4-0000-4000-8000-000000000002")), ada)
  })

  it("describes a device as ListDevices shows it", () => {
    assert.deepStrictEqual(Devices.describe(device), {
      DeviceKey: device.key,
      DeviceAttributes: [
        { Name: "device_status", Value: "valid" },
        { Name: "device_name", Value: "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0" },
        {
          Name: "dev:device_arn",
          Value: `arn:aws:cognito-idp:eu-west-1:000000000000:owner/ada.eu-west-1_Dev1ces9x/device/${device.key}`
        },
        { Name: "dev:device_owner", Value: "ada.eu-west-1_Dev1ces9x" },
        { Name: "last_ip_used", Value: "192.0.2.1" },
        { Name: "dev:device_remembered_status", Value: "remembered" }
      ],
      DeviceCreateDate: new Date(1_715_100_742_022),
      DeviceLastModifiedDate: new Date(1_723_233_651_167),
      DeviceLastAuthenticatedDate: new Date(1_715_100_742_000)
    })
    const { name: _name, lastIp: _ip, ...bare } = device
    const names = Devices.describe(bare).DeviceAttributes!.map((attribute) => attribute.Name)
    assert.deepStrictEqual(names, ["device_status", "dev:device_arn", "dev:device_owner", "dev:device_remembered_status"])
  })

  it("devices survive a --data snapshot, and snapshots from before devices still load", () => {
    const store = new Store.Store()
    store.putDevice(device)
    const text = Store.encodeSnapshot(store.toSnapshot())
    const restored = new Store.Store()
    restored.load(Store.decodeSnapshot(text))
    assert.deepStrictEqual(restored.devices.get(device.key), device)

    const older = JSON.stringify({ version: 1, pools: [], origins: [], refreshTokens: [] })
    const fresh = new Store.Store()
    fresh.load(Store.decodeSnapshot(older))
    assert.strictEqual(fresh.devices.size, 0)
  })

  it("forgetting a device that is not there changes nothing", () => {
    const store = new Store.Store()
    let changes = 0
    store.onChange(() => changes++)
    store.deleteDevice(device.key)
    assert.strictEqual(changes, 0)
    store.putDevice(device)
    store.deleteDevice(device.key)
    assert.strictEqual(changes, 2)
    assert.isFalse(store.devices.has(device.key))
  })
})
