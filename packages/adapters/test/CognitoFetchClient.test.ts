import { assert, describe, it } from "@effect/vitest"
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as Schedule from "effect/Schedule"
import { AuthConfig, type ResolvedAuthConfig } from "@cognito-effect/domain/AuthConfig"
import { CognitoClient } from "@cognito-effect/domain/services/CognitoClient"
import { IdentityClient } from "@cognito-effect/domain/services/IdentityClient"
import * as GetId from "@cognito-effect/domain/wire/GetId"
import * as GlobalSignOut from "@cognito-effect/domain/wire/GlobalSignOut"
import * as ClockSkew from "@cognito-effect/adapters/ClockSkew"
import * as CognitoFetchClient from "@cognito-effect/adapters/CognitoFetchClient"
import { failureOf, transportContract } from "./utils/transportContract.js"
import * as WireServer from "./utils/WireServer.js"

const fast = { schedule: Schedule.spaced("5 millis"), timeout: "5 seconds" } as const
const accessToken = Redacted.make("eyJraWQiOiJrMSJ9.eyJzdWIiOiJ1MSJ9.c2ln")

const config = (userPoolEndpoint?: string, identityPoolEndpoint?: string): ResolvedAuthConfig => ({
  ...(userPoolEndpoint !== undefined
    ? {
      userPool: {
        userPoolId: "us-east-1_LocalPool1",
        userPoolClientId: "localclient123",
        region: "us-east-1",
        poolName: "LocalPool1",
        endpoint: userPoolEndpoint,
        endpointOverridden: true,
        signUpVerificationMethod: "code"
      }
    }
    : {}),
  ...(identityPoolEndpoint !== undefined
    ? {
      identityPool: {
        identityPoolId: "us-east-1:00000000-0000-4000-8000-000000000000",
        region: "us-east-1",
        endpoint: identityPoolEndpoint,
        allowGuestAccess: true
      }
    }
    : {})
})

describe("CognitoFetchClient", () => {
  transportContract((endpoint, options) => CognitoFetchClient.make(endpoint, options))

  it.scopedLive("calls fetch as Amplify does: no-store, same-origin, with an abort signal", () =>
    Effect.gen(function* () {
      const server = yield* WireServer.make(() => WireServer.ok({}))
      const inits: Array<RequestInit | undefined> = []
      const client = yield* CognitoFetchClient.make(server.url, {
        fetch: (input, init) => {
          inits.push(init)
          return globalThis.fetch(input, init)
        }
      })
      yield* client.call(GlobalSignOut.operation, { AccessToken: accessToken })
      assert.strictEqual(inits.length, 1)
      assert.strictEqual(inits[0]?.method, "POST")
      assert.strictEqual(inits[0]?.cache, "no-store")
      assert.strictEqual(inits[0]?.credentials, "same-origin")
      assert.instanceOf(inits[0]?.signal, AbortSignal)
      assert.strictEqual((yield* server.requests).length, 1)
    }))

  it.live("turns a throwing fetch into a Network error", () =>
    Effect.gen(function* () {
      const client = yield* CognitoFetchClient.make("http://127.0.0.1:9/", {
        retry: { ...fast, maxAttempts: 1 },
        fetch: () => Promise.reject(new TypeError("Failed to fetch"))
      })
      const error = failureOf(yield* Effect.exit(client.call(GlobalSignOut.operation, { AccessToken: accessToken })))
      assert.isTrue(error._tag === "TransportError" && error.reason === "Network" && error.operation === "GlobalSignOut")
    }))

  it.scopedLive("takes the user-pool endpoint from AuthConfig and sends custom headers, resolved once per call", () =>
    Effect.gen(function* () {
      const server = yield* WireServer.make((_, index) =>
        index === 0 ? WireServer.serviceError(503, "ServiceUnavailable", "Service Unavailable") : WireServer.ok({})
      )
      let resolved = 0
      const layer = CognitoFetchClient.layer({
        retry: fast,
        headers: async () => {
          resolved++
          return { "x-tenant": "acme" }
        }
      }).pipe(Layer.provide(Layer.succeed(AuthConfig, config(`${server.url}/pool`))))
      yield* Effect.flatMap(CognitoClient, (client) => client.call(GlobalSignOut.operation, { AccessToken: accessToken })).pipe(
        Effect.provide(layer)
      )
      const requests = yield* server.requests
      assert.deepStrictEqual(requests.map((request) => [request.url, request.headers["x-tenant"]]), [["/pool", "acme"], ["/pool", "acme"]])
      assert.strictEqual(resolved, 1)
    }))

  it.scopedLive("lets options.endpoint override the configuration", () =>
    Effect.gen(function* () {
      const server = yield* WireServer.make(() => WireServer.ok({}))
      const layer = CognitoFetchClient.layer({ endpoint: `${server.url}/override` }).pipe(
        Layer.provide(Layer.succeed(AuthConfig, config("http://127.0.0.1:9/unused")))
      )
      yield* Effect.flatMap(CognitoClient, (client) => client.call(GlobalSignOut.operation, { AccessToken: accessToken })).pipe(
        Effect.provide(layer)
      )
      assert.strictEqual((yield* server.requests)[0]?.url, "/override")
    }))

  it.scopedLive("takes the identity-pool endpoint from AuthConfig", () =>
    Effect.gen(function* () {
      const server = yield* WireServer.make(() => WireServer.ok({ IdentityId: "us-east-1:abc" }))
      const layer = CognitoFetchClient.layerIdentity().pipe(
        Layer.provide(Layer.succeed(AuthConfig, config("http://127.0.0.1:9/user-pool", `${server.url}/identity`)))
      )
      const out = yield* Effect.flatMap(IdentityClient, (client) =>
        client.call(GetId.operation, { IdentityPoolId: "us-east-1:00000000-0000-4000-8000-000000000000", Logins: {} })
      ).pipe(Effect.provide(layer))
      assert.strictEqual(out.IdentityId, "us-east-1:abc")
      const [request] = yield* server.requests
      assert.strictEqual(request?.url, "/identity")
      assert.strictEqual(request?.headers["x-amz-target"], "AWSCognitoIdentityService.GetId")
    }))

  it.live("builds without a configured pool, and a call dies", () =>
    Effect.gen(function* () {
      const layer = CognitoFetchClient.layer().pipe(Layer.provide(Layer.succeed(AuthConfig, config(undefined, "http://127.0.0.1:9/"))))
      const exit = yield* Effect.exit(
        Effect.flatMap(CognitoClient, (client) => client.call(GlobalSignOut.operation, { AccessToken: accessToken })).pipe(
          Effect.provide(layer)
        )
      )
      assert.isTrue(Exit.isFailure(exit) && Cause.isDie(exit.cause))
    }))

  it.scopedLive("records the server's Date into ClockSkew when it is provided", () =>
    Effect.gen(function* () {
      const serverTime = Date.now() + 60 * 60 * 1000
      const server = yield* WireServer.make(() => WireServer.ok({}, { date: new Date(serverTime).toUTCString() }))
      const offset = yield* Effect.gen(function* () {
        const client = yield* CognitoFetchClient.make(server.url)
        yield* client.call(GlobalSignOut.operation, { AccessToken: accessToken })
        return yield* ClockSkew.offset
      }).pipe(Effect.provide(ClockSkew.ClockSkew.layer))
      assert.isTrue(Math.abs(offset - 60 * 60 * 1000) < 2_000, `offset ${offset}`)
    }))
})
