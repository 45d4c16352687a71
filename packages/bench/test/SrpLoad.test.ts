import { assert, describe, it } from "@effect/vitest"
import { modPow } from "@cognito-effect/adapters/NodeModExp"
import { start } from "@cognito-effect/emulator/Server"
import { createConfirmedUser } from "../src/signIn.js"
import * as SrpLoad from "../src/SrpLoad.js"

/** A client ephemeral pair with `a` of Amplify's 128 bytes, or the benchmark's default 32. */
const pair = (bytes = 32) => SrpLoad.newPair(bytes)

describe("SrpLoad.signIn", () => {
  it("signs in with USER_SRP_AUTH against the emulator, and a wrong password is refused", async () => {
    const emulator = await start({ port: 0 })
    try {
      await createConfirmedUser(emulator, "load@example.com", "Load-Passw0rd!")
      const setup = { endpoint: emulator.endpoint, userPoolId: emulator.userPoolId, clientId: emulator.userPoolClientId }
      await SrpLoad.signIn(setup, { username: "load@example.com", password: "Load-Passw0rd!" }, pair(128), modPow)
      // The same user again with a fresh pair: a new server b, a new claim.
      await SrpLoad.signIn(setup, { username: "load@example.com", password: "Load-Passw0rd!" }, pair(), modPow)
      const refused = await SrpLoad.signIn(setup, { username: "load@example.com", password: "Wrong-Passw0rd!" }, pair(), modPow).then(
        () => "signed in",
        (error: Error) => error.message
      )
      assert.match(refused, /^RespondToAuthChallenge answered 400 .*NotAuthorizedException/)
      const unknown = await SrpLoad.signIn(setup, { username: "nobody@example.com", password: "Load-Passw0rd!" }, pair(), modPow).then(
        () => "signed in",
        (error: Error) => error.message
      )
      // The default client hides unknown users behind a decoy challenge, refused at the answer.
      assert.match(unknown, /^RespondToAuthChallenge answered 400 .*NotAuthorizedException/)
    } finally {
      await emulator.stop()
    }
  }, 60_000)
})
