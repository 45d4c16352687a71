import { assert, describe, it, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Srp from "@cognito-effect/domain/Srp"
import { AuthenticationDetails, CognitoUser, CognitoUserPool } from "amazon-cognito-identity-js"
import { parseTimestamp } from "../../src/challenges/PasswordVerifier.js"
import { makePool, makeUser, TestEmulator } from "../Harness.js"

describe("PasswordVerifier.parseTimestamp", () => {
  it("reads Amplify's TIMESTAMP format", () => {
    assert.strictEqual(parseTimestamp("Tue Mar 5 07:05:09 UTC 2024"), Date.UTC(2024, 2, 5, 7, 5, 9))
    assert.strictEqual(parseTimestamp("Wed Jan 1 00:00:00 UTC 2025"), Date.UTC(2025, 0, 1))
    assert.strictEqual(parseTimestamp("Sun Dec 31 23:59:59 UTC 2023"), Date.UTC(2023, 11, 31, 23, 59, 59))
  })

  it("refuses a zero-padded day, a wrong weekday, an impossible date and other formats", () => {
    assert.isUndefined(parseTimestamp("Tue Mar 05 07:05:09 UTC 2024"))
    assert.isUndefined(parseTimestamp("Wed Mar 5 07:05:09 UTC 2024"))
    assert.isUndefined(parseTimestamp("Fri Feb 31 07:05:09 UTC 2024"))
    assert.isUndefined(parseTimestamp("2024-03-05T07:05:09Z"))
    assert.isUndefined(parseTimestamp("Tue Mar 5 7:05:09 UTC 2024"))
  })

  it("accepts whatever Srp.formatTimestamp prints", () => {
    for (let day = 0; day < 400; day += 7) {
      const date = new Date(Date.UTC(2024, 0, 1) + day * 86_400_000 + day * 3_600_000)
      assert.strictEqual(parseTimestamp(Srp.formatTimestamp(date)), Math.floor(date.getTime() / 1000) * 1000)
    }
  })
})

/** amazon-cognito-identity-js signs in with its own SRP code (its own padding, its own BigInteger). */
const identityJsSignIn = (endpoint: string, userPoolId: string, clientId: string, username: string, password: string) =>
  Effect.promise(
    () =>
      new Promise<string>((resolve) => {
        const pool = new CognitoUserPool({ UserPoolId: userPoolId, ClientId: clientId, endpoint: `${endpoint}/` } as ConstructorParameters<typeof CognitoUserPool>[0])
        new CognitoUser({ Username: username, Pool: pool }).authenticateUser(new AuthenticationDetails({ Username: username, Password: password }), {
          onSuccess: (session) => resolve(`signed in as ${session.getIdToken().payload["cognito:username"]}`),
          onFailure: (error: { code?: string; name?: string }) => resolve(error.code ?? error.name ?? "error")
        })
      })
  )

layer(TestEmulator.layer())("PasswordVerifier against an independent SRP client", (it) => {
  it.effect("amazon-cognito-identity-js signs in every time (padding mistakes fail about half the time)", () =>
    Effect.gen(function* () {
      const emulator = yield* TestEmulator
      const { userPoolId, clientId } = yield* makePool({}, { ExplicitAuthFlows: ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] })
      yield* makeUser(userPoolId, "independent", "Passw0rd!")
      for (let i = 0; i < 12; i++) {
        assert.strictEqual(yield* identityJsSignIn(emulator.endpoint, userPoolId, clientId, "independent", "Passw0rd!"), "signed in as independent")
      }
      assert.strictEqual(yield* identityJsSignIn(emulator.endpoint, userPoolId, clientId, "independent", "Wrong0rd!"), "NotAuthorizedException")
    }), { timeout: 60_000 })
})
