/**
 * `createTokenVerifier` against the emulator's JWKS over HTTP, with tokens the emulator issued:
 * each refusal has its own `AuthError` name — forged, expired, another pool, another app client,
 * the wrong kind of token — and a rotated pool key is fetched when a token names it.
 */
import * as TokenIssuer from "@cognito-effect/emulator/TokenIssuer"
import type { Running } from "@cognito-effect/emulator/Server"
import type * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { AuthError } from "@cognito-effect/auth"
import { createTokenVerifier, createTokenVerifierFromConfig } from "@cognito-effect/auth/server"
import { call, createUser, password, rejection, startEmulator, uniqueEmail } from "./support/Emulator.js"
import { configFor, otherClientId, otherPoolId, poolId, publicClientId, seed, shortLivedClientId } from "./support/ServerSeed.js"

let emulator: Running
beforeAll(async () => {
  emulator = await startEmulator({ seed })
})
afterAll(() => emulator.stop())

/** Access and ID tokens for a new user of `userPoolId`, through app client `clientId`. */
const tokensFor = async (clientId = publicClientId, userPoolId = poolId) => {
  const username = uniqueEmail("verify")
  await call(emulator, "AdminCreateUser", {
    UserPoolId: userPoolId,
    Username: username,
    MessageAction: "SUPPRESS",
    UserAttributes: [{ Name: "email", Value: username }, { Name: "email_verified", Value: "true" }]
  })
  await call(emulator, "AdminSetUserPassword", { UserPoolId: userPoolId, Username: username, Password: password, Permanent: true })
  const answer = await call(emulator, "InitiateAuth", {
    AuthFlow: "USER_PASSWORD_AUTH",
    ClientId: clientId,
    AuthParameters: { USERNAME: username, PASSWORD: password }
  })
  return { username, access: answer.AuthenticationResult.AccessToken as string, id: answer.AuthenticationResult.IdToken as string }
}

const verifierFor = (tokenUse: "access" | "id", extra: { readonly refetchCooldown?: Duration.DurationInput } = {}) =>
  createTokenVerifier({ userPoolId: poolId, clientId: publicClientId, tokenUse, issuer: `${emulator.endpoint}/${poolId}`, ...extra })

const refusedAs = async (promise: Promise<unknown>) => {
  const error = await rejection(promise)
  expect(error).toBeInstanceOf(AuthError)
  return error.name
}

describe("createTokenVerifier against the emulator's JWKS", () => {
  it("accepts the pool's access and ID tokens", async () => {
    const { username, access, id } = await tokensFor()
    expect((await verifierFor("access").verify(access))["username"]).toBeDefined()
    const claims = await createTokenVerifierFromConfig(configFor(emulator), "id").verify(id)
    expect(claims["email"]).toBe(username)
    expect(claims.aud).toBe(publicClientId)
  })

  it("refuses a forged token: claims changed after signing", async () => {
    const { access } = await tokensFor()
    const [header, payload, signature] = access.split(".")
    const claims = JSON.parse(Buffer.from(payload!, "base64url").toString("utf8"))
    const forged = `${header}.${Buffer.from(JSON.stringify({ ...claims, "cognito:groups": ["admins"] })).toString("base64url")}.${signature}`
    expect(await refusedAs(verifierFor("access").verify(forged))).toBe("TokenSignatureError")
  })

  it("refuses an expired token", async () => {
    const { access } = await tokensFor(shortLivedClientId)
    const verifier = createTokenVerifier({
      userPoolId: poolId,
      clientId: shortLivedClientId,
      tokenUse: "access",
      issuer: `${emulator.endpoint}/${poolId}`,
      tolerance: "1 second"
    })
    // exp is at most a second after now (iat is whole seconds): fine within the tolerance now…
    await verifier.verify(access)
    // …and past it three seconds later.
    await new Promise((resolve) => setTimeout(resolve, 3_100))
    expect(await refusedAs(verifier.verify(access))).toBe("TokenExpiredError")
  })

  it("refuses another pool's token", async () => {
    const { access } = await tokensFor(otherClientId, otherPoolId)
    expect(await refusedAs(verifierFor("access").verify(access))).toBe("TokenIssuerError")
  })

  it("refuses another app client's token of the same pool", async () => {
    const { access, id } = await tokensFor(shortLivedClientId)
    expect(await refusedAs(verifierFor("access").verify(access))).toBe("TokenClientError")
    expect(await refusedAs(verifierFor("id").verify(id))).toBe("TokenClientError")
  })

  it("refuses an ID token where an access token is expected, and the other way round", async () => {
    const { access, id } = await tokensFor()
    expect(await refusedAs(verifierFor("access").verify(id))).toBe("TokenUseError")
    expect(await refusedAs(verifierFor("id").verify(access))).toBe("TokenUseError")
  })

  it("fetches the key set again when the pool's key rotates, and refuses tokens of the retired key", async () => {
    const verifier = verifierFor("access", { refetchCooldown: "0 millis" })
    const before = await tokensFor()
    await verifier.verify(before.access)
    const state = emulator.emulator.store.pools.get(poolId)!
    emulator.emulator.store.putPool({ ...state.pool, signingKey: await Effect.runPromise(TokenIssuer.generate) })
    const after = await tokensFor()
    expect(after.access.split(".")[0]).not.toBe(before.access.split(".")[0])
    expect((await verifier.verify(after.access))["client_id"]).toBe(publicClientId)
    expect(await refusedAs(verifier.verify(before.access))).toBe("TokenKeyNotFoundError")
  })
})
