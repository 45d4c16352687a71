/**
 * `LibraryOptions.Auth.headers`: what a user-pool request carries when the app adds headers, as
 * the emulator receives it over HTTP (through the recording proxy). As in Amplify, the custom
 * headers replace the operation's own (`cache-control`, `content-type`, `x-amz-target`), come
 * before the user agent, keep an invocation id the app chose, never replace the attempt count,
 * go with `/cognito`'s standalone refresh too, and never go to the identity pool.
 */
import type { Running } from "@cognito-effect/emulator/Server"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { Amplify, fetchAuthSession, signIn, signOut } from "@cognito-effect/auth"
import { cognitoUserPoolsTokenProvider, refreshAuthTokens } from "@cognito-effect/auth/cognito"
import * as AwsJson from "@cognito-effect/domain/AwsJson"
import { createUser, password, startEmulator, uniqueEmail } from "./support/Emulator.js"
import { type FaultProxy, startProxy } from "./support/FaultProxy.js"

let emulator: Running
let proxy: FaultProxy

beforeAll(async () => {
  emulator = await startEmulator()
  proxy = await startProxy(emulator.endpoint)
})
afterAll(async () => {
  await proxy.stop()
  await emulator.stop()
})

describe("Auth.headers", () => {
  it("are laid over the user-pool request's own headers, as Amplify lays them", async () => {
    const username = uniqueEmail("headers")
    await createUser(emulator, username)
    let asked = 0
    Amplify.configure(
      {
        Auth: {
          Cognito: {
            userPoolId: emulator.userPoolId,
            userPoolClientId: emulator.userPoolClientId,
            userPoolEndpoint: proxy.endpoint,
            identityPoolId: emulator.identityPoolId!,
            identityPoolEndpoint: proxy.endpoint
          }
        }
      },
      {
        Auth: {
          headers: async () => {
            asked++
            return {
              "X-Tenant": "acme",
              "cache-control": "max-age=0",
              "x-amz-user-agent": "my-app/2.0",
              "amz-sdk-invocation-id": "app-chosen-id",
              "amz-sdk-request": "attempt=9; max=9"
            }
          }
        }
      }
    )
    proxy.reset()
    const output = await signIn({ username, password })
    expect(output.nextStep.signInStep).toBe("DONE")

    const userPool = proxy.requests.filter((request) => request.operation !== "GetId" && request.operation !== "GetCredentialsForIdentity")
    expect(userPool.map((request) => request.operation)).toEqual(["InitiateAuth", "RespondToAuthChallenge"])
    expect(asked).toBe(2)
    for (const { headers, operation } of userPool) {
      expect(headers).toMatchObject({
        "x-tenant": "acme",
        "cache-control": "max-age=0",
        "content-type": "application/x-amz-json-1.1",
        "x-amz-target": `AWSCognitoIdentityProviderService.${operation}`,
        "x-amz-user-agent": `my-app/2.0 ${AwsJson.defaultUserAgent}`,
        "amz-sdk-invocation-id": "app-chosen-id",
        "amz-sdk-request": "attempt=1; max=3"
      })
    }

    proxy.reset()
    expect((await fetchAuthSession()).identityId).toMatch(/^us-east-1:/)
    const identityPool = proxy.requests
    expect(identityPool.map((request) => request.operation)).toEqual(["GetId", "GetCredentialsForIdentity"])
    for (const { headers } of identityPool) {
      expect(headers["x-tenant"]).toBeUndefined()
      expect(headers["cache-control"]).toBe("no-store")
    }

    // The standalone refresh of `/cognito` is a user-pool request too.
    const tokens = await cognitoUserPoolsTokenProvider.authTokenStore.loadTokens()
    proxy.reset()
    await refreshAuthTokens({ tokens: tokens!, username: tokens!.username })
    expect(proxy.requests.map((request) => request.operation)).toEqual(["GetTokensFromRefreshToken"])
    expect(proxy.requests[0]!.headers).toMatchObject({ "x-tenant": "acme", "cache-control": "max-age=0" })
    expect(asked).toBe(3)
    await signOut()
  })
})
