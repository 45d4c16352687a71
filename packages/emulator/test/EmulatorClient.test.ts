import { assert, describe, it, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Redacted from "effect/Redacted"
import * as TestClock from "effect/TestClock"
import { modPow } from "@cognito-effect/adapters/NodeModExp"
import { CognitoClient } from "@cognito-effect/domain/services/CognitoClient"
import * as Srp from "@cognito-effect/domain/Srp"
import * as Tokens from "@cognito-effect/domain/Tokens"
import * as ConfirmSignUp from "@cognito-effect/domain/wire/ConfirmSignUp"
import * as CreateUserPool from "@cognito-effect/domain/wire/CreateUserPool"
import * as CreateUserPoolClient from "@cognito-effect/domain/wire/CreateUserPoolClient"
import * as GetUser from "@cognito-effect/domain/wire/GetUser"
import * as InitiateAuth from "@cognito-effect/domain/wire/InitiateAuth"
import * as RespondToAuthChallenge from "@cognito-effect/domain/wire/RespondToAuthChallenge"
import * as SignUp from "@cognito-effect/domain/wire/SignUp"
import * as NodeCrypto from "node:crypto"
import { Emulator } from "../src/Emulator.js"
import * as EmulatorClient from "../src/EmulatorClient.js"

const password = Redacted.make("Passw0rd!")

const setup = Effect.gen(function* () {
  const cognito = yield* CognitoClient
  const pool = yield* cognito.call(CreateUserPool.operation, { PoolName: "in-process", UsernameAttributes: ["email"], AutoVerifiedAttributes: ["email"] })
  const userPoolId = pool.UserPool!.Id!
  const client = yield* cognito.call(CreateUserPoolClient.operation, { UserPoolId: userPoolId, ClientName: "c", ExplicitAuthFlows: ["ALLOW_USER_SRP_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] })
  return { userPoolId, clientId: client.UserPoolClient!.ClientId! }
})

let counter = 0
const newEmail = () => `in-process-${counter++}@example.com`

layer(EmulatorClient.layerInMemory())("EmulatorClient", (it) => {
  it.effect("serves the CognitoClient port with the shared codecs: typed inputs, decoded outputs", () =>
    Effect.gen(function* () {
      const cognito = yield* CognitoClient
      const emulator = yield* Emulator
      const { clientId } = yield* setup
      const email = newEmail()
      const signedUp = yield* cognito.call(SignUp.operation, { ClientId: clientId, Username: email, Password: password })
      assert.strictEqual(signedUp.UserConfirmed, false)
      assert.strictEqual(signedUp.CodeDeliveryDetails?.DeliveryMedium, "EMAIL")
      const code = emulator.inbox.latest({ username: email, purpose: "SIGN_UP" })!.code
      yield* cognito.call(ConfirmSignUp.operation, { ClientId: clientId, Username: email, ConfirmationCode: Redacted.make(code) })
      const result = yield* cognito.call(InitiateAuth.operation, {
        AuthFlow: "USER_PASSWORD_AUTH",
        ClientId: clientId,
        AuthParameters: { USERNAME: Redacted.make(email), PASSWORD: password }
      })
      const access = Either.getOrThrow(Tokens.decode(Redacted.value(result.AuthenticationResult!.AccessToken!)))
      assert.strictEqual(access.payload["token_use"], "access")
      const user = yield* cognito.call(GetUser.operation, { AccessToken: result.AuthenticationResult!.AccessToken! })
      assert.deepInclude(user.UserAttributes, { Name: "email_verified", Value: "true" })
    }))

  it.effect("Cognito errors arrive as CognitoServiceError with the exception name and status", () =>
    Effect.gen(function* () {
      const cognito = yield* CognitoClient
      const { clientId } = yield* setup
      const error = yield* Effect.flip(
        cognito.call(InitiateAuth.operation, { AuthFlow: "USER_PASSWORD_AUTH", ClientId: clientId, AuthParameters: { USERNAME: Redacted.make("ghost@example.com"), PASSWORD: password } })
      )
      assert.strictEqual(error._tag, "CognitoServiceError")
      if (error._tag === "CognitoServiceError") {
        assert.strictEqual(error.exception, "UserNotFoundException")
        assert.strictEqual(error.metadata.httpStatusCode, 400)
        assert.isString(error.metadata.requestId)
      }
    }))

  it.effect("runs on the caller's Clock: TestClock ages a code past its 24 hours", () =>
    Effect.gen(function* () {
      const cognito = yield* CognitoClient
      const emulator = yield* Emulator
      const { clientId } = yield* setup
      const email = newEmail()
      yield* cognito.call(SignUp.operation, { ClientId: clientId, Username: email, Password: password })
      const code = emulator.inbox.latest({ username: email })!.code
      yield* TestClock.adjust("25 hours")
      const error = yield* Effect.flip(cognito.call(ConfirmSignUp.operation, { ClientId: clientId, Username: email, ConfirmationCode: Redacted.make(code) }))
      assert.strictEqual(error._tag === "CognitoServiceError" ? error.exception : error._tag, "ExpiredCodeException")
    }))

  it.effect("SRP with the domain's client functions, timestamps on the same TestClock", () =>
    Effect.gen(function* () {
      const cognito = yield* CognitoClient
      const emulator = yield* Emulator
      const { userPoolId, clientId } = yield* setup
      const email = newEmail()
      yield* cognito.call(SignUp.operation, { ClientId: clientId, Username: email, Password: password })
      yield* cognito.call(ConfirmSignUp.operation, { ClientId: clientId, Username: email, ConfirmationCode: Redacted.make(emulator.inbox.latest({ username: email })!.code) })
      const a = Srp.generateSmallA(NodeCrypto.randomBytes(128))
      const A = Either.getOrThrow(Srp.generateA(a, modPow))
      const challenge = yield* cognito.call(InitiateAuth.operation, {
        AuthFlow: "USER_SRP_AUTH",
        ClientId: clientId,
        AuthParameters: { USERNAME: Redacted.make(email), SRP_A: Redacted.make(Srp.bigIntToHex(A)) }
      })
      const parameters = challenge.ChallengeParameters!
      const now = yield* TestClock.currentTimeMillis
      const timestamp = Srp.formatTimestamp(new Date(now))
      const claim = Either.getOrThrow(
        Srp.passwordClaim(
          {
            poolName: Srp.poolName(userPoolId),
            userId: parameters["USER_ID_FOR_SRP"]!,
            password,
            salt: parameters["SALT"]!,
            srpB: parameters["SRP_B"]!,
            secretBlock: parameters["SECRET_BLOCK"]!,
            timestamp,
            a,
            A
          },
          modPow
        )
      )
      const done = yield* cognito.call(RespondToAuthChallenge.operation, {
        ChallengeName: "PASSWORD_VERIFIER",
        ClientId: clientId,
        ChallengeResponses: {
          USERNAME: Redacted.make(parameters["USER_ID_FOR_SRP"]!),
          PASSWORD_CLAIM_SECRET_BLOCK: Redacted.make(parameters["SECRET_BLOCK"]!),
          TIMESTAMP: Redacted.make(timestamp),
          PASSWORD_CLAIM_SIGNATURE: Redacted.make(claim.signature)
        }
      })
      const id = Either.getOrThrow(Tokens.decode(Redacted.value(done.AuthenticationResult!.IdToken!)))
      assert.strictEqual(id.payload["email"], email)
      assert.strictEqual(id.payload.iat, Math.floor(now / 1000))
    }))
})

describe("EmulatorClient.layer", () => {
  it.scoped("wraps a given emulator", () =>
    Effect.gen(function* () {
      const emulator = yield* Emulator
      const pool = yield* Effect.flatMap(CognitoClient, (cognito) => cognito.call(CreateUserPool.operation, { PoolName: "given" })).pipe(
        Effect.provide(EmulatorClient.layer(emulator))
      )
      assert.isTrue(emulator.store.pools.has(pool.UserPool!.Id!))
    }).pipe(Effect.provide(Emulator.layer())))
})
