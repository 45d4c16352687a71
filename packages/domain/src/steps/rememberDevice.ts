/**
 * `rememberDevice`: marks this device as remembered, so later sign-ins on it can skip MFA.
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
import * as UpdateDeviceStatus from "../wire/UpdateDeviceStatus.js"

/** @since 0.1.0 */
export const rememberDevice = Effect.fn("rememberDevice")(function* () {
  yield* AuthConfig.userPool
  const session = yield* Authenticated.tokens
  const device = yield* (yield* TokenStore).getDeviceMetadata(session.username)
  if (Option.isNone(device)) return yield* new DeviceMetadataNotFoundException()
  yield* (yield* CognitoClient).call(UpdateDeviceStatus.operation, {
    AccessToken: session.accessToken.raw,
    DeviceKey: device.value.deviceKey,
    DeviceRememberedStatus: "remembered"
  })
})
