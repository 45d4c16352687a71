import { assert, describe, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import {
  CognitoIdentityProviderClient,
  CreateUserPoolCommand,
  DescribeUserPoolCommand,
  InitiateAuthCommand,
  ListUsersCommand
} from "@aws-sdk/client-cognito-identity-provider"
import { makePool, makeUser, ok, send, srpSignIn, TestEmulator, uniqueName } from "./Harness.js"

const raw = (path: string, init: RequestInit = {}) =>
  Effect.flatMap(TestEmulator, (emulator) =>
    Effect.promise(async () => {
      const response = await fetch(`${emulator.endpoint}${path}`, init)
      const text = await response.text()
      return { status: response.status, headers: response.headers, text }
    })
  )

const endpoint = Effect.map(TestEmulator, (emulator) => emulator.endpoint)

layer(TestEmulator.layer())("Server", (it) => {
  describe("the AWS JSON 1.1 envelope", () => {
    it.effect("a success is 200 with the JSON 1.1 content type, a request id and CORS", () =>
      Effect.gen(function* () {
        const answer = yield* send(yield* endpoint, "CreateUserPool", { PoolName: "envelope" })
        assert.strictEqual(answer.status, 200)
        assert.strictEqual(answer.headers.get("content-type"), "application/x-amz-json-1.1")
        assert.match(answer.headers.get("x-amzn-requestid")!, /^[0-9a-f-]{36}$/)
        assert.strictEqual(answer.headers.get("access-control-allow-origin"), "*")
        assert.include(answer.headers.get("access-control-expose-headers")!, "x-amzn-errortype")
      }))

    it.effect("a Cognito error is 400 with __type, message and x-amzn-errortype", () =>
      Effect.gen(function* () {
        const answer = yield* send(yield* endpoint, "DescribeUserPool", { UserPoolId: "us-east-1_missing" })
        assert.strictEqual(answer.status, 400)
        assert.deepStrictEqual(answer.body, { __type: "ResourceNotFoundException", message: "User pool us-east-1_missing does not exist." })
        assert.strictEqual(answer.headers.get("x-amzn-errortype"), "ResourceNotFoundException:")
        assert.strictEqual(answer.headers.get("x-amzn-errormessage"), "User pool us-east-1_missing does not exist.")
        assert.strictEqual(answer.headers.get("content-type"), "application/x-amz-json-1.1")
      }))

    it.effect("an operation with no output answers {}", () =>
      Effect.gen(function* () {
        const { userPoolId } = yield* makePool()
        const username = uniqueName()
        yield* makeUser(userPoolId, username, "Passw0rd!")
        const answer = yield* send(yield* endpoint, "AdminDisableUser", { UserPoolId: userPoolId, Username: username })
        assert.strictEqual(answer.status, 200)
        assert.deepStrictEqual(answer.body, {})
      }))

    it.effect("an unknown operation, or none, is UnknownOperationException", () =>
      Effect.gen(function* () {
        const unknown = yield* send(yield* endpoint, "MakeCoffee", {})
        assert.strictEqual(unknown.status, 400)
        assert.strictEqual(unknown.body.__type, "UnknownOperationException")
        const none = yield* send(yield* endpoint, undefined, {})
        assert.strictEqual(none.status, 400)
        assert.strictEqual(none.body.__type, "UnknownOperationException")
        const otherService = yield* send(yield* endpoint, undefined, {}, { "x-amz-target": "DynamoDB_20120810.ListTables" })
        assert.strictEqual(otherService.body.__type, "UnknownOperationException")
      }))

    it.effect("malformed JSON and non-object bodies are SerializationException", () =>
      Effect.gen(function* () {
        for (const body of ['{"ClientId": ', "[1, 2]", '"text"', "not json"]) {
          const answer = yield* send(yield* endpoint, "SignUp", body)
          assert.strictEqual(answer.status, 400, body)
          assert.strictEqual(answer.body.__type, "SerializationException", body)
        }
      }))

    it.effect("a member of the wrong JSON type is SerializationException", () =>
      Effect.gen(function* () {
        const structure = yield* send(yield* endpoint, "SignUp", { ClientId: "c", Username: { name: "x" }, Password: "p" })
        assert.deepStrictEqual(structure.body, { __type: "SerializationException", message: "Start of structure or map found where not expected." })
        const number = yield* send(yield* endpoint, "InitiateAuth", { AuthFlow: "USER_SRP_AUTH", ClientId: 42 })
        assert.strictEqual(number.body.__type, "SerializationException")
        const nestedSecret = yield* send(yield* endpoint, "InitiateAuth", { AuthFlow: "USER_SRP_AUTH", ClientId: "c", AuthParameters: { USERNAME: 7 } })
        assert.strictEqual(nestedSecret.body.__type, "SerializationException")
      }))

    it.effect("missing members and values outside an enum are InvalidParameterException", () =>
      Effect.gen(function* () {
        const missing = yield* send(yield* endpoint, "InitiateAuth", { AuthFlow: "USER_SRP_AUTH" })
        assert.deepStrictEqual(missing.body, {
          __type: "InvalidParameterException",
          message: "1 validation error detected: Value null at 'clientId' failed to satisfy constraint: Member must not be null"
        })
        const two = yield* send(yield* endpoint, "SignUp", { Password: "x" })
        assert.strictEqual(two.body.__type, "InvalidParameterException")
        assert.match(two.body.message, /^2 validation errors detected: /)
        const badEnum = yield* send(yield* endpoint, "InitiateAuth", { AuthFlow: "PLEASE_LET_ME_IN", ClientId: "c" })
        assert.strictEqual(badEnum.body.__type, "InvalidParameterException")
        assert.include(badEnum.body.message, "Value 'PLEASE_LET_ME_IN' at 'authFlow' failed to satisfy constraint: Member must satisfy enum value set")
      }))

    it.effect("explicit nulls count as absent members, unknown members are ignored", () =>
      Effect.gen(function* () {
        const answer = yield* send(yield* endpoint, "CreateUserPool", { PoolName: "nulls", Policies: null, SomethingNew: { a: 1 } })
        assert.strictEqual(answer.status, 200)
        assert.strictEqual(answer.body.UserPool.Policies.PasswordPolicy.MinimumLength, 8)
      }))

    it.effect("secrets never appear in error messages", () =>
      Effect.gen(function* () {
        const answer = yield* send(yield* endpoint, "SignUp", { ClientId: "c", Username: "u", Password: ["Sup3rSecret!"] })
        assert.strictEqual(answer.body.__type, "SerializationException")
        assert.notInclude(JSON.stringify(answer.body), "Sup3rSecret")
      }))

    it.effect("any path works (Amplify keeps the path of userPoolEndpoint)", () =>
      Effect.gen(function* () {
        const answer = yield* raw("/cognito", {
          method: "POST",
          headers: { "x-amz-target": "AWSCognitoIdentityProviderService.DescribeUserPool", "content-type": "application/x-amz-json-1.1" },
          body: JSON.stringify({ UserPoolId: "us-east-1_nope" })
        })
        assert.strictEqual(answer.status, 400)
        assert.strictEqual(JSON.parse(answer.text).__type, "ResourceNotFoundException")
      }))

    it.effect("an oversized body is refused without a crash", () =>
      Effect.gen(function* () {
        const answer = yield* send(yield* endpoint, "SignUp", JSON.stringify({ ClientId: "x".repeat(2 * 1024 * 1024) }))
        assert.strictEqual(answer.status, 413)
        assert.strictEqual(answer.body.__type, "SerializationException")
        assert.strictEqual((yield* raw("/_emulator/health")).status, 200)
      }))
  })

  describe("CORS", () => {
    it.effect("a preflight allows POST and the headers the browser asks for", () =>
      Effect.gen(function* () {
        const answer = yield* raw("/", {
          method: "OPTIONS",
          headers: {
            origin: "http://localhost:5173",
            "access-control-request-method": "POST",
            "access-control-request-headers": "content-type,x-amz-target,x-amz-user-agent,cache-control,amz-sdk-invocation-id,amz-sdk-request,x-custom"
          }
        })
        assert.strictEqual(answer.status, 204)
        assert.strictEqual(answer.headers.get("access-control-allow-origin"), "*")
        assert.include(answer.headers.get("access-control-allow-methods")!, "POST")
        for (const header of ["x-amz-target", "x-amz-user-agent", "amz-sdk-invocation-id", "amz-sdk-request", "cache-control", "x-custom"]) {
          assert.include(answer.headers.get("access-control-allow-headers")!, header)
        }
        assert.include(answer.headers.get("access-control-expose-headers")!, "x-amzn-requestid")
      }))
  })

  describe("emulator routes", () => {
    it.effect("health", () =>
      Effect.gen(function* () {
        const answer = yield* raw("/_emulator/health")
        assert.strictEqual(answer.status, 200)
        assert.deepStrictEqual(JSON.parse(answer.text), { status: "ok" })
      }))

    it.effect("the inbox lists codes by any of the user's names", () =>
      Effect.gen(function* () {
        const { clientId } = yield* makePool({ UsernameAttributes: ["email"], AutoVerifiedAttributes: ["email"] })
        const email = `${uniqueName()}@example.com`
        yield* ok("SignUp", { ClientId: clientId, Username: email, Password: "Passw0rd!" })
        const answer = yield* raw(`/_emulator/inbox?username=${encodeURIComponent(email)}`)
        const { messages } = JSON.parse(answer.text)
        assert.strictEqual(messages.length, 1)
        assert.strictEqual(messages[0].purpose, "SIGN_UP")
        assert.strictEqual(messages[0].medium, "EMAIL")
        assert.strictEqual(messages[0].destination, email)
        assert.match(messages[0].code, /^\d{6}$/)
        assert.isString(messages[0].time)
        const bySub = yield* raw(`/_emulator/inbox?username=${messages[0].username}&purpose=SIGN_UP`)
        assert.strictEqual(JSON.parse(bySub.text).messages.length, 1)
        const nobody = yield* raw(`/_emulator/inbox?username=nobody`)
        assert.deepStrictEqual(JSON.parse(nobody.text), { messages: [] })
      }))

    it.effect("the clock can be read and moved forward", () =>
      Effect.gen(function* () {
        const before = JSON.parse((yield* raw("/_emulator/clock")).text)
        const moved = yield* raw("/_emulator/clock", { method: "POST", body: JSON.stringify({ advanceSeconds: 60 }) })
        const after = JSON.parse(moved.text)
        assert.strictEqual(after.offsetMillis - before.offsetMillis, 60_000)
        assert.isAtLeast(Date.parse(after.now) - Date.parse(before.now), 60_000)
        assert.strictEqual((yield* raw("/_emulator/clock", { method: "POST", body: "{}" })).status, 400)
      }))

    it.effect("JWKS of an unknown pool is 404, unknown routes are 404", () =>
      Effect.gen(function* () {
        assert.strictEqual((yield* raw("/us-east-1_nope/.well-known/jwks.json")).status, 404)
        assert.strictEqual((yield* raw("/nothing/here")).status, 404)
      }))

    it.effect("the JWKS lists the key that signs the pool's tokens", () =>
      Effect.gen(function* () {
        const { userPoolId, clientId } = yield* makePool()
        const username = uniqueName()
        yield* makeUser(userPoolId, username, "Passw0rd!")
        const tokens = (yield* srpSignIn({ userPoolId, clientId, username, password: "Passw0rd!" })).body.AuthenticationResult
        const { keys } = JSON.parse((yield* raw(`/${userPoolId}/.well-known/jwks.json`)).text)
        const kid = JSON.parse(Buffer.from(tokens.IdToken.split(".")[0], "base64url").toString()).kid
        assert.strictEqual(keys.length, 1)
        assert.deepInclude(keys[0], { kid, kty: "RSA", alg: "RS256", use: "sig", e: "AQAB" })
        assert.notProperty(keys[0], "d")
      }))
  })

  describe("the official AWS SDK", () => {
    it.effect("reads our answers: dates, errors, metadata", () =>
      Effect.gen(function* () {
        const emulator = yield* TestEmulator
        const sdk = new CognitoIdentityProviderClient({ endpoint: emulator.endpoint, region: "us-east-1", credentials: { accessKeyId: "local", secretAccessKey: "local" } })
        const pool = yield* Effect.promise(() => sdk.send(new CreateUserPoolCommand({ PoolName: "sdk" })))
        assert.instanceOf(pool.UserPool?.CreationDate, Date)
        const userPoolId = pool.UserPool!.Id!
        const clientId = emulator.userPoolClientId
        yield* makeUser(userPoolId, "sdkuser", "Passw0rd!")
        const listed = yield* Effect.promise(() => sdk.send(new ListUsersCommand({ UserPoolId: userPoolId })))
        assert.instanceOf(listed.Users?.[0]?.UserCreateDate, Date)
        const missing = yield* Effect.promise(() => sdk.send(new DescribeUserPoolCommand({ UserPoolId: "us-east-1_none" })).catch((error: unknown) => error))
        assert.strictEqual((missing as Error).name, "ResourceNotFoundException")
        assert.strictEqual((missing as { $metadata: { httpStatusCode: number } }).$metadata.httpStatusCode, 400)
        const refused = yield* Effect.promise(() =>
          sdk.send(new InitiateAuthCommand({ AuthFlow: "USER_PASSWORD_AUTH", ClientId: clientId, AuthParameters: { USERNAME: "ghost@example.com", PASSWORD: "x" } })).catch((error: unknown) => error)
        )
        assert.strictEqual((refused as Error).name, "NotAuthorizedException")
        assert.strictEqual((refused as Error).message, "Incorrect username or password.")
      }))
  })

  describe("the default pool", () => {
    it.effect("start() without a seed creates a pool and a public client that allow every flow", () =>
      Effect.gen(function* () {
        const emulator = yield* TestEmulator
        assert.match(emulator.userPoolId, /^us-east-1_[0-9a-zA-Z]{9}$/)
        const client = (yield* ok("DescribeUserPoolClient", { UserPoolId: emulator.userPoolId, ClientId: emulator.userPoolClientId })).UserPoolClient
        assert.isUndefined(client.ClientSecret)
        assert.includeMembers(client.ExplicitAuthFlows, ["ALLOW_USER_SRP_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_CUSTOM_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"])
      }))
  })
})
