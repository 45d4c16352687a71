import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as AuthConfig from "@cognito-effect/domain/AuthConfig"
import * as PoolIdCheck from "@cognito-effect/domain/PoolIdCheck"
import { type AwsJsonClient, CognitoClient } from "@cognito-effect/domain/services/CognitoClient"
import { IdentityClient } from "@cognito-effect/domain/services/IdentityClient"
import * as GetId from "@cognito-effect/domain/wire/GetId"
import * as GetUser from "@cognito-effect/domain/wire/GetUser"

/** A transport that records what it is asked to send and answers with a fixed body. */
const recording = (sent: Array<string>, answer: unknown): AwsJsonClient => ({
  call: (operation) => Effect.sync(() => (sent.push(operation.name), answer as never))
})

const configured = (cognito: Record<string, unknown>) =>
  Layer.succeed(AuthConfig.AuthConfig, Either.getOrThrow(AuthConfig.parse({ Auth: { Cognito: cognito } })))

const getUser = Effect.flatMap(CognitoClient, (client) => client.call(GetUser.operation, { AccessToken: "token" as never }))
const getId = Effect.flatMap(IdentityClient, (client) => client.call(GetId.operation, { IdentityPoolId: "x" }))

describe("PoolIdCheck", () => {
  it.effect("refuses every user-pool request when userPoolId names no region, before the transport sees it", () =>
    Effect.gen(function* () {
      for (const userPoolId of ["badpool", "_abc"]) {
        const sent: Array<string> = []
        const transport = Layer.succeed(CognitoClient, recording(sent, {}))
        const config = configured({ userPoolId, userPoolClientId: "c", userPoolEndpoint: "http://127.0.0.1:9" })
        const error = yield* getUser.pipe(Effect.provide(PoolIdCheck.userPool(transport).pipe(Layer.provide(config))), Effect.flip)
        assert.strictEqual(error._tag, "InvalidPoolIdError")
        assert.strictEqual(error.amplifyName, "InvalidUserPoolId")
        assert.deepStrictEqual(sent, [])
      }
    }))

  it.effect("passes requests through with a usable id, or without a user pool", () =>
    Effect.gen(function* () {
      const body = { Username: "u", UserAttributes: [] }
      for (const cognito of [{ userPoolId: "eu-west-1_X", userPoolClientId: "c" }, { identityPoolId: "eu-west-1:x" }]) {
        const sent: Array<string> = []
        const transport = Layer.succeed(CognitoClient, recording(sent, body))
        const out = yield* getUser.pipe(Effect.provide(PoolIdCheck.userPool(transport).pipe(Layer.provide(configured(cognito)))))
        assert.deepStrictEqual(out, body)
        assert.deepStrictEqual(sent, ["GetUser"])
      }
    }))

  it.effect("refuses identity-pool requests when identityPoolId has no ':'; passes them with one", () =>
    Effect.gen(function* () {
      const sent: Array<string> = []
      const transport = Layer.succeed(IdentityClient, recording(sent, { IdentityId: "eu-west-1:id" }))
      const bad = PoolIdCheck.identityPool(transport).pipe(Layer.provide(configured({ identityPoolId: "nocolon" })))
      const error = yield* getId.pipe(Effect.provide(bad), Effect.flip)
      assert.strictEqual(error.amplifyName, "InvalidIdentityPoolIdException")
      assert.strictEqual(error.message, "Invalid identity pool id provided.")
      assert.deepStrictEqual(sent, [])
      const good = PoolIdCheck.identityPool(transport).pipe(Layer.provide(configured({ identityPoolId: "eu-west-1:abc" })))
      assert.deepStrictEqual(yield* getId.pipe(Effect.provide(good)), { IdentityId: "eu-west-1:id" })
      assert.deepStrictEqual(sent, ["GetId"])
    }))
})
