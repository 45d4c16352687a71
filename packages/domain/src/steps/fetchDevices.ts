/**
 * `fetchDevices`: the user's devices, every page (Amplify reads only the first 60), with dates as
 * `Date` and attributes as a record; `name` is the `device_name` attribute.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as AuthConfig from "../AuthConfig.js"
import * as Authenticated from "../Authenticated.js"
import { CognitoClient } from "../services/CognitoClient.js"
import * as ListDevices from "../wire/ListDevices.js"
import * as Shapes from "../wire/Shapes.js"

/** Amplify's `AWSAuthDevice`. @since 0.1.0 */
export interface AWSAuthDevice {
  readonly id: string
  readonly name?: string
  readonly attributes: Readonly<Record<string, string>>
  readonly createDate?: Date
  readonly lastAuthenticatedDate?: Date
  readonly lastModifiedDate?: Date
}

/** The most Cognito returns per page. @since 0.1.0 */
export const pageSize = 60

/** @since 0.1.0 */
export const toDevice = (device: Shapes.DeviceType): AWSAuthDevice => {
  const attributes = Shapes.attributesToRecord(device.DeviceAttributes ?? [])
  const name = attributes["device_name"]
  return {
    id: device.DeviceKey ?? "",
    attributes,
    ...(name === undefined ? {} : { name }),
    ...(device.DeviceCreateDate === undefined ? {} : { createDate: device.DeviceCreateDate }),
    ...(device.DeviceLastAuthenticatedDate === undefined ? {} : { lastAuthenticatedDate: device.DeviceLastAuthenticatedDate }),
    ...(device.DeviceLastModifiedDate === undefined ? {} : { lastModifiedDate: device.DeviceLastModifiedDate })
  }
}

/** @since 0.1.0 */
export const fetchDevices = Effect.fn("fetchDevices")(function* () {
  yield* AuthConfig.userPool
  const accessToken = yield* Authenticated.accessToken
  const client = yield* CognitoClient
  const devices: Array<AWSAuthDevice> = []
  let paginationToken: string | undefined
  do {
    const page = yield* client.call(ListDevices.operation, {
      AccessToken: accessToken,
      Limit: pageSize,
      ...(paginationToken === undefined ? {} : { PaginationToken: paginationToken })
    })
    devices.push(...(page.Devices ?? []).map(toDevice))
    paginationToken = page.PaginationToken
  } while (paginationToken !== undefined)
  return devices
})
