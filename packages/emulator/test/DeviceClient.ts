/**
 * Test support (not a test file): the client half of remembered devices, built from the domain's
 * `Srp` functions as Amplify does it — a verifier for ConfirmDevice, and an SRP sign-in that names
 * a device and answers DEVICE_SRP_AUTH / DEVICE_PASSWORD_VERIFIER.
 */
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Redacted from "effect/Redacted"
import { modPow } from "@cognito-effect/adapters/NodeModExp"
import * as Srp from "@cognito-effect/domain/Srp"
import * as NodeCrypto from "node:crypto"
import { type Answer, call, ok, srpClient, TestEmulator } from "./Harness.js"

/** What the client keeps for a confirmed device. */
export interface Device {
  readonly key: string
  readonly groupKey: string
  readonly password: string
}

/** Confirms the device a sign-in issued; returns it and ConfirmDevice's answer. */
export const confirm = (input: {
  readonly accessToken: string
  readonly metadata: { readonly DeviceKey: string; readonly DeviceGroupKey: string }
  readonly name?: string
}) =>
  Effect.gen(function* () {
    const password = Srp.randomDevicePassword(NodeCrypto.randomBytes(40))
    const config = Srp.deviceVerifierConfig(
      {
        deviceGroupKey: input.metadata.DeviceGroupKey,
        deviceKey: input.metadata.DeviceKey,
        randomPassword: Redacted.make(password),
        saltBytes: NodeCrypto.randomBytes(16)
      },
      modPow
    )
    const answer = yield* ok("ConfirmDevice", {
      AccessToken: input.accessToken,
      DeviceKey: input.metadata.DeviceKey,
      DeviceName: input.name ?? "Test Browser",
      DeviceSecretVerifierConfig: config
    })
    const device: Device = { key: input.metadata.DeviceKey, groupKey: input.metadata.DeviceGroupKey, password }
    return { device, answer }
  })

const now = Effect.map(TestEmulator, (emulator) => new Date(emulator.clock.unsafeCurrentTimeMillis()))

/** Answers DEVICE_SRP_AUTH and the DEVICE_PASSWORD_VERIFIER that follows; returns the last answer. */
export const answerDeviceChallenge = (input: {
  readonly clientId: string
  readonly username: string
  readonly session: string
  readonly device: Device
}) =>
  Effect.gen(function* () {
    const a = Srp.generateSmallA(NodeCrypto.randomBytes(128))
    const A = Either.getOrThrow(Srp.generateA(a, modPow))
    const verifier = yield* ok("RespondToAuthChallenge", {
      ChallengeName: "DEVICE_SRP_AUTH",
      ClientId: input.clientId,
      Session: input.session,
      ChallengeResponses: { USERNAME: input.username, SRP_A: Srp.bigIntToHex(A), DEVICE_KEY: input.device.key }
    })
    const parameters: Record<string, string> = verifier.ChallengeParameters
    const timestamp = Srp.formatTimestamp(yield* now)
    const claim = Either.getOrThrow(
      Srp.passwordClaim(
        {
          poolName: input.device.groupKey,
          userId: input.device.key,
          password: Redacted.make(input.device.password),
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
    const answer = yield* call("RespondToAuthChallenge", {
      ChallengeName: "DEVICE_PASSWORD_VERIFIER",
      ClientId: input.clientId,
      Session: verifier.Session,
      ChallengeResponses: {
        USERNAME: parameters["USERNAME"] ?? input.username,
        PASSWORD_CLAIM_SECRET_BLOCK: parameters["SECRET_BLOCK"]!,
        TIMESTAMP: timestamp,
        PASSWORD_CLAIM_SIGNATURE: claim.signature,
        DEVICE_KEY: input.device.key
      }
    })
    return { verifier, answer }
  })

/**
 * USER_SRP_AUTH naming `device` in the PASSWORD_VERIFIER answer (as Amplify does), answering a
 * DEVICE_SRP_AUTH that follows; returns the last answer and the challenge names met on the way.
 */
export const signIn = (input: {
  readonly userPoolId: string
  readonly clientId: string
  readonly username: string
  readonly password: string
  readonly device?: Device
}) =>
  Effect.gen(function* () {
    const client = srpClient()
    const challenge = yield* ok("InitiateAuth", {
      AuthFlow: "USER_SRP_AUTH",
      ClientId: input.clientId,
      AuthParameters: { USERNAME: input.username, SRP_A: client.srpA }
    })
    const responses = client.answer({
      userPoolId: input.userPoolId,
      password: input.password,
      parameters: challenge.ChallengeParameters,
      now: yield* now
    })
    let answer: Answer = yield* call("RespondToAuthChallenge", {
      ChallengeName: "PASSWORD_VERIFIER",
      ClientId: input.clientId,
      ChallengeResponses: { ...responses, ...(input.device !== undefined ? { DEVICE_KEY: input.device.key } : {}) }
    })
    const challenges: Array<string> = []
    if (answer.status === 200 && answer.body.ChallengeName === "DEVICE_SRP_AUTH" && input.device !== undefined) {
      challenges.push("DEVICE_SRP_AUTH", "DEVICE_PASSWORD_VERIFIER")
      answer = (yield* answerDeviceChallenge({
        clientId: input.clientId,
        username: responses.USERNAME,
        session: answer.body.Session,
        device: input.device
      })).answer
    }
    return { answer, challenges }
  })
