/**
 * SRP against a client nobody here wrote: amazon-cognito-identity-js (its own BigInteger, its own
 * padding) signs in over HTTP through a recording proxy, so the test sees the SALT each sign-in
 * was actually challenged with. Fresh users get fresh random salts until both kinds have been
 * exercised several times: salts whose first byte has the high bit set (which a client must hash
 * with a leading 00 byte) and salts where it is clear.
 */
import { assert, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { AuthenticationDetails, CognitoUser, CognitoUserPool } from "amazon-cognito-identity-js"
import * as NodeHttp from "node:http"
import type { AddressInfo } from "node:net"
import { makePool, makeUser, TestEmulator, uniqueName } from "./Harness.js"

/** What the proxy saw of one PASSWORD_VERIFIER challenge. */
interface Challenge {
  readonly salt: string
  readonly userIdForSrp: string
}

/**
 * A pass-through HTTP proxy in front of the emulator that records the ChallengeParameters of
 * every PASSWORD_VERIFIER answer to InitiateAuth. Closed with the scope.
 */
const recordingProxy = (target: string) =>
  Effect.acquireRelease(
    Effect.promise(
      () =>
        new Promise<{ readonly endpoint: string; readonly challenges: Array<Challenge>; readonly server: NodeHttp.Server }>((resolve) => {
          const challenges: Array<Challenge> = []
          const server = NodeHttp.createServer((request, response) => {
            const chunks: Array<Buffer> = []
            request.on("data", (chunk: Buffer) => chunks.push(chunk))
            request.on("end", async () => {
              const upstream = await fetch(`${target}${request.url ?? "/"}`, {
                method: request.method ?? "POST",
                headers: {
                  "content-type": String(request.headers["content-type"] ?? "application/x-amz-json-1.1"),
                  "x-amz-target": String(request.headers["x-amz-target"] ?? "")
                },
                body: Buffer.concat(chunks)
              })
              const text = await upstream.text()
              if (String(request.headers["x-amz-target"]).endsWith(".InitiateAuth") && upstream.ok) {
                const answer = JSON.parse(text) as { ChallengeName?: string; ChallengeParameters?: Record<string, string> }
                if (answer.ChallengeName === "PASSWORD_VERIFIER") {
                  challenges.push({ salt: answer.ChallengeParameters!["SALT"]!, userIdForSrp: answer.ChallengeParameters!["USER_ID_FOR_SRP"]! })
                }
              }
              response.writeHead(upstream.status, Object.fromEntries(upstream.headers))
              response.end(text)
            })
          })
          server.listen(0, "127.0.0.1", () =>
            resolve({ endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, challenges, server })
          )
        })
    ),
    ({ server }) => Effect.promise(() => new Promise<void>((resolve) => server.close(() => resolve())))
  )

/** `CognitoUser.authenticateUser` (USER_SRP_AUTH); the signed-in user name, or the error code. */
const identityJsSignIn = (endpoint: string, userPoolId: string, clientId: string, username: string, password: string) =>
  Effect.promise(
    () =>
      new Promise<string>((resolve) => {
        const pool = new CognitoUserPool({ UserPoolId: userPoolId, ClientId: clientId, endpoint: `${endpoint}/` } as ConstructorParameters<typeof CognitoUserPool>[0])
        const user = new CognitoUser({ Username: username, Pool: pool })
        user.setAuthenticationFlowType("USER_SRP_AUTH")
        user.authenticateUser(new AuthenticationDetails({ Username: username, Password: password }), {
          onSuccess: (session) => resolve(`signed in as ${session.getAccessToken().payload["username"]}`),
          onFailure: (error: { code?: string; name?: string; message?: string }) => resolve(`${error.code ?? error.name}: ${error.message}`)
        })
      })
  )

/** The first byte of a hex salt as the client reads it (an odd-length hex has a leading 0 nibble). */
const highBit = (salt: string): boolean => Number.parseInt((salt.length % 2 === 1 ? `0${salt}` : salt).slice(0, 2), 16) >= 0x80

const password = "Indep3ndent!"

layer(TestEmulator.layer())("SRP with amazon-cognito-identity-js", (it) => {
  it.scoped(
    "signs in with the right password and is refused with a wrong one, across salts with and without the high bit",
    () =>
      Effect.gen(function* () {
        const emulator = yield* TestEmulator
        const proxy = yield* recordingProxy(emulator.endpoint)
        const { userPoolId, clientId } = yield* makePool({}, { ExplicitAuthFlows: ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] })
        const wanted = 3
        let high = 0
        let low = 0
        let users = 0
        // Each fresh user gets 16 random salt bytes: about half have the high bit set. Stop when
        // both kinds were signed in `wanted` times (40 users without that has odds below 1e-8).
        while ((high < wanted || low < wanted) && users < 40) {
          const username = uniqueName("cijs")
          yield* makeUser(userPoolId, username, password)
          users++
          assert.strictEqual(yield* identityJsSignIn(proxy.endpoint, userPoolId, clientId, username, password), `signed in as ${username}`)
          const seen = proxy.challenges.at(-1)!
          assert.strictEqual(seen.userIdForSrp, username)
          const stored = emulator.emulator.store.findUser(emulator.emulator.store.pools.get(userPoolId)!, username)!.password!.salt
          assert.strictEqual(seen.salt, stored)
          if (highBit(seen.salt)) high++
          else low++
          // A wrong password against the same salt: every third user, and the first of each kind.
          if (users % 3 === 0 || (highBit(seen.salt) ? high : low) === 1) {
            assert.strictEqual(
              yield* identityJsSignIn(proxy.endpoint, userPoolId, clientId, username, "Wr0ng-password!"),
              "NotAuthorizedException: Incorrect username or password."
            )
          }
        }
        assert.isAtLeast(high, wanted, `high-bit salts exercised (of ${users} users)`)
        assert.isAtLeast(low, wanted, `salts without the high bit exercised (of ${users} users)`)
        assert.isTrue(proxy.challenges.some((challenge) => highBit(challenge.salt)))
      }),
    { timeout: 120_000 }
  )
})
