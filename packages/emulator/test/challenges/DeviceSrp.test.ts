import { assert, describe, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { call, claimsOf, fails, makePool, makeUser, ok, srpClient, srpSignIn, TestEmulator, uniqueName } from "../Harness.js"
import * as DeviceClient from "../DeviceClient.js"

const password = "Passw0rd!"

/** A user in a tracking pool with one confirmed device. */
const userWithDevice = (configuration: Record<string, boolean> = { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: false }) =>
  Effect.gen(function* () {
    const pool = yield* makePool({ DeviceConfiguration: configuration })
    const username = uniqueName()
    yield* makeUser(pool.userPoolId, username, password)
    const first = (yield* srpSignIn({ ...pool, username, password })).body.AuthenticationResult
    const { device } = yield* DeviceClient.confirm({ accessToken: first.AccessToken, metadata: first.NewDeviceMetadata })
    return { pool, username, device }
  })

layer(TestEmulator.layer())("DEVICE_SRP_AUTH", (it) => {
  describe("a confirmed device", () => {
    it.effect("proves itself after the password; the tokens carry it and no new device", () =>
      Effect.gen(function* () {
        const { pool, username, device } = yield* userWithDevice()
        const { answer, challenges } = yield* DeviceClient.signIn({ ...pool, username, password, device })
        assert.deepStrictEqual(challenges, ["DEVICE_SRP_AUTH", "DEVICE_PASSWORD_VERIFIER"])
        assert.strictEqual(answer.status, 200, JSON.stringify(answer.body))
        const result = answer.body.AuthenticationResult
        assert.isUndefined(result.NewDeviceMetadata)
        assert.strictEqual(claimsOf(result.AccessToken)["device_key"], device.key)
      }))

    it.effect("the challenges carry what Amplify reads: a Session, then SALT, SRP_B, SECRET_BLOCK, USERNAME", () =>
      Effect.gen(function* () {
        const { pool, username, device } = yield* userWithDevice()
        const emulator = yield* TestEmulator
        const first = yield* srpSignIn({ ...pool, username, password })
        assert.isDefined(first.body.AuthenticationResult)
        // Ask for the device challenge by hand to look at it.
        const client = srpClient()
        const challenge = yield* ok("InitiateAuth", { AuthFlow: "USER_SRP_AUTH", ClientId: pool.clientId, AuthParameters: { USERNAME: username, SRP_A: client.srpA } })
        const responses = client.answer({
          userPoolId: pool.userPoolId,
          password,
          parameters: challenge.ChallengeParameters,
          now: new Date(emulator.clock.unsafeCurrentTimeMillis())
        })
        const deviceChallenge = yield* ok("RespondToAuthChallenge", {
          ChallengeName: "PASSWORD_VERIFIER",
          ClientId: pool.clientId,
          ChallengeResponses: { ...responses, DEVICE_KEY: device.key }
        })
        assert.strictEqual(deviceChallenge.ChallengeName, "DEVICE_SRP_AUTH")
        assert.isAtLeast(deviceChallenge.Session.length, 20)
        const { verifier, answer } = yield* DeviceClient.answerDeviceChallenge({
          clientId: pool.clientId,
          username,
          session: deviceChallenge.Session,
          device
        })
        assert.strictEqual(verifier.ChallengeName, "DEVICE_PASSWORD_VERIFIER")
        assert.isString(verifier.Session)
        const parameters = verifier.ChallengeParameters
        assert.match(parameters.SALT, /^[0-9a-f]+$/)
        assert.match(parameters.SRP_B, /^[0-9a-f]+$/)
        assert.strictEqual(parameters.USERNAME, username)
        assert.strictEqual(parameters.DEVICE_KEY, device.key)
        assert.strictEqual(answer.status, 200)
      }))

    it.effect("a tampered device secret is refused", () =>
      Effect.gen(function* () {
        const { pool, username, device } = yield* userWithDevice()
        const tampered = { ...device, password: `x${device.password.slice(1)}` }
        const { answer, challenges } = yield* DeviceClient.signIn({ ...pool, username, password, device: tampered })
        assert.deepStrictEqual(challenges, ["DEVICE_SRP_AUTH", "DEVICE_PASSWORD_VERIFIER"])
        assert.deepStrictEqual(answer.body, { __type: "NotAuthorizedException", message: "Incorrect username or password." })
      }))

    it.effect("the wrong group key is refused too (it is part of x)", () =>
      Effect.gen(function* () {
        const { pool, username, device } = yield* userWithDevice()
        const { answer } = yield* DeviceClient.signIn({ ...pool, username, password, device: { ...device, groupKey: "-AAAAAAAAA" } })
        assert.strictEqual(answer.body.__type, "NotAuthorizedException")
      }))
  })

  describe("with MFA", () => {
    /** An MFA (SMS) user whose first sign-in answered the code and confirmed the device. */
    const mfaUserWithDevice = (configuration: Record<string, boolean>) =>
      Effect.gen(function* () {
        const emulator = yield* TestEmulator
        const pool = yield* makePool({ MfaConfiguration: "ON", DeviceConfiguration: configuration })
        const username = uniqueName()
        yield* makeUser(pool.userPoolId, username, password, { phone_number: "+15555550100" })
        const challenge = (yield* srpSignIn({ ...pool, username, password })).body
        assert.strictEqual(challenge.ChallengeName, "SMS_MFA")
        const result = (yield* answerSms(pool.clientId, username, challenge.Session, emulator.latestCode(username, "SMS_MFA")!)).AuthenticationResult
        const { device } = yield* DeviceClient.confirm({ accessToken: result.AccessToken, metadata: result.NewDeviceMetadata })
        return { pool, username, device }
      })

    const answerSms = (clientId: string, username: string, session: string, code: string) =>
      ok("RespondToAuthChallenge", {
        ChallengeName: "SMS_MFA",
        ClientId: clientId,
        Session: session,
        ChallengeResponses: { USERNAME: username, SMS_MFA_CODE: code }
      })

    it.effect("a remembered device stands in for MFA when the pool sets ChallengeRequiredOnNewDevice", () =>
      Effect.gen(function* () {
        const emulator = yield* TestEmulator
        const { pool, username, device } = yield* mfaUserWithDevice({ ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: false })
        const sent = emulator.inbox(username, { purpose: "SMS_MFA" }).length
        const { answer, challenges } = yield* DeviceClient.signIn({ ...pool, username, password, device })
        assert.deepStrictEqual(challenges, ["DEVICE_SRP_AUTH", "DEVICE_PASSWORD_VERIFIER"])
        assert.strictEqual(claimsOf(answer.body.AuthenticationResult.AccessToken)["device_key"], device.key)
        assert.lengthOf(emulator.inbox(username, { purpose: "SMS_MFA" }), sent)
      }))

    it.effect("a device not remembered proves itself and MFA follows", () =>
      Effect.gen(function* () {
        const emulator = yield* TestEmulator
        const { pool, username, device } = yield* mfaUserWithDevice({ ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: true })
        const { answer } = yield* DeviceClient.signIn({ ...pool, username, password, device })
        assert.strictEqual(answer.body.ChallengeName, "SMS_MFA")
        const done = yield* answerSms(pool.clientId, username, answer.body.Session, emulator.latestCode(username, "SMS_MFA")!)
        assert.isUndefined(done.AuthenticationResult.NewDeviceMetadata)
        assert.strictEqual(claimsOf(done.AuthenticationResult.AccessToken)["device_key"], device.key)
      }))

    it.effect("without ChallengeRequiredOnNewDevice even a remembered device gets MFA", () =>
      Effect.gen(function* () {
        const { pool, username, device } = yield* mfaUserWithDevice({ ChallengeRequiredOnNewDevice: false, DeviceOnlyRememberedOnUserPrompt: false })
        const { answer, challenges } = yield* DeviceClient.signIn({ ...pool, username, password, device })
        assert.deepStrictEqual(challenges, ["DEVICE_SRP_AUTH", "DEVICE_PASSWORD_VERIFIER"])
        assert.strictEqual(answer.body.ChallengeName, "SMS_MFA")
      }))
  })

  describe("a device Cognito does not know", () => {
    it.effect("is 'Device does not exist.' after the password (SRP) or with it (USER_PASSWORD_AUTH)", () =>
      Effect.gen(function* () {
        const { pool, username, device } = yield* userWithDevice()
        const unknown = { ...device, key: "us-east-1_00000000-0000-4000-8000-000000000000" }
        const { answer } = yield* DeviceClient.signIn({ ...pool, username, password, device: unknown })
        assert.deepStrictEqual(answer.body, { __type: "ResourceNotFoundException", message: "Device does not exist." })
        const direct = yield* fails("InitiateAuth", {
          AuthFlow: "USER_PASSWORD_AUTH",
          ClientId: pool.clientId,
          AuthParameters: { USERNAME: username, PASSWORD: password, DEVICE_KEY: unknown.key }
        })
        assert.deepStrictEqual(direct, ["ResourceNotFoundException", "Device does not exist."])
      }))

    it.effect("another user's device does not exist for this user", () =>
      Effect.gen(function* () {
        const { pool, device } = yield* userWithDevice()
        const other = uniqueName()
        yield* makeUser(pool.userPoolId, other, password)
        const { answer } = yield* DeviceClient.signIn({ ...pool, username: other, password, device })
        assert.strictEqual(answer.body.__type, "ResourceNotFoundException")
      }))

    it.effect("a forgotten device does not exist", () =>
      Effect.gen(function* () {
        const { pool, username, device } = yield* userWithDevice()
        const signedIn = (yield* DeviceClient.signIn({ ...pool, username, password, device })).answer.body.AuthenticationResult
        yield* ok("ForgetDevice", { AccessToken: signedIn.AccessToken, DeviceKey: device.key })
        const { answer } = yield* DeviceClient.signIn({ ...pool, username, password, device })
        assert.deepStrictEqual(answer.body, { __type: "ResourceNotFoundException", message: "Device does not exist." })
      }))
  })

  it.effect("USER_PASSWORD_AUTH with DEVICE_KEY goes through DEVICE_SRP_AUTH as well", () =>
    Effect.gen(function* () {
      const { pool, username, device } = yield* userWithDevice()
      const challenge = yield* ok("InitiateAuth", {
        AuthFlow: "USER_PASSWORD_AUTH",
        ClientId: pool.clientId,
        AuthParameters: { USERNAME: username, PASSWORD: password, DEVICE_KEY: device.key }
      })
      assert.strictEqual(challenge.ChallengeName, "DEVICE_SRP_AUTH")
      const { answer } = yield* DeviceClient.answerDeviceChallenge({ clientId: pool.clientId, username, session: challenge.Session, device })
      assert.strictEqual(claimsOf(answer.body.AuthenticationResult.AccessToken)["device_key"], device.key)
    }))

  it.effect("a device sign-in updates the device's last authentication", () =>
    Effect.gen(function* () {
      const { pool, username, device } = yield* userWithDevice()
      const emulator = yield* TestEmulator
      const before = emulator.emulator.store.devices.get(device.key)!
      emulator.clock.adjust("30 seconds")
      const { answer } = yield* DeviceClient.signIn({ ...pool, username, password, device })
      assert.strictEqual(answer.status, 200)
      const after = emulator.emulator.store.devices.get(device.key)!
      assert.isAbove(after.lastAuthenticatedAt, before.lastAuthenticatedAt)
      assert.strictEqual(after.createdAt, before.createdAt)
      assert.strictEqual(after.lastIp, "127.0.0.1")
    }))

  it.effect("DEVICE_SRP_AUTH needs SRP_A, and its session answers nothing else", () =>
    Effect.gen(function* () {
      const { pool, username, device } = yield* userWithDevice()
      const challenge = () =>
        ok("InitiateAuth", {
          AuthFlow: "USER_PASSWORD_AUTH",
          ClientId: pool.clientId,
          AuthParameters: { USERNAME: username, PASSWORD: password, DEVICE_KEY: device.key }
        })
      const missing = yield* call("RespondToAuthChallenge", {
        ChallengeName: "DEVICE_SRP_AUTH",
        ClientId: pool.clientId,
        Session: (yield* challenge()).Session,
        ChallengeResponses: { USERNAME: username, DEVICE_KEY: device.key }
      })
      assert.deepStrictEqual(missing.body, { __type: "InvalidParameterException", message: "Missing required parameter SRP_A" })
      const wrong = yield* fails("RespondToAuthChallenge", {
        ChallengeName: "DEVICE_PASSWORD_VERIFIER",
        ClientId: pool.clientId,
        Session: (yield* challenge()).Session,
        ChallengeResponses: { USERNAME: username, DEVICE_KEY: device.key, PASSWORD_CLAIM_SIGNATURE: "AAAA", TIMESTAMP: "Tue Mar 5 07:05:09 UTC 2024" }
      })
      assert.deepStrictEqual(wrong, ["NotAuthorizedException", "Invalid session for the user."])
    }))
})
