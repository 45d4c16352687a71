/**
 * Test support: the emulator in this process (no sockets) behind facade instances, for tests that
 * make many calls — property tests, corrupted-storage tests. Users are created with the emulator's
 * own handlers; a signed-in storage is captured once and copied into as many instances as needed.
 */
import { type AuthClient, createAuth } from "@cognito-effect/auth"
import type { KeyValueStorageInterface } from "@cognito-effect/auth/storage"
import { Emulator, type EmulatorService } from "@cognito-effect/emulator/Emulator"
import * as EmulatorClient from "@cognito-effect/emulator/EmulatorClient"
import * as Seed from "@cognito-effect/emulator/Seed"
import * as AdminCreateUser from "@cognito-effect/domain/wire/AdminCreateUser"
import * as AdminSetUserPassword from "@cognito-effect/domain/wire/AdminSetUserPassword"
import * as Effect from "effect/Effect"
import * as ManagedRuntime from "effect/ManagedRuntime"
import * as Redacted from "effect/Redacted"
import { password } from "./Emulator.js"

/** A memory storage whose items a test can read and copy. */
export class MapStorage implements KeyValueStorageInterface {
  readonly items: Map<string, string>
  constructor(items: Iterable<readonly [string, string]> = []) {
    this.items = new Map(items)
  }
  async setItem(key: string, value: string): Promise<void> {
    this.items.set(key, value)
  }
  async getItem(key: string): Promise<string | null> {
    return this.items.get(key) ?? null
  }
  async removeItem(key: string): Promise<void> {
    this.items.delete(key)
  }
  async clear(): Promise<void> {
    this.items.clear()
  }
}

/** A running in-process emulator with its default pool. */
export interface InProcess {
  readonly emulator: EmulatorService
  readonly userPoolId: string
  readonly userPoolClientId: string
  readonly config: { readonly Auth: { readonly Cognito: { readonly userPoolId: string; readonly userPoolClientId: string } } }
  readonly stop: () => Promise<void>
}

/** Starts an in-memory emulator and applies the default seed. */
export const startInProcess = async (): Promise<InProcess> => {
  const runtime = ManagedRuntime.make(Emulator.layer({ srpWorkers: 0 }))
  const emulator = await runtime.runPromise(Emulator)
  const applied = await Effect.runPromise(Seed.apply(emulator, Seed.defaultSeed))
  const userPoolId = applied.userPoolId!
  const userPoolClientId = applied.userPoolClientId!
  return {
    emulator,
    userPoolId,
    userPoolClientId,
    config: { Auth: { Cognito: { userPoolId, userPoolClientId } } },
    stop: () => runtime.dispose()
  }
}

/** A facade instance over the in-process emulator, with the given (or fresh) memory storages. */
export const inProcessClient = (
  fixture: InProcess,
  storage: KeyValueStorageInterface = new MapStorage(),
  signInStorage: KeyValueStorageInterface = new MapStorage()
): AuthClient =>
  createAuth(fixture.config, {
    transport: EmulatorClient.layer(fixture.emulator),
    storage,
    signInStorage,
    crossTabEvents: false
  })

/** A confirmed user with the shared test password. */
export const createUserInProcess = async (fixture: InProcess, username: string): Promise<void> => {
  const run = <A, E>(effect: Effect.Effect<A, E>) => Effect.runPromise(effect)
  await run(
    fixture.emulator.call(AdminCreateUser.operation, {
      UserPoolId: fixture.userPoolId,
      Username: username,
      MessageAction: "SUPPRESS",
      UserAttributes: [
        { Name: "email", Value: username },
        { Name: "email_verified", Value: "true" }
      ]
    })
  )
  await run(
    fixture.emulator.call(AdminSetUserPassword.operation, {
      UserPoolId: fixture.userPoolId,
      Username: username,
      Password: Redacted.make(password),
      Permanent: true
    })
  )
}

let counter = 0
/** A fresh user name for this process. */
export const freshUsername = (prefix = "fuzz") => `${prefix}-${Date.now().toString(36)}-${(counter++).toString(36)}@example.com`

/** Creates a user, signs it in on a fresh storage and returns that storage's items. */
export const signedInItems = async (fixture: InProcess, username = freshUsername()): Promise<ReadonlyMap<string, string>> => {
  await createUserInProcess(fixture, username)
  const storage = new MapStorage()
  const auth = inProcessClient(fixture, storage)
  try {
    const result = await auth.signIn({ username, password })
    if (!result.isSignedIn) throw new Error(`sign-in stopped at ${result.nextStep.signInStep}`)
  } finally {
    await auth.dispose()
  }
  return new Map(storage.items)
}
