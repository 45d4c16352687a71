import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Ref from "effect/Ref"
import * as AuthConfig from "@cognito-effect/domain/AuthConfig"
import { CognitoServiceError, DeviceMetadataNotFoundException } from "@cognito-effect/domain/AuthError"
import * as DeviceTracking from "@cognito-effect/domain/DeviceTracking"
import { Authenticator } from "@cognito-effect/domain/services/Authenticator"
import { ModExp, modPowBigInt } from "@cognito-effect/domain/services/ModExp"
import { SecureRandom } from "@cognito-effect/domain/services/SecureRandom"
import { TokenStore } from "@cognito-effect/domain/services/TokenStore"
import * as Srp from "@cognito-effect/domain/Srp"
import { signIn } from "@cognito-effect/domain/steps/signIn"
import * as TestLayer from "./steps/TestLayer.js"

/** Random bytes from a fixed xorshift stream, so every run sends the same SRP_A and salt. */
const seededRandom = Layer.sync(SecureRandom, () => {
  let state = 0x9e3779b9
  return {
    bytes: (length) =>
      Effect.sync(() => {
        const out = new Uint8Array(length)
        for (let i = 0; i < length; i++) {
          state ^= state << 13
          state ^= state >>> 17
          state ^= state << 5
          out[i] = state & 0xff
        }
        return out
      })
  }
})

const env = (options: TestLayer.Options) =>
  Layer.mergeAll(TestLayer.layer(options), ModExp.layerBigInt, seededRandom, Authenticator.layerUnsupported)

const { device } = TestLayer

/** What a Cognito server would hold for the fixture device, and its DEVICE_PASSWORD_VERIFIER challenge. */
const server = (() => {
  const config = Srp.deviceVerifierConfig(
    { deviceGroupKey: device.deviceGroupKey, deviceKey: device.deviceKey, randomPassword: device.randomPassword, saltBytes: new Uint8Array(16).fill(0xa7) },
    modPowBigInt
  )
  const { salt, v } = Either.getOrThrow(Srp.decodeDeviceVerifierConfig(config))
  const b = BigInt(`0x${"5c".repeat(32)}`)
  const B = Srp.serverB(v, b, modPowBigInt)
  const secretBlock = Buffer.from("device-secret-block-0001").toString("base64")
  return { config, salt, b, B, secretBlock }
})()

const deviceChallenge = TestLayer.ok({
  ChallengeName: "DEVICE_PASSWORD_VERIFIER",
  Session: "c2Vzc2lvbi1kZXZpY2UtcGFzc3dvcmQtdmVyaWZpZXI",
  ChallengeParameters: {
    SRP_B: Srp.bigIntToHex(server.B),
    SALT: server.salt,
    SECRET_BLOCK: server.secretBlock,
    USERNAME: TestLayer.username,
    DEVICE_KEY: device.deviceKey
  }
})

const tokens = TestLayer.ok({
  ChallengeParameters: {},
  AuthenticationResult: {
    AccessToken: TestLayer.accessTokenString({ revocable: true }),
    IdToken: TestLayer.idTokenString(),
    RefreshToken: TestLayer.refreshTokenString,
    ExpiresIn: 3600,
    TokenType: "Bearer"
  }
})

const gone = new CognitoServiceError({
  exception: "ResourceNotFoundException",
  message: "Device does not exist.",
  operation: "RespondToAuthChallenge",
  metadata: { httpStatusCode: 400 }
})

describe("DeviceTracking", () => {
  it("recognises Cognito's answer for a forgotten device, and nothing else", () => {
    assert.isTrue(DeviceTracking.isDeviceGone(gone))
    assert.isFalse(DeviceTracking.isDeviceGone(new CognitoServiceError({ ...gone, message: "User pool client x does not exist." })))
    assert.isFalse(DeviceTracking.isDeviceGone(new CognitoServiceError({ ...gone, exception: "NotAuthorizedException" })))
    assert.isFalse(DeviceTracking.isDeviceGone(new Error("Device does not exist.")))
  })

  describe("confirmNewDevice", () => {
    const metadata = { DeviceKey: device.deviceKey, DeviceGroupKey: device.deviceGroupKey }

    it.effect("sends a verifier of a fresh random password and keeps the keys under the session's username", () =>
      Effect.gen(function* () {
        yield* DeviceTracking.confirmNewDevice(metadata, TestLayer.session())
        const sent = yield* TestLayer.onlyRequest
        assert.strictEqual(sent.operation, "ConfirmDevice")
        const body = sent.body as any
        assert.strictEqual(body.AccessToken, TestLayer.accessTokenString())
        assert.strictEqual(body.DeviceKey, device.deviceKey)
        assert.strictEqual(body.DeviceName, "cognito-effect")
        const stored = yield* (yield* TokenStore).getDeviceMetadata(TestLayer.username)
        assert.isTrue(Option.isSome(stored))
        const kept = Option.getOrThrow(stored)
        assert.strictEqual(kept.deviceKey, device.deviceKey)
        assert.strictEqual(kept.deviceGroupKey, device.deviceGroupKey)
        assert.lengthOf(Redacted.value(kept.randomPassword), 56)
        // protocol.md §4.9: v = g^x with x over DeviceGroupKey, DeviceKey, the password and the salt bytes.
        const salt = Buffer.from(body.DeviceSecretVerifierConfig.Salt, "base64")
        const x = Srp.computeX({ poolName: device.deviceGroupKey, userId: device.deviceKey, password: kept.randomPassword, saltBytes: salt })
        const verifier = Buffer.from(body.DeviceSecretVerifierConfig.PasswordVerifier, "base64")
        assert.strictEqual(Srp.bytesToBigInt(verifier), modPowBigInt(Srp.g, x))
        assert.strictEqual(verifier.toString("hex"), Srp.padHex(Srp.bytesToBigInt(verifier)))
      }).pipe(Effect.provide(env({ replies: { ConfirmDevice: TestLayer.ok({ UserConfirmationNecessary: true }) } }))))

    it.effect("swallows a refusal and then keeps nothing, as Amplify does", () =>
      Effect.gen(function* () {
        yield* DeviceTracking.confirmNewDevice(metadata, TestLayer.session())
        assert.deepStrictEqual(yield* TestLayer.operations, ["ConfirmDevice"])
        assert.isTrue(Option.isNone(yield* (yield* TokenStore).getDeviceMetadata(TestLayer.username)))
      }).pipe(
        Effect.provide(env({ replies: { ConfirmDevice: TestLayer.serviceError("NotAuthorizedException", "Access Token has been revoked") } }))
      ))

    it.effect("does nothing for metadata without both keys", () =>
      Effect.gen(function* () {
        yield* DeviceTracking.confirmNewDevice({ DeviceKey: device.deviceKey }, TestLayer.session())
        assert.deepStrictEqual(yield* TestLayer.requests, [])
      }).pipe(Effect.provide(env({}))))
  })

  describe("answerDeviceChallenge", () => {
    it.effect("proves the stored device password: the server's check accepts the claim", () =>
      Effect.gen(function* () {
        const pool = yield* AuthConfig.userPool
        const answer = yield* DeviceTracking.answerDeviceChallenge(pool, TestLayer.username, Redacted.make("c2Vzc2lvbi1kZXZpY2Utc3JwLWF1dGgtc2Vzc2lvbg"))
        assert.isDefined(answer.AuthenticationResult)
        const [srpAuth, proof] = (yield* TestLayer.requests).map((request) => request.body as any)
        assert.deepStrictEqual(Object.keys(srpAuth.ChallengeResponses).sort(), ["DEVICE_KEY", "SRP_A", "USERNAME"])
        assert.strictEqual(srpAuth.ChallengeName, "DEVICE_SRP_AUTH")
        assert.strictEqual(srpAuth.Session, "c2Vzc2lvbi1kZXZpY2Utc3JwLWF1dGgtc2Vzc2lvbg")
        assert.strictEqual(srpAuth.ChallengeResponses.DEVICE_KEY, device.deviceKey)
        assert.strictEqual(proof.ChallengeName, "DEVICE_PASSWORD_VERIFIER")
        assert.strictEqual(proof.Session, "c2Vzc2lvbi1kZXZpY2UtcGFzc3dvcmQtdmVyaWZpZXI")
        const responses = proof.ChallengeResponses
        assert.strictEqual(responses.USERNAME, TestLayer.username)
        assert.strictEqual(responses.DEVICE_KEY, device.deviceKey)
        assert.strictEqual(responses.PASSWORD_CLAIM_SECRET_BLOCK, server.secretBlock)
        assert.strictEqual(responses.TIMESTAMP, "Thu Jan 1 00:00:00 UTC 1970")
        const verify = (signature: string) =>
          Srp.verifyDevicePasswordClaim(
            {
              deviceGroupKey: device.deviceGroupKey,
              deviceKey: device.deviceKey,
              verifierConfig: server.config,
              A: Srp.hexToBigInt(srpAuth.ChallengeResponses.SRP_A),
              B: server.B,
              b: server.b,
              secretBlock: responses.PASSWORD_CLAIM_SECRET_BLOCK,
              timestamp: responses.TIMESTAMP,
              signature
            },
            modPowBigInt
          )
        assert.isTrue(verify(responses.PASSWORD_CLAIM_SIGNATURE))
        assert.isFalse(verify(Buffer.alloc(32).toString("base64")))
      }).pipe(
        Effect.provide(
          env({ session: null, devices: { [TestLayer.username]: device }, replies: { RespondToAuthChallenge: [deviceChallenge, tokens] } })
        )
      ))

    it.effect("needs stored device keys for the user", () =>
      Effect.gen(function* () {
        const pool = yield* AuthConfig.userPool
        const error = yield* Effect.flip(DeviceTracking.answerDeviceChallenge(pool, "bob", undefined))
        assert.instanceOf(error, DeviceMetadataNotFoundException)
        assert.deepStrictEqual(yield* TestLayer.requests, [])
      }).pipe(Effect.provide(env({ devices: { [TestLayer.username]: device } }))))
  })

  describe("forgetting a device Cognito no longer knows", () => {
    it.effect("retryWithoutDevice drops the keys and runs the step once more", () =>
      Effect.gen(function* () {
        const runs = yield* Ref.make(0)
        const step = Effect.flatMap(Ref.updateAndGet(runs, (n) => n + 1), (n) => (n === 1 ? Effect.fail(gone) : Effect.succeed(n)))
        assert.strictEqual(yield* DeviceTracking.retryWithoutDevice(TestLayer.username, step), 2)
        assert.isTrue(Option.isNone(yield* (yield* TokenStore).getDeviceMetadata(TestLayer.username)))
      }).pipe(Effect.provide(env({ devices: { [TestLayer.username]: device } }))))

    it.effect("retryWithoutDevice leaves other failures and the keys alone, and retries only once", () =>
      Effect.gen(function* () {
        const refused = new CognitoServiceError({ ...gone, exception: "NotAuthorizedException", message: "Incorrect username or password." })
        const error = yield* Effect.flip(DeviceTracking.retryWithoutDevice(TestLayer.username, Effect.fail(refused)))
        assert.strictEqual(error, refused)
        assert.isTrue(Option.isSome(yield* (yield* TokenStore).getDeviceMetadata(TestLayer.username)))
        const runs = yield* Ref.make(0)
        const always = Effect.zipRight(Ref.update(runs, (n) => n + 1), Effect.fail(gone))
        assert.strictEqual(yield* Effect.flip(DeviceTracking.retryWithoutDevice(TestLayer.username, always)), gone)
        assert.strictEqual(yield* Ref.get(runs), 2)
      }).pipe(Effect.provide(env({ devices: { [TestLayer.username]: device } }))))

    it.effect("forgetIfGone drops the keys and still fails", () =>
      Effect.gen(function* () {
        assert.strictEqual(yield* Effect.flip(DeviceTracking.forgetIfGone(TestLayer.username, Effect.fail(gone))), gone)
        assert.isTrue(Option.isNone(yield* (yield* TokenStore).getDeviceMetadata(TestLayer.username)))
      }).pipe(Effect.provide(env({ devices: { [TestLayer.username]: device } }))))
  })

  describe("in a sign-in", () => {
    it.effect("USER_PASSWORD_AUTH names the device and answers DEVICE_SRP_AUTH without asking the user", () =>
      Effect.gen(function* () {
        const output = yield* signIn({ username: TestLayer.username, password: "Passw0rd!", options: { authFlowType: "USER_PASSWORD_AUTH" } })
        assert.deepStrictEqual(output, { isSignedIn: true, nextStep: { signInStep: "DONE" } })
        const sent = yield* TestLayer.requests
        assert.deepStrictEqual(sent.map((request) => request.operation), ["InitiateAuth", "RespondToAuthChallenge", "RespondToAuthChallenge"])
        assert.strictEqual((sent[0]!.body as any).AuthParameters.DEVICE_KEY, device.deviceKey)
        assert.deepStrictEqual(yield* TestLayer.events, [
          { event: "signedIn", data: { username: TestLayer.username, userId: TestLayer.sub, signInDetails: { loginId: TestLayer.username, authFlowType: "USER_PASSWORD_AUTH" } } }
        ])
      }).pipe(
        Effect.provide(
          env({
            session: null,
            devices: { [TestLayer.username]: device },
            replies: {
              InitiateAuth: TestLayer.ok({ ChallengeName: "DEVICE_SRP_AUTH", Session: "c2Vzc2lvbi1kZXZpY2Utc3JwLWF1dGgtc2Vzc2lvbg", ChallengeParameters: {} }),
              RespondToAuthChallenge: [deviceChallenge, tokens]
            }
          })
        )
      ))

    it.effect("a forgotten device: the keys go and the sign-in starts again without them", () =>
      Effect.gen(function* () {
        const output = yield* signIn({ username: TestLayer.username, password: "Passw0rd!", options: { authFlowType: "USER_PASSWORD_AUTH" } })
        assert.deepStrictEqual(output, { isSignedIn: true, nextStep: { signInStep: "DONE" } })
        const sent = (yield* TestLayer.requests).map((request) => request.body as any)
        assert.strictEqual(sent[0].AuthParameters.DEVICE_KEY, device.deviceKey)
        assert.isUndefined(sent[1].AuthParameters.DEVICE_KEY)
        assert.isTrue(Option.isNone(yield* (yield* TokenStore).getDeviceMetadata(TestLayer.username)))
      }).pipe(
        Effect.provide(
          env({
            session: null,
            devices: { [TestLayer.username]: device },
            replies: { InitiateAuth: [TestLayer.serviceError("ResourceNotFoundException", "Device does not exist."), tokens] }
          })
        )
      ))
  })
})
