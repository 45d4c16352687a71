/**
 * The domain's `CognitoClient` port answered by an emulator in the same process, no HTTP: each
 * call is encoded with the operation's request Schema, handled by `Emulator.handle` exactly as an
 * HTTP request would be, and decoded by `AwsJson.decodeResponse` — the path the HTTP Layers take.
 * Retries are off by default (an in-process answer is never a network blip) and the emulator
 * runs on the caller's `Clock`, so `TestClock` ages codes and tokens.
 *
 * @since 0.1.0
 */
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Logger from "effect/Logger"
import * as LogLevel from "effect/LogLevel"
import * as AwsJson from "@cognito-effect/domain/AwsJson"
import { CognitoClient } from "@cognito-effect/domain/services/CognitoClient"
import { IdentityClient } from "@cognito-effect/domain/services/IdentityClient"
import { Emulator, type EmulatorService, type Options } from "./Emulator.js"
import type * as Persistence from "./Persistence.js"

/** A `Send` that hands requests to the emulator. @since 0.1.0 */
export const send =
  (emulator: EmulatorService): AwsJson.Send =>
  (request) =>
    // In-process, the emulator's per-request log lines would land in the caller's own log;
    // warnings still show, and codes are read through `emulator.inbox`.
    emulator.handle({ target: request.headers["x-amz-target"], body: request.body }).pipe(
      Logger.withMinimumLogLevel(LogLevel.Warning)
    )

const defaults: AwsJson.ExchangeOptions = { retry: { maxAttempts: 1, timeout: Duration.infinity } }

/** The port over a given emulator. @since 0.1.0 */
export const layer = (emulator: EmulatorService, options: AwsJson.ExchangeOptions = {}): Layer.Layer<CognitoClient> =>
  Layer.succeed(CognitoClient, AwsJson.makeClient(send(emulator), { ...defaults, ...options }))

/** The identity-pool port (`IdentityClient`) over a given emulator. @since 0.1.0 */
export const layerIdentity = (emulator: EmulatorService, options: AwsJson.ExchangeOptions = {}): Layer.Layer<IdentityClient> =>
  Layer.succeed(IdentityClient, AwsJson.makeClient(send(emulator), { ...defaults, ...options }))

/** The port over the `Emulator` in context. @since 0.1.0 */
export const layerFromEmulator = (options: AwsJson.ExchangeOptions = {}): Layer.Layer<CognitoClient, never, Emulator> =>
  Layer.effect(
    CognitoClient,
    Effect.map(Emulator, (emulator) => AwsJson.makeClient(send(emulator), { ...defaults, ...options }))
  )

/** A fresh in-memory emulator and the port over it, both provided. @since 0.1.0 */
export const layerInMemory = (
  options: Options = {}
): Layer.Layer<CognitoClient | Emulator, Persistence.PersistenceError> =>
  Layer.provideMerge(layerFromEmulator(), Emulator.layer(options))
