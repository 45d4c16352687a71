/**
 * Remembered devices, the emulator's side: whether a pool tracks devices (any member of its
 * `DeviceConfiguration`), the keys a sign-in hands out as `NewDeviceMetadata`, the devices users
 * confirmed, and how a device looks on the wire (`DeviceType`).
 *
 * A device key the client names (`DEVICE_KEY`) must be one of the user's confirmed devices, or
 * the sign-in fails with "Device does not exist." (Amplify then drops its keys and signs in
 * afresh). Such a device proves itself with DEVICE_SRP_AUTH; when it is remembered and the pool
 * sets `ChallengeRequiredOnNewDevice`, that proof stands in for MFA.
 *
 * @since 0.1.0
 */
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import type { SecureRandom } from "@cognito-effect/domain/services/SecureRandom"
import type * as Shapes from "@cognito-effect/domain/wire/Shapes"
import { Backend } from "./Backend.js"
import * as CognitoException from "./CognitoException.js"
import * as Ids from "./Ids.js"
import type * as SignIn from "./SignIn.js"
import * as SourceIp from "./SourceIp.js"
import type * as Store from "./Store.js"

/** The factor a device adds to `Attempt.passed` once its DEVICE_PASSWORD_VERIFIER checks out. @since 0.1.0 */
export const authenticated = "DEVICE_SRP_AUTH"

/** Added besides `authenticated` when the device may replace MFA (see `standsInForMfa`). @since 0.1.0 */
export const rememberedFactor = "REMEMBERED_DEVICE"

/** Whether the pool tracks devices: any `DeviceConfiguration` member set. @since 0.1.0 */
export const tracks = (pool: Store.Pool): boolean => {
  const configuration = pool.settings.DeviceConfiguration
  return configuration?.ChallengeRequiredOnNewDevice !== undefined || configuration?.DeviceOnlyRememberedOnUserPrompt !== undefined
}

/** Whether a confirmed device waits for the user's choice (UpdateDeviceStatus) to be remembered. @since 0.1.0 */
export const rememberedOnPrompt = (pool: Store.Pool): boolean =>
  pool.settings.DeviceConfiguration?.DeviceOnlyRememberedOnUserPrompt === true

/** A remembered device replaces SMS, TOTP and e-mail MFA only when the pool says so. @since 0.1.0 */
export const standsInForMfa = (pool: Store.Pool, device: Store.Device): boolean =>
  pool.settings.DeviceConfiguration?.ChallengeRequiredOnNewDevice === true && device.status === "remembered"

/** For the MFA stage: the sign-in came from a remembered device, so no MFA challenge is due. @since 0.1.0 */
export const replacesMfa = (attempt: Pick<SignIn.Attempt, "passed">): boolean => attempt.passed.includes(rememberedFactor)

/** Cognito's answer for a device key it does not know; Amplify matches on the message. @since 0.1.0 */
export const gone = () => CognitoException.resourceNotFound("Device does not exist.")

/** The user's confirmed device with this key. @since 0.1.0 */
export const find = (store: Store.Store, state: Store.PoolState, user: Store.User, key: string): Store.Device | undefined => {
  const device = store.devices.get(key)
  return device !== undefined && device.poolId === state.pool.id && device.username === user.username ? device : undefined
}

/** The user's confirmed device with this key, or "Device does not exist.". @since 0.1.0 */
export const own = (state: Store.PoolState, user: Store.User, key: string) =>
  Effect.flatMap(Backend, (backend) => {
    const device = find(backend.store, state, user, key)
    return device === undefined ? Effect.fail(gone()) : Effect.succeed(device)
  })

/** The user's confirmed devices, oldest first. @since 0.1.0 */
export const ofUser = (store: Store.Store, state: Store.PoolState, user: Store.User): Array<Store.Device> =>
  [...store.devices.values()]
    .filter((device) => device.poolId === state.pool.id && device.username === user.username)
    .sort((a, b) => a.createdAt - b.createdAt || a.key.localeCompare(b.key))

const groupAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

/**
 * The user's device group key, `-` and nine alphanumerics like Cognito's: one per user, derived
 * from the pool's secret so nothing needs storing until a device is confirmed.
 * @since 0.1.0
 */
export const groupKey = (pool: Store.Pool, user: Store.User): string => {
  const digest = Ids.keyed(Redacted.value(pool.decoySecret), "device-group", user.attributes["sub"] ?? user.username)
  let key = "-"
  for (let i = 0; i < 9; i++) key += groupAlphabet[digest[i]! % groupAlphabet.length]
  return key
}

/** A new device key, `<region>_<uuid>` as Cognito makes them. @since 0.1.0 */
export const newKey = (pool: Store.Pool): Effect.Effect<string, never, SecureRandom> =>
  Effect.map(Ids.uuid, (uuid) => `${pool.id.split("_")[0] ?? "us-east-1"}_${uuid}`)

/** What a completed sign-in owes to device tracking. @since 0.1.0 */
export interface AtSignIn {
  /** the device the token family belongs to (the access token's `device_key`) */
  readonly origin: { readonly deviceKey?: string }
  /** `NewDeviceMetadata` for a sign-in that did not come from a known device */
  readonly result: { readonly NewDeviceMetadata?: typeof Shapes.NewDeviceMetadata.Type }
}

/**
 * Called by the completion path: a device that proved itself is stamped with the time and
 * address of this sign-in; any other sign-in in a tracking pool gets a new device key.
 * @since 0.1.0
 */
export const atSignIn = (attempt: SignIn.Attempt): Effect.Effect<AtSignIn, never, Backend | SecureRandom> =>
  Effect.gen(function* () {
    if (!tracks(attempt.state.pool)) return { origin: {}, result: {} }
    const backend = yield* Backend
    if (attempt.deviceKey !== undefined && attempt.passed.includes(authenticated)) {
      const device = find(backend.store, attempt.state, attempt.user, attempt.deviceKey)
      if (device !== undefined) {
        const now = yield* Clock.currentTimeMillis
        const ip = yield* SourceIp.get
        backend.store.putDevice({ ...device, lastAuthenticatedAt: now, ...(ip !== undefined ? { lastIp: ip } : {}) })
      }
      return { origin: { deviceKey: attempt.deviceKey }, result: {} }
    }
    const key = yield* newKey(attempt.state.pool)
    return {
      origin: { deviceKey: key },
      result: { NewDeviceMetadata: { DeviceKey: key, DeviceGroupKey: groupKey(attempt.state.pool, attempt.user) } }
    }
  })

/** A device as ListDevices, GetDevice and AdminListDevices show it. @since 0.1.0 */
export const describe = (device: Store.Device): Shapes.DeviceType => {
  const region = device.poolId.split("_")[0] ?? "us-east-1"
  const owner = `${device.username}.${device.poolId}`
  const attributes: Array<Shapes.AttributeType> = [
    { Name: "device_status", Value: "valid" },
    ...(device.name !== undefined ? [{ Name: "device_name", Value: device.name }] : []),
    { Name: "dev:device_arn", Value: `arn:aws:cognito-idp:${region}:000000000000:owner/${owner}/device/${device.key}` },
    { Name: "dev:device_owner", Value: owner },
    ...(device.lastIp !== undefined ? [{ Name: "last_ip_used", Value: device.lastIp }] : []),
    { Name: "dev:device_remembered_status", Value: device.status }
  ]
  return {
    DeviceKey: device.key,
    DeviceAttributes: attributes,
    DeviceCreateDate: new Date(device.createdAt),
    DeviceLastModifiedDate: new Date(device.modifiedAt),
    DeviceLastAuthenticatedDate: new Date(device.lastAuthenticatedAt)
  }
}
