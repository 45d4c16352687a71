/**
 * Device operations: ConfirmDevice (after a sign-in that returned `NewDeviceMetadata`; keeps the
 * SRP verifier and salt), UpdateDeviceStatus, ListDevices, GetDevice, ForgetDevice and the
 * admin's AdminListDevices. Users reach only their own devices; anyone else's key, or an unknown
 * one, is "Device does not exist.".
 *
 * @since 0.1.0
 */
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Redacted from "effect/Redacted"
import * as Srp from "@cognito-effect/domain/Srp"
import * as AdminListDevices from "@cognito-effect/domain/wire/AdminListDevices"
import * as ConfirmDevice from "@cognito-effect/domain/wire/ConfirmDevice"
import * as ForgetDevice from "@cognito-effect/domain/wire/ForgetDevice"
import * as GetDevice from "@cognito-effect/domain/wire/GetDevice"
import * as ListDevices from "@cognito-effect/domain/wire/ListDevices"
import type * as Shapes from "@cognito-effect/domain/wire/Shapes"
import * as UpdateDeviceStatus from "@cognito-effect/domain/wire/UpdateDeviceStatus"
import { Backend } from "../Backend.js"
import * as CognitoException from "../CognitoException.js"
import * as Devices from "../Devices.js"
import * as Handler from "../Handler.js"
import * as SourceIp from "../SourceIp.js"
import type * as Store from "../Store.js"
import * as Tokens from "../Tokens.js"
import * as Users from "../Users.js"
import { poolState } from "./UserPools.js"

const requireAccessToken = (token: Redacted.Redacted<string> | undefined) =>
  token === undefined
    ? Effect.fail(CognitoException.invalidParameter("Missing required parameter AccessToken"))
    : Tokens.authenticate(token)

/**
 * ConfirmDevice: only the session the device key was issued to (or that signed in with it) may
 * confirm it, once. With `DeviceOnlyRememberedOnUserPrompt` the device starts `not_remembered` and
 * the answer says the user must be asked (UpdateDeviceStatus); otherwise it is remembered at once.
 * @since 0.1.0
 */
export const confirmDevice = Handler.make(
  ConfirmDevice.operation,
  Effect.fn("ConfirmDevice")(function* (request) {
    const backend = yield* Backend
    const caller = yield* Tokens.authenticate(request.AccessToken)
    if (caller.origin.deviceKey !== request.DeviceKey) return yield* Effect.fail(Devices.gone())
    if (backend.store.devices.has(request.DeviceKey)) {
      return yield* Effect.fail(CognitoException.invalidParameter("Device has already been confirmed."))
    }
    const salt = request.DeviceSecretVerifierConfig?.Salt
    const verifier = request.DeviceSecretVerifierConfig?.PasswordVerifier
    if (salt === undefined || verifier === undefined) {
      return yield* Effect.fail(CognitoException.invalidParameter("DeviceSecretVerifierConfig needs a Salt and a PasswordVerifier."))
    }
    const verifierConfig = { Salt: salt, PasswordVerifier: Redacted.value(verifier) }
    if (Either.isLeft(Srp.decodeDeviceVerifierConfig(verifierConfig))) {
      return yield* Effect.fail(CognitoException.invalidParameter("DeviceSecretVerifierConfig is not a valid SRP verifier."))
    }
    const now = yield* Clock.currentTimeMillis
    const ip = yield* SourceIp.get
    const onPrompt = Devices.rememberedOnPrompt(caller.state.pool)
    backend.store.putDevice({
      key: request.DeviceKey,
      groupKey: Devices.groupKey(caller.state.pool, caller.user),
      poolId: caller.state.pool.id,
      username: caller.user.username,
      verifierConfig,
      ...(request.DeviceName !== undefined ? { name: request.DeviceName } : {}),
      status: onPrompt ? "not_remembered" : "remembered",
      createdAt: now,
      modifiedAt: now,
      lastAuthenticatedAt: now,
      ...(ip !== undefined ? { lastIp: ip } : {})
    })
    return { UserConfirmationNecessary: onPrompt }
  }),
  { replayable: true }
)

/** UpdateDeviceStatus: `remembered` or `not_remembered` (absent: no change). @since 0.1.0 */
export const updateDeviceStatus = Handler.make(
  UpdateDeviceStatus.operation,
  Effect.fn("UpdateDeviceStatus")(function* (request) {
    const backend = yield* Backend
    const caller = yield* Tokens.authenticate(request.AccessToken)
    const device = yield* Devices.own(caller.state, caller.user, request.DeviceKey)
    if (request.DeviceRememberedStatus !== undefined) {
      const now = yield* Clock.currentTimeMillis
      backend.store.putDevice({ ...device, status: request.DeviceRememberedStatus, modifiedAt: now })
    }
    return {}
  })
)

const maxLimit = 60

/** A cursor after the last device of a page: `[createdAt, key]`, base64url JSON. */
const encodeCursor = (device: Store.Device): string => Buffer.from(JSON.stringify([device.createdAt, device.key])).toString("base64url")

const decodeCursor = (token: string): readonly [number, string] | undefined => {
  try {
    const value: unknown = JSON.parse(Buffer.from(token, "base64url").toString("utf8"))
    return Array.isArray(value) && value.length === 2 && typeof value[0] === "number" && typeof value[1] === "string"
      ? [value[0], value[1]]
      : undefined
  } catch {
    return undefined
  }
}

/**
 * One page of a user's devices, oldest first, at most `Limit` (1–60; absent or 0 means 60).
 * The token names the last device given, so deleting devices between pages skips nobody.
 * @since 0.1.0
 */
export const page = (devices: ReadonlyArray<Store.Device>, limit: number | undefined, token: string | undefined) =>
  Effect.gen(function* () {
    const size = limit === undefined || limit === 0 ? maxLimit : limit
    if (!Number.isInteger(size) || size < 0 || size > maxLimit) {
      return yield* Effect.fail(
        CognitoException.invalidParameter(
          `1 validation error detected: Value '${limit}' at 'limit' failed to satisfy constraint: Member must have value less than or equal to ${maxLimit}`
        )
      )
    }
    const cursor = token === undefined ? undefined : decodeCursor(token)
    if (token !== undefined && cursor === undefined) return yield* Effect.fail(CognitoException.invalidParameter("Invalid pagination token."))
    const rest =
      cursor === undefined
        ? devices
        : devices.filter((device) => device.createdAt > cursor[0] || (device.createdAt === cursor[0] && device.key.localeCompare(cursor[1]) > 0))
    const shown = rest.slice(0, size)
    const last = shown.at(-1)
    const output: { Devices: Array<Shapes.DeviceType>; PaginationToken?: string } = { Devices: shown.map(Devices.describe) }
    if (rest.length > size && last !== undefined) output.PaginationToken = encodeCursor(last)
    return output
  })

/** @since 0.1.0 */
export const listDevices = Handler.make(
  ListDevices.operation,
  Effect.fn("ListDevices")(function* (request) {
    const backend = yield* Backend
    const caller = yield* Tokens.authenticate(request.AccessToken)
    return yield* page(Devices.ofUser(backend.store, caller.state, caller.user), request.Limit, request.PaginationToken)
  })
)

/** @since 0.1.0 */
export const getDevice = Handler.make(
  GetDevice.operation,
  Effect.fn("GetDevice")(function* (request) {
    const caller = yield* requireAccessToken(request.AccessToken)
    const device = yield* Devices.own(caller.state, caller.user, request.DeviceKey)
    return { Device: Devices.describe(device) }
  })
)

/** ForgetDevice: the device is gone; its next DEVICE_KEY is "Device does not exist.". @since 0.1.0 */
export const forgetDevice = Handler.make(
  ForgetDevice.operation,
  Effect.fn("ForgetDevice")(function* (request) {
    const backend = yield* Backend
    const caller = yield* requireAccessToken(request.AccessToken)
    const device = yield* Devices.own(caller.state, caller.user, request.DeviceKey)
    backend.store.deleteDevice(device.key)
    return {}
  })
)

/** @since 0.1.0 */
export const adminListDevices = Handler.make(
  AdminListDevices.operation,
  Effect.fn("AdminListDevices")(function* (request) {
    const backend = yield* Backend
    const state = yield* poolState(request.UserPoolId)
    const user = yield* Users.lookup(state, request.Username)
    return yield* page(Devices.ofUser(backend.store, state, user), request.Limit, request.PaginationToken)
  })
)

/** @since 0.1.0 */
export const handlers: ReadonlyArray<Handler.Any> = [
  confirmDevice,
  updateDeviceStatus,
  listDevices,
  getDevice,
  forgetDevice,
  adminListDevices
]
