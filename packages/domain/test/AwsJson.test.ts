// chai's deep equality compares Errors by name and message only: `expect` compares every field.
import { assert, describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Cause from "effect/Cause"
import * as Exit from "effect/Exit"
import * as fc from "effect/FastCheck"
import * as Random from "effect/Random"
import * as Redacted from "effect/Redacted"
import * as Ref from "effect/Ref"
import * as Schedule from "effect/Schedule"
import * as Schema from "effect/Schema"
import { CognitoServiceError, TransportError } from "@cognito-effect/domain/AuthError"
import * as AwsJson from "@cognito-effect/domain/AwsJson"
import * as Operation from "@cognito-effect/domain/wire/Operation"
import * as DeleteUser from "@cognito-effect/domain/wire/DeleteUser"
import * as GetId from "@cognito-effect/domain/wire/GetId"
import * as GetUser from "@cognito-effect/domain/wire/GetUser"
import * as InitiateAuth from "@cognito-effect/domain/wire/InitiateAuth"

const json = (status: number, body: unknown, headers: Record<string, string> = {}): AwsJson.WireResponse => ({
  status,
  headers: { "content-type": "application/x-amz-json-1.1", "x-amzn-requestid": "5f6c0f8e-1b2a-4c3d-9e8f-0a1b2c3d4e5f", ...headers },
  body: JSON.stringify(body)
})

const getUserBody = {
  Username: "6a1f3c2e-0000-4000-8000-000000000001",
  UserAttributes: [
    { Name: "sub", Value: "6a1f3c2e-0000-4000-8000-000000000001" },
    { Name: "email", Value: "alice@example.com" }
  ]
}

const decodeError = (response: AwsJson.WireResponse) =>
  Effect.flip(AwsJson.decodeResponse(GetUser.operation, response))

describe("AwsJson.requestHeaders", () => {
  it("sends Amplify's headers, lower-case", () => {
    const headers = AwsJson.requestHeaders(InitiateAuth.operation, {
      invocationId: "0d8e9d0c-1111-4222-8333-444455556666",
      attempt: 2,
      maxAttempts: 3,
      userAgent: "aws-amplify/6.22.1 auth/4 framework/0"
    })
    assert.deepStrictEqual(headers, {
      "content-type": "application/x-amz-json-1.1",
      "x-amz-target": "AWSCognitoIdentityProviderService.InitiateAuth",
      "cache-control": "no-store",
      "x-amz-user-agent": "aws-amplify/6.22.1 auth/4 framework/0",
      "amz-sdk-invocation-id": "0d8e9d0c-1111-4222-8333-444455556666",
      "amz-sdk-request": "attempt=2; max=3"
    })
  })

  it("uses the identity target prefix and the defaults", () => {
    const headers = AwsJson.requestHeaders(GetId.operation)
    assert.strictEqual(headers["x-amz-target"], "AWSCognitoIdentityService.GetId")
    assert.strictEqual(headers["amz-sdk-request"], "attempt=1; max=3")
    assert.strictEqual(headers["x-amz-user-agent"], AwsJson.defaultUserAgent)
    assert.isUndefined(headers["amz-sdk-invocation-id"])
  })

  it("lays custom headers over the operation's own and under the SDK's, as Amplify does", () => {
    const headers = AwsJson.requestHeaders(GetUser.operation, {
      invocationId: "0d8e9d0c-1111-4222-8333-444455556666",
      attempt: 2,
      maxAttempts: 3,
      userAgent: "aws-amplify/6.22.1",
      custom: {
        "X-Tenant": "acme",
        "Content-Type": "application/x-amz-json-1.1; charset=utf-8",
        "cache-control": "max-age=0",
        "x-amz-user-agent": "my-app/2.0",
        "amz-sdk-invocation-id": "app-chosen-id",
        "amz-sdk-request": "attempt=9; max=9"
      }
    })
    assert.deepStrictEqual(headers, {
      "content-type": "application/x-amz-json-1.1; charset=utf-8",
      "x-amz-target": "AWSCognitoIdentityProviderService.GetUser",
      "cache-control": "max-age=0",
      "x-tenant": "acme",
      "x-amz-user-agent": "my-app/2.0 aws-amplify/6.22.1",
      "amz-sdk-invocation-id": "app-chosen-id",
      "amz-sdk-request": "attempt=2; max=3"
    })
    const target = "AWSCognitoIdentityProviderService.GetUserAttributeVerificationCode"
    assert.strictEqual(AwsJson.requestHeaders(GetUser.operation, { custom: { "X-Amz-Target": target } })["x-amz-target"], target)
  })
})

describe("AwsJson.encodeRequest", () => {
  it.effect("writes the encoded input as JSON, secrets revealed, absent members omitted", () =>
    Effect.gen(function* () {
      const body = yield* AwsJson.encodeRequest(InitiateAuth.operation, {
        AuthFlow: "USER_SRP_AUTH",
        AuthParameters: { USERNAME: Redacted.make("alice"), SRP_A: Redacted.make("8f3a") },
        ClientId: "4s6n1q2a3b"
      })
      assert.strictEqual(body, `{"AuthFlow":"USER_SRP_AUTH","AuthParameters":{"USERNAME":"alice","SRP_A":"8f3a"},"ClientId":"4s6n1q2a3b"}`)
    }))

  it.effect("keeps an empty Logins map for guests", () =>
    Effect.gen(function* () {
      const body = yield* AwsJson.encodeRequest(GetId.operation, { IdentityPoolId: "us-east-1:0000", Logins: {} })
      assert.deepStrictEqual(JSON.parse(body), { IdentityPoolId: "us-east-1:0000", Logins: {} })
    }))
})

describe("AwsJson.decodeResponse", () => {
  it.effect("decodes a 2xx body with the operation's schema", () =>
    Effect.gen(function* () {
      const out = yield* AwsJson.decodeResponse(GetUser.operation, json(200, { ...getUserBody, NewField: 1 }))
      assert.strictEqual(out.Username, getUserBody.Username)
      assert.strictEqual(out.UserAttributes[1]?.Value, "alice@example.com")
    }))

  it.effect("decodes secrets as Redacted", () =>
    Effect.gen(function* () {
      const out = yield* AwsJson.decodeResponse(
        InitiateAuth.operation,
        json(200, { ChallengeName: "PASSWORD_VERIFIER", Session: "AYABeC-session", ChallengeParameters: { SALT: "a1", SRP_B: "b2", SECRET_BLOCK: "c3", USER_ID_FOR_SRP: "alice", USERNAME: "alice" } })
      )
      assert.strictEqual(out.ChallengeName, "PASSWORD_VERIFIER")
      assert.isTrue(out.Session !== undefined && Redacted.isRedacted(out.Session))
      assert.strictEqual(out.Session && Redacted.value(out.Session), "AYABeC-session")
    }))

  it.effect("accepts {} and an empty body for an empty output", () =>
    Effect.gen(function* () {
      assert.deepStrictEqual(yield* AwsJson.decodeResponse(DeleteUser.operation, json(200, {})), {})
      assert.deepStrictEqual(yield* AwsJson.decodeResponse(DeleteUser.operation, { status: 200, headers: {}, body: "" }), {})
    }))

  it.effect("refuses an empty body where the output has members", () =>
    Effect.gen(function* () {
      const error = yield* decodeError({ status: 200, headers: {}, body: "" })
      assert.strictEqual(error._tag, "TransportError")
      assert.strictEqual(error._tag === "TransportError" && error.reason, "InvalidResponse")
    }))

  it.effect("turns malformed JSON into InvalidResponse, never a SyntaxError", () =>
    Effect.gen(function* () {
      const error = yield* decodeError({ status: 200, headers: {}, body: `{"Username":"alice","UserAttri` })
      expect(error).toEqual(
        new TransportError({ reason: "InvalidResponse", operation: "GetUser", message: "Invalid GetUser response: the body is not JSON", httpStatusCode: 200 })
      )
    }))

  it.effect("turns a schema mismatch into InvalidResponse without quoting the body", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(
        AwsJson.decodeResponse(InitiateAuth.operation, json(200, { AuthenticationResult: { AccessToken: 42, IdToken: ["eyJ.secret.token"] } }))
      )
      assert.strictEqual(error._tag, "TransportError")
      assert.include(error.message, "Invalid InitiateAuth response: AuthenticationResult.AccessToken (Type), AuthenticationResult.IdToken (Type)")
      assert.notInclude(error.message, "eyJ.secret.token")
      assert.notInclude(error.message, "42")
    }))

  it.effect("parses the Cognito error envelope", () =>
    Effect.gen(function* () {
      const error = yield* decodeError(
        json(400, { __type: "NotAuthorizedException", message: "Incorrect username or password." }, {
          "x-amzn-errortype": "NotAuthorizedException:",
          "x-amz-id-2": "ext-id",
          "x-amz-cf-id": "cf-id"
        })
      )
      expect(error).toEqual(
        new CognitoServiceError({
          exception: "NotAuthorizedException",
          message: "Incorrect username or password.",
          operation: "GetUser",
          metadata: { httpStatusCode: 400, requestId: "5f6c0f8e-1b2a-4c3d-9e8f-0a1b2c3d4e5f", extendedRequestId: "ext-id", cfId: "cf-id" }
        })
      )
    }))

  it.effect("takes the name from the header, then code, then __type, else UnknownError", () =>
    Effect.gen(function* () {
      const name = (response: AwsJson.WireResponse) =>
        Effect.map(decodeError(response), (error) => (error._tag === "CognitoServiceError" ? error.exception : error._tag))
      assert.strictEqual(yield* name(json(400, { __type: "B", code: "A" }, { "x-amzn-errortype": "H" })), "H")
      assert.strictEqual(yield* name(json(400, { __type: "B", code: "A" })), "A")
      assert.strictEqual(yield* name(json(400, { __type: "B" })), "B")
      assert.strictEqual(yield* name(json(400, { message: "no name" })), "UnknownError")
    }))

  it.effect("sanitises error names as Amplify does", () =>
    Effect.gen(function* () {
      const name = (response: AwsJson.WireResponse) =>
        Effect.map(decodeError(response), (error) => (error._tag === "CognitoServiceError" ? error.exception : error._tag))
      assert.strictEqual(
        yield* name(json(400, {}, { "x-amzn-errortype": "NotAuthorizedException:http://internal.amazon.com/coral/com.amazon.coral.service/" })),
        "NotAuthorizedException"
      )
      assert.strictEqual(
        yield* name(json(400, { __type: "com.amazonaws.cognito.identity.idp.model#UserNotFoundException" })),
        "UserNotFoundException"
      )
      assert.strictEqual(yield* name(json(400, { __type: "ThrottlingException,foo:bar" })), "ThrottlingException")
    }))

  it.prop(
    "sanitizeErrorName keeps the name before ':' / ',' and after '#'",
    [fc.stringMatching(/^[A-Za-z]{1,20}$/), fc.string(), fc.stringMatching(/^[a-z.]{0,20}$/)],
    ([name, tail, prefix]) => {
      assert.strictEqual(AwsJson.sanitizeErrorName(`${name}:${tail}`), name)
      assert.strictEqual(AwsJson.sanitizeErrorName(`${name},${tail}`), name)
      assert.strictEqual(AwsJson.sanitizeErrorName(`${prefix}#${name}`), name)
    }
  )

  it.effect("takes message, then Message, else 'Unknown error'", () =>
    Effect.gen(function* () {
      const message = (response: AwsJson.WireResponse) => Effect.map(decodeError(response), (error) => error.message)
      assert.strictEqual(yield* message(json(400, { __type: "X", message: "m1", Message: "m2" })), "m1")
      assert.strictEqual(yield* message(json(400, { __type: "X", Message: "m2" })), "m2")
      assert.strictEqual(yield* message(json(400, { __type: "X" })), "Unknown error")
    }))

  it.effect("finds the request id under each of its header names", () =>
    Effect.gen(function* () {
      for (const header of ["x-amzn-requestid", "x-amzn-request-id", "x-amz-request-id", "X-Amzn-RequestId"]) {
        const error = yield* decodeError({ status: 400, headers: { [header]: "rid-1" }, body: `{"__type":"X"}` })
        assert.strictEqual(error._tag === "CognitoServiceError" && error.metadata.requestId, "rid-1", header)
      }
    }))

  it.effect("turns an HTML 502 page into a retryable InvalidResponse", () =>
    Effect.gen(function* () {
      const error = yield* decodeError({
        status: 502,
        headers: { "content-type": "text/html" },
        body: "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>"
      })
      assert.strictEqual(error._tag, "TransportError")
      assert.strictEqual(error._tag === "TransportError" && error.reason, "InvalidResponse")
      assert.strictEqual(error._tag === "TransportError" && error.httpStatusCode, 502)
    }))

  it.effect("turns a non-JSON 4xx body into InvalidResponse (Amplify name 'Unknown')", () =>
    Effect.gen(function* () {
      for (const body of ["", "Forbidden", "null", "[1]"]) {
        const error = yield* decodeError({ status: 403, headers: {}, body })
        assert.isTrue(error._tag === "TransportError" && error.reason === "InvalidResponse" && error.httpStatusCode === 403, body)
        assert.strictEqual(error.amplifyName, "Unknown")
      }
    }))

  it.effect("still names the exception from x-amzn-errortype when the body is not JSON", () =>
    Effect.gen(function* () {
      const error = yield* decodeError({ status: 400, headers: { "x-amzn-errortype": "LimitExceededException:" }, body: "" })
      assert.strictEqual(error._tag === "CognitoServiceError" && error.exception, "LimitExceededException")
      assert.strictEqual(error.message, "Unknown error")
    }))
})

describe("AwsJson.invocationId", () => {
  it.effect("is a UUID v4 drawn from Random", () =>
    Effect.gen(function* () {
      const a = yield* Effect.withRandom(AwsJson.invocationId, Random.make(7))
      const b = yield* Effect.withRandom(AwsJson.invocationId, Random.make(7))
      const c = yield* AwsJson.invocationId
      assert.match(a, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
      assert.strictEqual(a, b)
      assert.notStrictEqual(a, c)
    }))
})

describe("AwsJson.exchange", () => {
  const fast = { schedule: Schedule.spaced("1 millis"), timeout: "5 seconds" } as const

  it.live("sends the same invocation id on every attempt and numbers them", () =>
    Effect.gen(function* () {
      const sent = yield* Ref.make<Array<AwsJson.WireRequest>>([])
      const replies = [json(500, { __type: "InternalErrorException", message: "boom" }), json(200, getUserBody)]
      const send: AwsJson.Send = (request) =>
        Effect.map(Ref.getAndUpdate(sent, (all) => [...all, request]), (before) => replies[before.length]!)
      const out = yield* AwsJson.exchange(GetUser.operation, { AccessToken: Redacted.make("eyJ.access") }, send, {
        retry: fast,
        userAgent: "test-agent",
        headers: Effect.succeed({ "x-tenant": "acme" })
      })
      assert.strictEqual(out.Username, getUserBody.Username)
      const [first, second] = yield* Ref.get(sent)
      assert.strictEqual(first?.operation, "GetUser")
      assert.strictEqual(first?.body, `{"AccessToken":"eyJ.access"}`)
      assert.strictEqual(first?.headers["amz-sdk-request"], "attempt=1; max=3")
      assert.strictEqual(second?.headers["amz-sdk-request"], "attempt=2; max=3")
      assert.strictEqual(first?.headers["amz-sdk-invocation-id"], second?.headers["amz-sdk-invocation-id"])
      assert.strictEqual(first?.headers["x-amz-user-agent"], "test-agent")
      assert.strictEqual(first?.headers["x-tenant"], "acme")
    }))

  it.live("draws a new invocation id per call", () =>
    Effect.gen(function* () {
      const ids = yield* Ref.make<Array<string | undefined>>([])
      const send: AwsJson.Send = (request) =>
        Effect.as(Ref.update(ids, (all) => [...all, request.headers["amz-sdk-invocation-id"]]), json(200, {}))
      yield* AwsJson.exchange(DeleteUser.operation, { AccessToken: Redacted.make("a") }, send)
      yield* AwsJson.exchange(DeleteUser.operation, { AccessToken: Redacted.make("a") }, send)
      const [a, b] = yield* Ref.get(ids)
      assert.isString(a)
      assert.notStrictEqual(a, b)
    }))

  it.live("does not retry a NotAuthorizedException", () =>
    Effect.gen(function* () {
      const count = yield* Ref.make(0)
      const send: AwsJson.Send = () =>
        Effect.as(Ref.update(count, (n) => n + 1), json(400, { __type: "NotAuthorizedException", message: "Access Token has been revoked" }))
      const exit = yield* Effect.exit(AwsJson.exchange(GetUser.operation, { AccessToken: Redacted.make("a") }, send, { retry: fast }))
      assert.isTrue(Exit.isFailure(exit))
      assert.strictEqual(yield* Ref.get(count), 1)
    }))

  it.live("refuses an input that does not encode as Cognito would, without quoting it and without sending", () =>
    Effect.gen(function* () {
      const strict = Operation.userPool(
        "ChangePassword",
        Schema.Struct({ AccessToken: Schema.String, ProposedPassword: Schema.String.pipe(Schema.minLength(8)) }),
        Schema.Struct({})
      )
      const sent = yield* Ref.make(0)
      const send: AwsJson.Send = () => Effect.as(Ref.update(sent, (n) => n + 1), json(200, {}))
      const short = yield* Effect.flip(AwsJson.exchange(strict, { AccessToken: "token", ProposedPassword: "hunter2" }, send))
      assert.strictEqual(short._tag, "CognitoServiceError")
      assert.strictEqual(short.amplifyName, "InvalidParameterException")
      assert.include(short.message, "Value at 'ProposedPassword' failed to satisfy constraint")
      assert.notInclude(short.message, "hunter2")
      // A JavaScript caller's number where a string belongs: the body Cognito could not deserialise.
      const wrongType = yield* Effect.flip(AwsJson.exchange(strict, { AccessToken: 42 as never, ProposedPassword: "hunter2-long" }, send))
      assert.strictEqual(wrongType.amplifyName, "SerializationException")
      assert.include(wrongType.message, "AccessToken")
      assert.notInclude(wrongType.message, "hunter2")
      assert.deepStrictEqual(wrongType._tag === "CognitoServiceError" ? wrongType.metadata : undefined, {})
      assert.strictEqual(yield* Ref.get(sent), 0)
    }))
})
