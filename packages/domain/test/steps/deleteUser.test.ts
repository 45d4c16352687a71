import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { AuthConfigError, CognitoServiceError, UserUnAuthenticatedException } from "@cognito-effect/domain/AuthError"
import { TokenStore } from "@cognito-effect/domain/services/TokenStore"
import { deleteUser } from "@cognito-effect/domain/steps/deleteUser"
import * as TestLayer from "./TestLayer.js"

const otherDevice = { ...TestLayer.device, deviceKey: "us-east-1_0b9a8c7d-6e5f-4a3b-9c2d-1e0f9a8b7c6d" }

describe("deleteUser", () => {
  it.effect("deletes the user, forgets their device keys, revokes and clears the session, publishes signedOut", () =>
    Effect.gen(function* () {
      const output = yield* deleteUser()
      assert.isUndefined(output)
      const sent = yield* TestLayer.requests
      assert.deepStrictEqual(sent.map((r) => r.operation), ["DeleteUser", "RevokeToken"])
      assert.deepStrictEqual(sent[0]!.body, { AccessToken: TestLayer.accessTokenString({ revocable: true }) })
      assert.deepStrictEqual(sent[1]!.body, { ClientId: TestLayer.clientId, Token: TestLayer.refreshTokenString })
      const store = yield* TokenStore
      assert.isTrue(Option.isNone(yield* store.load))
      assert.isTrue(Option.isNone(yield* store.getDeviceMetadata(TestLayer.username)))
      assert.isTrue(Option.isSome(yield* store.getDeviceMetadata("bob")), "another user's device keys stay")
      assert.deepStrictEqual(yield* TestLayer.events, [{ event: "signedOut" }])
    }).pipe(
      Effect.provide(
        TestLayer.layer({
          session: TestLayer.session({ revocable: true }),
          devices: { [TestLayer.username]: TestLayer.device, bob: otherDevice },
          // After DeleteUser the refresh token is already dead; signOut ignores the refusal.
          replies: {
            DeleteUser: TestLayer.ok(),
            RevokeToken: TestLayer.serviceError("NotAuthorizedException", "User does not exist.")
          }
        })
      )
    ))

  it.effect("forgets the device keys stored under the session's username (the alias signed in with)", () =>
    Effect.gen(function* () {
      yield* deleteUser()
      const store = yield* TokenStore
      assert.isTrue(Option.isNone(yield* store.getDeviceMetadata("alice@example.com")))
    }).pipe(
      Effect.provide(
        TestLayer.layer({
          session: TestLayer.session({ cognitoUsername: TestLayer.sub, storedUsername: "alice@example.com" }),
          devices: { "alice@example.com": TestLayer.device },
          replies: { DeleteUser: TestLayer.ok() }
        })
      )
    ))

  it.effect("accepts DeleteUser's empty body and signs out without RevokeToken for a session without origin_jti", () =>
    Effect.gen(function* () {
      yield* deleteUser()
      assert.deepStrictEqual(yield* TestLayer.operations, ["DeleteUser"])
      assert.isTrue(Option.isNone(yield* (yield* TokenStore).load))
      assert.deepStrictEqual(yield* TestLayer.events, [{ event: "signedOut" }])
    }).pipe(
      Effect.provide(
        TestLayer.layer({ replies: { DeleteUser: { status: 200, headers: { "content-type": "application/x-amz-json-1.1" }, body: "" } } })
      )
    ))

  it.effect("keeps the session, the device keys and publishes nothing when Cognito refuses", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(deleteUser())
      assert.instanceOf(error, CognitoServiceError)
      assert.strictEqual(error.amplifyName, "NotAuthorizedException")
      const store = yield* TokenStore
      assert.isTrue(Option.isSome(yield* store.load))
      assert.isTrue(Option.isSome(yield* store.getDeviceMetadata(TestLayer.username)))
      assert.deepStrictEqual(yield* TestLayer.events, [])
    }).pipe(
      Effect.provide(
        TestLayer.layer({
          devices: { [TestLayer.username]: TestLayer.device },
          replies: { DeleteUser: TestLayer.serviceError("NotAuthorizedException", "Access Token has been revoked") }
        })
      )
    ))

  it.effect("needs a session, and then neither requests nor publishes", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(deleteUser())
      assert.instanceOf(error, UserUnAuthenticatedException)
      assert.deepStrictEqual(yield* TestLayer.requests, [])
      assert.deepStrictEqual(yield* TestLayer.events, [])
    }).pipe(Effect.provide(TestLayer.layer({ session: null }))))

  it.effect("reports the missing configuration first", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(deleteUser())
      assert.instanceOf(error, AuthConfigError)
    }).pipe(Effect.provide(TestLayer.layer({ config: {}, session: null }))))
})
