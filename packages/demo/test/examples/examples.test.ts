/**
 * The README's three ways to use the library, run for real: the Effect program and the Promise
 * app against the emulator over HTTP, and a unit test that swaps the Cognito Layer for the
 * emulator's in-process Layer and the storage for memory (no HTTP, no sockets).
 */
import * as Layers from "@cognito-effect/adapters/Layers"
import { start, type Running } from "@cognito-effect/emulator"
import * as EmulatorClient from "@cognito-effect/emulator/EmulatorClient"
import { getCurrentUser } from "@cognito-effect/domain/steps/getCurrentUser"
import { signIn } from "@cognito-effect/domain/steps/signIn"
import { signUp } from "@cognito-effect/domain/steps/signUp"
import { confirmSignUp } from "@cognito-effect/domain/steps/confirmSignUp"
import { Emulator, type EmulatorService } from "@cognito-effect/emulator/Emulator"
import * as Seed from "@cognito-effect/emulator/Seed"
import * as Effect from "effect/Effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import * as EffectProgram from "../../src/examples/effectProgram.js"
import * as PromiseApp from "../../src/examples/promiseApp.js"

const password = "Example-passw0rd!"
let emulator: Running
let username: string

beforeAll(async () => {
  emulator = await start({ port: 0 })
  username = `example-${Date.now()}@example.com`
  const admin = (target: string, body: unknown) =>
    fetch(emulator.endpoint, {
      method: "POST",
      headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": `AWSCognitoIdentityProviderService.${target}` },
      body: JSON.stringify(body)
    })
  await admin("AdminCreateUser", { UserPoolId: emulator.userPoolId, Username: username, MessageAction: "SUPPRESS", UserAttributes: [{ Name: "email", Value: username }] })
  await admin("AdminSetUserPassword", { UserPoolId: emulator.userPoolId, Username: username, Password: password, Permanent: true })
})
afterAll(() => emulator.stop())

describe("README examples", () => {
  it("an Effect program composes the steps and gets typed failures as values", async () => {
    const result = await EffectProgram.run(emulator, username, password)
    expect(result).toMatchObject({ nextStep: { signInStep: "DONE" }, user: { signInDetails: { loginId: username } } })
    expect(await EffectProgram.run(emulator, username, "Wrong-passw0rd!")).toEqual({ refused: "NotAuthorizedException" })
  })

  it("a Promise app uses the facade as it would use Amplify", async () => {
    expect(await PromiseApp.run(emulator, username, password)).toMatchObject({
      isSignedIn: true,
      hasTokens: true,
      events: ["signedIn", "signedOut"]
    })
  })

  it("a unit test swaps Cognito for the in-process emulator and storage for memory", async () => {
    const email = "unit@example.com"
    const program = (emulator: EmulatorService) =>
      Effect.gen(function* () {
        yield* signUp({ username: email, password, options: { userAttributes: { email } } })
        const code = emulator.inbox.latest({ username: email, purpose: "SIGN_UP" })!.code
        yield* confirmSignUp({ username: email, confirmationCode: code })
        yield* signIn({ username: email, password })
        return yield* getCurrentUser()
      })
    const user = await Effect.runPromise(
      Effect.gen(function* () {
        const emulator = yield* Emulator
        const { userPoolId, userPoolClientId } = yield* Seed.apply(emulator, Seed.defaultSeed)
        // No endpoint, no sockets: the Cognito port is the emulator itself; storage is memory.
        const auth = Layers.fromConfig(
          { Auth: { Cognito: { userPoolId: userPoolId!, userPoolClientId: userPoolClientId! } } },
          { transport: EmulatorClient.layer(emulator) }
        )
        return yield* Effect.provide(program(emulator), auth)
      }).pipe(Effect.provide(Emulator.layer()), Effect.scoped)
    )
    expect(user.signInDetails?.loginId).toBe(email)
  })
})
