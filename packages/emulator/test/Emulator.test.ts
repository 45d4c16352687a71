import { assert, describe, it, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as TestClock from "effect/TestClock"
import * as CreateUserPool from "@cognito-effect/domain/wire/CreateUserPool"
import * as CreateUserPoolClient from "@cognito-effect/domain/wire/CreateUserPoolClient"
import * as Redacted from "effect/Redacted"
import * as SignUp from "@cognito-effect/domain/wire/SignUp"
import * as ConfirmSignUp from "@cognito-effect/domain/wire/ConfirmSignUp"
import { Emulator, errorResponse } from "../src/Emulator.js"
import * as CognitoException from "../src/CognitoException.js"

const request = (operation: string, body: unknown) => ({
  target: `AWSCognitoIdentityProviderService.${operation}`,
  body: typeof body === "string" ? body : JSON.stringify(body)
})

const setup = Effect.gen(function* () {
  const emulator = yield* Emulator
  const pool = yield* emulator.call(CreateUserPool.operation, { PoolName: "engine", AutoVerifiedAttributes: ["email"] })
  const client = yield* emulator.call(CreateUserPoolClient.operation, { UserPoolId: pool.UserPool!.Id!, ClientName: "c" })
  return { emulator, userPoolId: pool.UserPool!.Id!, clientId: client.UserPoolClient!.ClientId! }
})

layer(Emulator.layer())("Emulator", (it) => {
  it.effect("call runs a handler on a typed input; handle answers the same operation as JSON", () =>
    Effect.gen(function* () {
      const { emulator, userPoolId } = yield* setup
      const response = yield* emulator.handle(request("DescribeUserPool", { UserPoolId: userPoolId }))
      assert.strictEqual(response.status, 200)
      assert.strictEqual(JSON.parse(response.body).UserPool.Id, userPoolId)
      assert.strictEqual(response.headers["content-type"], "application/x-amz-json-1.1")
    }))

  it.effect("a defect in a handler is InternalErrorException with status 500, and the engine keeps serving", () =>
    Effect.gen(function* () {
      const { emulator, userPoolId, clientId } = yield* setup
      yield* emulator.call(SignUp.operation, { ClientId: clientId, Username: "broken", Password: Redacted.make("Passw0rd!"), UserAttributes: [{ Name: "email", Value: "b@example.com" }] })
      // Damage the stored verifier so the SRP math throws.
      const state = emulator.store.pools.get(userPoolId)!
      const user = state.users.get("broken")!
      emulator.store.putUser(state, { ...user, status: "CONFIRMED", password: { ...user.password!, verifier: "not hex" } })
      const response = yield* emulator.handle(
        request("InitiateAuth", { AuthFlow: "USER_SRP_AUTH", ClientId: clientId, AuthParameters: { USERNAME: "broken", SRP_A: "abc123" } })
      )
      assert.strictEqual(response.status, 500)
      assert.strictEqual(JSON.parse(response.body).__type, "InternalErrorException")
      assert.strictEqual((yield* emulator.handle(request("DescribeUserPool", { UserPoolId: userPoolId }))).status, 200)
    }))

  it.effect("identical retries of a replayable operation get the first answer for 10 seconds only", () =>
    Effect.gen(function* () {
      const { emulator, clientId } = yield* setup
      yield* emulator.call(SignUp.operation, { ClientId: clientId, Username: "replay", Password: Redacted.make("Passw0rd!"), UserAttributes: [{ Name: "email", Value: "r@example.com" }] })
      const code = emulator.inbox.latest({ username: "replay" })!.code
      const confirm = request("ConfirmSignUp", { ClientId: clientId, Username: "replay", ConfirmationCode: code })
      assert.strictEqual((yield* emulator.handle(confirm)).status, 200)
      assert.strictEqual((yield* emulator.handle(confirm)).status, 200)
      yield* TestClock.adjust("11 seconds")
      const late = yield* emulator.handle(confirm)
      assert.strictEqual(late.status, 400)
      assert.strictEqual(JSON.parse(late.body).message, "User cannot be confirmed. Current status is CONFIRMED")
    }))

  it.effect("failures are not replayed: a retry is judged afresh", () =>
    Effect.gen(function* () {
      const { emulator, clientId } = yield* setup
      yield* emulator.call(SignUp.operation, { ClientId: clientId, Username: "fresh", Password: Redacted.make("Passw0rd!"), UserAttributes: [{ Name: "email", Value: "f@example.com" }] })
      const wrong = request("ConfirmSignUp", { ClientId: clientId, Username: "fresh", ConfirmationCode: "not-it" })
      assert.strictEqual((yield* emulator.handle(wrong)).status, 400)
      const code = emulator.inbox.latest({ username: "fresh" })!.code
      yield* emulator.call(ConfirmSignUp.operation, { ClientId: clientId, Username: "fresh", ConfirmationCode: Redacted.make(code) })
      assert.strictEqual(JSON.parse((yield* emulator.handle(wrong)).body).message, "User cannot be confirmed. Current status is CONFIRMED")
    }))

  it.effect("setEndpoint changes the issuer of new tokens", () =>
    Effect.gen(function* () {
      const { emulator, userPoolId } = yield* setup
      emulator.setEndpoint("http://localhost:4000/")
      assert.strictEqual(`${emulator.backend.endpoint()}/${userPoolId}`, `http://localhost:4000/${userPoolId}`)
    }))
})

describe("errorResponse", () => {
  it("renders Cognito's envelope", () => {
    const response = errorResponse("id-1", CognitoException.notAuthorized("Incorrect username or password."))
    assert.strictEqual(response.status, 400)
    assert.deepStrictEqual(JSON.parse(response.body), { __type: "NotAuthorizedException", message: "Incorrect username or password." })
    assert.strictEqual(response.headers["x-amzn-errortype"], "NotAuthorizedException:")
    assert.strictEqual(response.headers["x-amzn-requestid"], "id-1")
  })

  it("never puts a message that cannot be a header value in a header", () => {
    const response = errorResponse("id-2", CognitoException.invalidParameter("line one\nline two"))
    assert.isUndefined(response.headers["x-amzn-errormessage"])
    assert.strictEqual(errorResponse("id-3", CognitoException.internal()).status, 500)
  })
})
