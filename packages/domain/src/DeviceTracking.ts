/**
 * Remembered devices, client side: confirming a new device after sign-in (`ConfirmDevice` with an
 * SRP verifier of a random device password) and answering `DEVICE_SRP_AUTH` on later sign-ins,
 * which lets a remembered device skip MFA. Device keys live in the token store under Amplify's
 * keys and survive sign-out.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import { CognitoServiceError, DeviceMetadataNotFoundException, type StorageError } from "./AuthError.js"
import type { UserPoolConfig } from "./AuthConfig.js"
import * as PasswordVerifier from "./challenges/PasswordVerifier.js"
import * as Srp from "./Srp.js"
import { CognitoClient } from "./services/CognitoClient.js"
import { ModExp } from "./services/ModExp.js"
import { SecureRandom } from "./services/SecureRandom.js"
import { TokenStore } from "./services/TokenStore.js"
import * as UserContextData from "./services/UserContextData.js"
import type * as Tokens from "./Tokens.js"
import * as ConfirmDevice from "./wire/ConfirmDevice.js"
import * as RespondToAuthChallenge from "./wire/RespondToAuthChallenge.js"
import type * as Shapes from "./wire/Shapes.js"

/**
 * Cognito's answer when a sent `DEVICE_KEY` is unknown (forgotten elsewhere): Amplify then drops
 * its device keys and runs the step once more.
 * @since 0.1.0
 */
export const isDeviceGone = (error: unknown): error is CognitoServiceError =>
  error instanceof CognitoServiceError &&
  error.exception === "ResourceNotFoundException" &&
  error.message.includes("Device does not exist.")

/** Drops the device keys of `username` when `effect` fails because Cognito no longer knows the device. @since 0.1.0 */
export const forgetIfGone = <A, E, R>(username: string, effect: Effect.Effect<A, E, R>) =>
  Effect.tapError(effect, (error) =>
    isDeviceGone(error) ? Effect.flatMap(TokenStore, (store) => Effect.ignore(store.clearDeviceMetadata(username))) : Effect.void
  )

/** Runs `effect` again once, without device keys for `username`, if Cognito no longer knows the device. @since 0.1.0 */
export const retryWithoutDevice = <A, E, R>(
  username: string,
  effect: Effect.Effect<A, E, R>
): Effect.Effect<A, E | StorageError, R | TokenStore> =>
  Effect.catchIf(
    effect,
    (error: E) => isDeviceGone(error),
    () => Effect.flatMap(TokenStore, (store) => store.clearDeviceMetadata(username)).pipe(Effect.zipRight(effect))
  )

/** The name Cognito shows for the device: the browser's user agent where there is one. @since 0.1.0 */
export const deviceName = (): string => globalThis.navigator?.userAgent ?? "cognito-effect"

/**
 * Confirms the device Cognito just issued and remembers its keys. Failures are swallowed, as in
 * Amplify: the sign-in stands, and without stored keys the device is simply not remembered.
 * @since 0.1.0
 */
export const confirmNewDevice = Effect.fn("DeviceTracking.confirmNewDevice")(function* (
  metadata: typeof Shapes.NewDeviceMetadata.Type,
  tokens: Tokens.TokenSet
) {
  const { DeviceKey: deviceKey, DeviceGroupKey: deviceGroupKey } = metadata
  if (deviceKey === undefined || deviceGroupKey === undefined) return
  const random = yield* SecureRandom
  const randomPassword = Redacted.make(Srp.randomDevicePassword(yield* random.bytes(40)))
  const saltBytes = yield* random.bytes(16)
  const { modPow } = yield* ModExp
  const verifier = Srp.deviceVerifierConfig({ deviceGroupKey, deviceKey, randomPassword, saltBytes }, modPow)
  const confirmed = yield* Effect.either(
    (yield* CognitoClient).call(ConfirmDevice.operation, {
      AccessToken: tokens.accessToken.raw,
      DeviceKey: deviceKey,
      DeviceName: deviceName(),
      DeviceSecretVerifierConfig: { Salt: verifier.Salt, PasswordVerifier: Redacted.make(verifier.PasswordVerifier) }
    })
  )
  if (confirmed._tag === "Left") return
  yield* (yield* TokenStore).storeDeviceMetadata(tokens.username, { deviceKey, deviceGroupKey, randomPassword })
})

/**
 * Answers `DEVICE_SRP_AUTH` and the `DEVICE_PASSWORD_VERIFIER` that follows, with the device's
 * stored secret; returns Cognito's answer to the proof.
 * @since 0.1.0
 */
export const answerDeviceChallenge = Effect.fn("DeviceTracking.answerDeviceChallenge")(function* (
  pool: UserPoolConfig,
  username: string,
  session: Redacted.Redacted<string> | undefined
) {
  const device = yield* (yield* TokenStore).getDeviceMetadata(username)
  if (Option.isNone(device)) return yield* new DeviceMetadataNotFoundException()
  const { deviceKey, deviceGroupKey, randomPassword } = device.value
  const client = yield* CognitoClient
  const ephemeral = yield* PasswordVerifier.start
  const verifier = yield* client.call(RespondToAuthChallenge.operation, {
    ChallengeName: "DEVICE_SRP_AUTH",
    ClientId: pool.userPoolClientId,
    ChallengeResponses: {
      USERNAME: Redacted.make(username),
      SRP_A: Redacted.make(ephemeral.srpA),
      DEVICE_KEY: Redacted.make(deviceKey)
    },
    ...(session === undefined ? {} : { Session: session }),
    ...(yield* UserContextData.member(pool, username))
  })
  const parameters = verifier.ChallengeParameters ?? {}
  const proof = yield* PasswordVerifier.respond(parameters, ephemeral, {
    poolName: deviceGroupKey,
    userId: deviceKey,
    password: randomPassword
  })
  const responses: Record<string, Redacted.Redacted<string>> = {
    USERNAME: Redacted.make(parameters["USERNAME"] ?? username),
    DEVICE_KEY: Redacted.make(deviceKey)
  }
  for (const [key, value] of Object.entries(proof)) responses[key] = Redacted.make(value)
  const nextSession = verifier.Session ?? session
  return yield* client.call(RespondToAuthChallenge.operation, {
    ChallengeName: "DEVICE_PASSWORD_VERIFIER",
    ClientId: pool.userPoolClientId,
    ChallengeResponses: responses,
    ...(nextSession === undefined ? {} : { Session: nextSession }),
    ...(yield* UserContextData.member(pool, username))
  })
})
