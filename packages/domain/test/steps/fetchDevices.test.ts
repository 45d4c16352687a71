import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { UserUnAuthenticatedException } from "@cognito-effect/domain/AuthError"
import { fetchDevices } from "@cognito-effect/domain/steps/fetchDevices"
import * as TestLayer from "./TestLayer.js"

const laptop = {
  DeviceKey: "us-east-1_5b0f4c1e-8d2a-4f6b-9c3e-7a1d2e3f4b5c",
  DeviceAttributes: [
    { Name: "device_status", Value: "valid" },
    { Name: "device_name", Value: "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0" },
    { Name: "last_ip_used", Value: "192.0.2.1" },
    { Name: "dev:device_remembered_status", Value: "remembered" }
  ],
  DeviceCreateDate: 1715100742.022,
  DeviceLastAuthenticatedDate: 1715100742,
  DeviceLastModifiedDate: 1723233651.167
}
const phone = {
  DeviceKey: "us-east-1_0b9a8c7d-6e5f-4a3b-9c2d-1e0f9a8b7c6d",
  DeviceAttributes: [{ Name: "device_status", Value: "valid" }],
  DeviceCreateDate: 1715100800
}

describe("fetchDevices", () => {
  it.effect("reads every page with Limit 60, dates as Date, attributes as a record, name from device_name", () =>
    Effect.gen(function* () {
      const devices = yield* fetchDevices()
      assert.deepStrictEqual(devices, [
        {
          id: laptop.DeviceKey,
          name: "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0",
          attributes: {
            device_status: "valid",
            device_name: "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0",
            last_ip_used: "192.0.2.1",
            "dev:device_remembered_status": "remembered"
          },
          createDate: new Date(1715100742022),
          lastAuthenticatedDate: new Date(1715100742000),
          lastModifiedDate: new Date(1723233651167)
        },
        { id: phone.DeviceKey, attributes: { device_status: "valid" }, createDate: new Date(1715100800000) }
      ])
      const sent = (yield* TestLayer.requests).map((request) => request.body)
      assert.deepStrictEqual(sent, [
        { AccessToken: TestLayer.accessTokenString(), Limit: 60 },
        { AccessToken: TestLayer.accessTokenString(), Limit: 60, PaginationToken: "WzE3MTUxMDA3NDIwMjIsInVzLWVhc3QtMSJd" }
      ])
    }).pipe(
      Effect.provide(
        TestLayer.layer({
          replies: {
            ListDevices: [
              TestLayer.ok({ Devices: [laptop], PaginationToken: "WzE3MTUxMDA3NDIwMjIsInVzLWVhc3QtMSJd" }),
              TestLayer.ok({ Devices: [phone] })
            ]
          }
        })
      )
    ))

  it.effect("an answer without Devices is an empty list", () =>
    Effect.gen(function* () {
      assert.deepStrictEqual(yield* fetchDevices(), [])
    }).pipe(Effect.provide(TestLayer.layer({ replies: { ListDevices: TestLayer.ok({}) } }))))

  it.effect("needs a signed-in user, and then sends nothing", () =>
    Effect.gen(function* () {
      assert.instanceOf(yield* Effect.flip(fetchDevices()), UserUnAuthenticatedException)
      assert.deepStrictEqual(yield* TestLayer.requests, [])
    }).pipe(Effect.provide(TestLayer.layer({ session: null }))))
})
