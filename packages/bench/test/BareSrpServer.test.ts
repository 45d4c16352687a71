import { assert, describe, it } from "@effect/vitest"
import { modPow } from "@cognito-effect/adapters/NodeModExp"
import * as BareSrpServer from "../src/BareSrpServer.js"
import { createConfirmedUser } from "../src/signIn.js"
import * as SrpLoad from "../src/SrpLoad.js"

describe("BareSrpServer", () => {
  it("serves the load's sign-ins with real SRP: the right password gets tokens, a wrong one is refused", async () => {
    const server = await BareSrpServer.serve()
    try {
      const pool = { endpoint: server.ready.endpoint, userPoolId: server.ready.userPoolId, userPoolClientId: server.ready.userPoolClientId }
      await createConfirmedUser(pool, "bare@example.com", "Bare-Passw0rd!")
      const setup = { endpoint: pool.endpoint, userPoolId: pool.userPoolId, clientId: pool.userPoolClientId }
      await SrpLoad.signIn(setup, { username: "bare@example.com", password: "Bare-Passw0rd!" }, SrpLoad.newPair(32), modPow)
      const refused = await SrpLoad.signIn(setup, { username: "bare@example.com", password: "Wrong-Passw0rd!" }, SrpLoad.newPair(32), modPow).then(
        () => "signed in",
        (error: Error) => error.message
      )
      assert.match(refused, /^RespondToAuthChallenge answered 400 .*NotAuthorizedException/)
    } finally {
      await server.stop()
    }
  }, 60_000)
})
