/**
 * The facade's Node build (`dist/node`, what Node resolves `@cognito-effect/auth` to), run as a
 * user runs it: a separate `node` process importing the package by name, against the emulator
 * over HTTP. Its entries are separate files that must share one instance: configured through the
 * root entry, `/cognito`'s token provider reads the same session, and `/cognito/server` is
 * `/server`'s user-pool functions. Needs `npm run build` first
 * (`npm test` builds).
 */
import type { Running } from "@cognito-effect/emulator/Server"
import { execFile } from "node:child_process"
import { fileURLToPath } from "node:url"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { createUser, password, startEmulator, uniqueEmail } from "./support/Emulator.js"

const packageDir = fileURLToPath(new URL("..", import.meta.url))

let emulator: Running
beforeAll(async () => {
  emulator = await startEmulator()
})
afterAll(() => emulator?.stop())

const script = `
const [endpoint, userPoolId, userPoolClientId, username, password] = process.argv.slice(1)
const { Amplify, signIn, getCurrentUser, signOut } = await import("@cognito-effect/auth")
const { cognitoUserPoolsTokenProvider } = await import("@cognito-effect/auth/cognito")
const { sharedInMemoryStorage } = await import("@cognito-effect/auth/storage")
const server = await import("@cognito-effect/auth/server")
const cognitoServer = await import("@cognito-effect/auth/cognito/server")
Amplify.configure({ Auth: { Cognito: { userPoolId, userPoolClientId, userPoolEndpoint: endpoint } } })
cognitoUserPoolsTokenProvider.setKeyValueStorage(sharedInMemoryStorage)
const signedIn = await signIn({ username, password })
const user = await getCurrentUser()
const tokens = await cognitoUserPoolsTokenProvider.getTokens()
let wrong
await signOut()
try { await signIn({ username, password: password + "x" }) } catch (error) { wrong = error.name }
console.log(JSON.stringify({
  resolved: import.meta.resolve("@cognito-effect/auth"),
  step: signedIn.nextStep.signInStep,
  loginId: user.signInDetails?.loginId,
  tokenUser: tokens?.accessToken.payload.username === user.username,
  wrong,
  cognitoServer: Object.keys(cognitoServer).sort(),
  sameServerFunctions: cognitoServer.getCurrentUser === server.getCurrentUser && cognitoServer.fetchUserAttributes === server.fetchUserAttributes
}))
process.exit(0)
`

const runNode = (args: ReadonlyArray<string>): Promise<string> =>
  new Promise((resolve, reject) =>
    execFile(process.execPath, ["--input-type=module", "-e", script, ...args], { cwd: packageDir, timeout: 60_000 }, (error, stdout, stderr) =>
      error === null ? resolve(stdout.trim().split("\n").at(-1) ?? "") : reject(new Error(stderr || error.message))
    )
  )

describe("the Node build", () => {
  it("is what Node imports, signs in over HTTP, and shares one instance across its entries", async () => {
    const username = uniqueEmail("node-build")
    await createUser(emulator, username)
    const output = JSON.parse(await runNode([emulator.endpoint, emulator.userPoolId, emulator.userPoolClientId, username, password]))
    expect(output).toEqual({
      resolved: expect.stringMatching(/\/dist\/node\/index\.js$/),
      step: "DONE",
      loginId: username,
      tokenUser: true,
      wrong: "NotAuthorizedException",
      cognitoServer: ["fetchUserAttributes", "getCurrentUser"],
      sameServerFunctions: true
    })
  })
})
