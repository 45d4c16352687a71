/**
 * `forgetDevice`: forgets a device of the user — this one (and its local keys) when no id is
 * given, or the device with `device.id`.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { DeviceMetadataNotFoundException } from "../AuthError.js"
import * as AuthConfig from "../AuthConfig.js"
import * as Authenticated from "../Authenticated.js"
import { CognitoClient } from "../services/CognitoClient.js"
import { TokenStore } from "../services/TokenStore.js"
import * as ForgetDevice from "../wire/ForgetDevice.js"

/** @since 0.1.0 */
export interface ForgetDeviceInput {
  readonly device?: { readonly id: string }
}

/** @since 0.1.0 */
export const forgetDevice = Effect.fn("forgetDevice")(function* (input?: ForgetDeviceInput) {
  yield* AuthConfig.userPool
  const session = yield* Authenticated.tokens
  const store = yield* TokenStore
  const current = yield* store.getDeviceMetadata(session.username)
  const currentKey = Option.map(current, (device) => device.deviceKey)
  const deviceKey = input?.device?.id ?? Option.getOrUndefined(currentKey)
  if (deviceKey === undefined) return yield* new DeviceMetadataNotFoundException()
  yield* (yield* CognitoClient).call(ForgetDevice.operation, { AccessToken: session.accessToken.raw, DeviceKey: deviceKey })
  if (Option.contains(currentKey, deviceKey)) yield* store.clearDeviceMetadata(session.username)
})
