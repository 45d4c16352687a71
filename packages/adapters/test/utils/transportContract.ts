/**
 * The behaviour both Cognito HTTP Layers must share, run against a real local server. Each Layer's
 * test file calls `transportContract` with its own way of building a client.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Schedule from "effect/Schedule"
import type { CognitoServiceError, InvalidPoolIdError, TransportError } from "@cognito-effect/domain/AuthError"
import type { RetryOptions } from "@cognito-effect/domain/RetryPolicy"
import type { AwsJsonClient } from "@cognito-effect/domain/services/CognitoClient"
import * as DeleteUser from "@cognito-effect/domain/wire/DeleteUser"
import * as GetId from "@cognito-effect/domain/wire/GetId"
import * as GetUser from "@cognito-effect/domain/wire/GetUser"
import * as WireServer from "./WireServer.js"

export type MakeClient = (
  endpoint: string,
  options: { readonly retry?: RetryOptions; readonly userAgent?: string }
) => Effect.Effect<AwsJsonClient>

const accessToken = Redacted.make("eyJraWQiOiJrMSIsImFsZyI6IlJTMjU2In0.eyJzdWIiOiJ1MSJ9.c2ln")

const getUserBody = {
  Username: "alice",
  UserAttributes: [
    { Name: "sub", Value: "0b5e8f1a-6c2d-4a7b-9e3f-1d2c3b4a5f6e" },
    { Name: "email_verified", Value: "true" },
    { Name: "email", Value: "alice@example.com" }
  ],
  UserMFASettingList: ["SOFTWARE_TOKEN_MFA"],
  PreferredMfaSetting: "SOFTWARE_TOKEN_MFA"
}

const fast: RetryOptions = { schedule: Schedule.spaced("5 millis"), timeout: "5 seconds" }

const htmlBadGateway = {
  status: 502,
  headers: { "content-type": "text/html" },
  body: "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n"
}

/** The fields of a service error, for comparison (the error object also carries its span). */
const fields = (error: CognitoServiceError | TransportError | InvalidPoolIdError) =>
  error._tag === "CognitoServiceError"
    ? { exception: error.exception, message: error.message, operation: error.operation, metadata: error.metadata }
    : assert.fail(`expected a CognitoServiceError, got ${error._tag}: ${error.message}`)

/** The typed failure of `exit`; fails the test on a success, a defect or an interruption. */
export const failureOf = <E>(exit: Exit.Exit<unknown, E>): E => {
  if (Exit.isSuccess(exit)) return assert.fail("expected a failure")
  return Option.getOrElse(Cause.failureOption(exit.cause), () => assert.fail(`expected a typed failure: ${Cause.pretty(exit.cause)}`))
}

export const transportContract = (makeClient: MakeClient) =>
  describe("transport contract", () => {
    it.scopedLive("sends exactly Amplify's request and decodes the answer", () =>
      Effect.gen(function* () {
        const server = yield* WireServer.make(() => WireServer.ok(getUserBody))
        const client = yield* makeClient(`${server.url}/cognito`, { userAgent: "aws-amplify/6.22.1 auth/18 framework/0" })
        const out = yield* client.call(GetUser.operation, { AccessToken: accessToken })
        assert.deepStrictEqual(out, {
          Username: "alice",
          UserAttributes: getUserBody.UserAttributes,
          UserMFASettingList: ["SOFTWARE_TOKEN_MFA"],
          PreferredMfaSetting: "SOFTWARE_TOKEN_MFA"
        })
        const [request] = yield* server.requests
        assert.strictEqual(request?.method, "POST")
        assert.strictEqual(request?.url, "/cognito")
        assert.strictEqual(request?.body, `{"AccessToken":"${Redacted.value(accessToken)}"}`)
        const headers = request?.headers ?? {}
        assert.strictEqual(headers["content-type"], "application/x-amz-json-1.1")
        assert.strictEqual(headers["x-amz-target"], "AWSCognitoIdentityProviderService.GetUser")
        assert.strictEqual(headers["cache-control"], "no-store")
        assert.strictEqual(headers["x-amz-user-agent"], "aws-amplify/6.22.1 auth/18 framework/0")
        assert.strictEqual(headers["amz-sdk-request"], "attempt=1; max=3")
        assert.match(String(headers["amz-sdk-invocation-id"]), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
        assert.isUndefined(headers["authorization"])
      }))

    it.scopedLive("sends identity-pool operations with their target and an empty Logins map", () =>
      Effect.gen(function* () {
        const server = yield* WireServer.make(() => WireServer.ok({ IdentityId: "us-east-1:7d3f0c1e-0000-4000-8000-000000000000" }))
        const client = yield* makeClient(server.url, {})
        const out = yield* client.call(GetId.operation, { IdentityPoolId: "us-east-1:1a2b3c4d-0000-4000-8000-000000000000", Logins: {} })
        assert.strictEqual(out.IdentityId, "us-east-1:7d3f0c1e-0000-4000-8000-000000000000")
        const [request] = yield* server.requests
        assert.strictEqual(request?.url, "/")
        assert.strictEqual(request?.headers["x-amz-target"], "AWSCognitoIdentityService.GetId")
        assert.deepStrictEqual(JSON.parse(request?.body ?? ""), { IdentityPoolId: "us-east-1:1a2b3c4d-0000-4000-8000-000000000000", Logins: {} })
      }))

    it.scopedLive("retries a 500 and succeeds, with one invocation id and numbered attempts", () =>
      Effect.gen(function* () {
        const server = yield* WireServer.make((_, index) =>
          index === 0 ? WireServer.serviceError(500, "InternalErrorException", "Internal server error") : WireServer.ok(getUserBody)
        )
        const client = yield* makeClient(server.url, { retry: fast })
        const out = yield* client.call(GetUser.operation, { AccessToken: accessToken })
        assert.strictEqual(out.Username, "alice")
        const requests = yield* server.requests
        assert.strictEqual(requests.length, 2)
        assert.strictEqual(requests[0]?.headers["amz-sdk-request"], "attempt=1; max=3")
        assert.strictEqual(requests[1]?.headers["amz-sdk-request"], "attempt=2; max=3")
        assert.strictEqual(requests[0]?.headers["amz-sdk-invocation-id"], requests[1]?.headers["amz-sdk-invocation-id"])
        assert.strictEqual(requests[1]?.body, requests[0]?.body)
      }))

    it.scopedLive("retries a 429", () =>
      Effect.gen(function* () {
        const server = yield* WireServer.make((_, index) =>
          index === 0 ? WireServer.serviceError(429, "TooManyRequestsException", "Rate exceeded") : WireServer.ok(getUserBody)
        )
        const client = yield* makeClient(server.url, { retry: fast })
        yield* client.call(GetUser.operation, { AccessToken: accessToken })
        assert.strictEqual((yield* server.requests).length, 2)
      }))

    it.scopedLive("retries a throttling __type on a 400, 3 attempts in all, then surfaces it typed", () =>
      Effect.gen(function* () {
        const server = yield* WireServer.make(() =>
          WireServer.serviceError(400, "LimitExceededException", "Attempt limit exceeded, please try after some time.")
        )
        const client = yield* makeClient(server.url, { retry: fast })
        const error = failureOf(yield* Effect.exit(client.call(GetUser.operation, { AccessToken: accessToken })))
        const requests = yield* server.requests
        assert.strictEqual(requests.length, 3)
        assert.strictEqual(requests[2]?.headers["amz-sdk-request"], "attempt=3; max=3")
        assert.deepStrictEqual(fields(error), {
          exception: "LimitExceededException",
          message: "Attempt limit exceeded, please try after some time.",
          operation: "GetUser",
          metadata: { httpStatusCode: 400, requestId: WireServer.requestIdOf(2) }
        })
      }))

    it.scopedLive("stops after 3 attempts on repeated 500s", () =>
      Effect.gen(function* () {
        const server = yield* WireServer.make(() => WireServer.serviceError(500, "InternalErrorException", "Internal server error"))
        const client = yield* makeClient(server.url, { retry: fast })
        const error = failureOf(yield* Effect.exit(client.call(GetUser.operation, { AccessToken: accessToken })))
        assert.strictEqual((yield* server.requests).length, 3)
        assert.strictEqual(error._tag === "CognitoServiceError" && error.exception, "InternalErrorException")
      }))

    it.scopedLive("does not retry NotAuthorizedException and reports its request id", () =>
      Effect.gen(function* () {
        const server = yield* WireServer.make(() => WireServer.serviceError(400, "NotAuthorizedException", "Access Token has been revoked"))
        const client = yield* makeClient(server.url, { retry: fast })
        const error = failureOf(yield* Effect.exit(client.call(GetUser.operation, { AccessToken: accessToken })))
        assert.strictEqual((yield* server.requests).length, 1)
        assert.deepStrictEqual(fields(error), {
          exception: "NotAuthorizedException",
          message: "Access Token has been revoked",
          operation: "GetUser",
          metadata: { httpStatusCode: 400, requestId: WireServer.requestIdOf(0) }
        })
        assert.strictEqual(error.amplifyName, "NotAuthorizedException")
      }))

    it.scopedLive("sanitises error names from the header and the body", () =>
      Effect.gen(function* () {
        const server = yield* WireServer.make((_, index) =>
          index === 0
            ? {
              status: 400,
              headers: { "x-amzn-errortype": "NotAuthorizedException:http://internal.amazon.com/coral/com.amazon.coral.service/" },
              body: `{"message":"Incorrect username or password."}`
            }
            : { status: 400, body: `{"__type":"com.amazonaws.cognito.identity.idp.model#UserNotFoundException","message":"User does not exist."}` }
        )
        const client = yield* makeClient(server.url, { retry: fast })
        const first = failureOf(yield* Effect.exit(client.call(GetUser.operation, { AccessToken: accessToken })))
        const second = failureOf(yield* Effect.exit(client.call(GetUser.operation, { AccessToken: accessToken })))
        assert.strictEqual(first._tag === "CognitoServiceError" && first.exception, "NotAuthorizedException")
        assert.strictEqual(first.message, "Incorrect username or password.")
        assert.strictEqual(second._tag === "CognitoServiceError" && second.exception, "UserNotFoundException")
        assert.strictEqual(second.message, "User does not exist.")
      }))

    it.scopedLive("retries an HTML 502 page, then fails with InvalidResponse", () =>
      Effect.gen(function* () {
        const server = yield* WireServer.make(() => htmlBadGateway)
        const client = yield* makeClient(server.url, { retry: fast })
        const error = failureOf(yield* Effect.exit(client.call(GetUser.operation, { AccessToken: accessToken })))
        assert.strictEqual((yield* server.requests).length, 3)
        assert.isTrue(error._tag === "TransportError" && error.reason === "InvalidResponse" && error.httpStatusCode === 502)
      }))

    it.scopedLive("fails with InvalidResponse on malformed JSON, without retrying", () =>
      Effect.gen(function* () {
        const server = yield* WireServer.make(() => ({ status: 200, body: `{"Username":"alice","UserAttributes":[{"Na` }))
        const client = yield* makeClient(server.url, { retry: fast })
        const error = failureOf(yield* Effect.exit(client.call(GetUser.operation, { AccessToken: accessToken })))
        assert.strictEqual((yield* server.requests).length, 1)
        assert.isTrue(error._tag === "TransportError" && error.reason === "InvalidResponse")
      }))

    it.scopedLive("accepts an empty body for an empty output", () =>
      Effect.gen(function* () {
        const server = yield* WireServer.make(() => ({ status: 200, headers: { "content-type": "application/x-amz-json-1.1" }, body: "" }))
        const client = yield* makeClient(server.url, { retry: fast })
        assert.deepStrictEqual(yield* client.call(DeleteUser.operation, { AccessToken: accessToken }), {})
      }))

    it.scopedLive("retries a dropped connection as a network error", () =>
      Effect.gen(function* () {
        const server = yield* WireServer.make((_, index) => (index < 2 ? "destroy" : WireServer.ok(getUserBody)))
        const client = yield* makeClient(server.url, { retry: fast })
        yield* client.call(GetUser.operation, { AccessToken: accessToken })
        assert.strictEqual((yield* server.requests).length, 3)
      }))

    it.scopedLive("fails with a Network error when nothing listens", () =>
      Effect.gen(function* () {
        const url = yield* Effect.scoped(Effect.map(WireServer.make(() => "destroy"), (server) => server.url))
        const client = yield* makeClient(url, { retry: { ...fast, maxAttempts: 2 } })
        const error = failureOf(yield* Effect.exit(client.call(GetUser.operation, { AccessToken: accessToken })))
        assert.isTrue(error._tag === "TransportError" && error.reason === "Network")
        assert.strictEqual(error.amplifyName, "NetworkError")
      }))

    it.scopedLive("times out a hanging request and closes its connection", () =>
      Effect.gen(function* () {
        const server = yield* WireServer.make(() => "hang")
        const client = yield* makeClient(server.url, { retry: { ...fast, maxAttempts: 1, timeout: "150 millis" } })
        const error = failureOf(yield* Effect.exit(client.call(GetUser.operation, { AccessToken: accessToken })))
        assert.isTrue(error._tag === "TransportError" && error.reason === "Timeout")
        yield* server.closed.pipe(Effect.timeoutFail({ duration: "2 seconds", onTimeout: () => "the server never saw the socket close" }))
      }))

    it.scopedLive("aborts the in-flight request when the call is interrupted", () =>
      Effect.gen(function* () {
        const server = yield* WireServer.make(() => "hang")
        const client = yield* makeClient(server.url, {})
        const fiber = yield* Effect.fork(client.call(GetUser.operation, { AccessToken: accessToken }))
        yield* server.received
        const exit = yield* Fiber.interrupt(fiber)
        assert.isTrue(Exit.isInterrupted(exit))
        yield* server.closed.pipe(Effect.timeoutFail({ duration: "2 seconds", onTimeout: () => "the server never saw the socket close" }))
        assert.strictEqual((yield* server.requests).length, 1)
      }))
  })
