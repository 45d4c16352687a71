import { assert, describe, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Jose from "jose"
import { call, claimsOf, fails, makePool, makeUser, ok, srpSignIn, TestEmulator, uniqueName } from "../Harness.js"

const password = "Passw0rd!"

const advanceClock = (seconds: number) =>
  Effect.flatMap(TestEmulator, (emulator) => Effect.sync(() => emulator.clock.adjust(`${seconds} seconds`)))

/** A pool, a client (with `client` settings) and a signed-in user. */
const signedIn = (client: Record<string, unknown> = {}, attributes: Record<string, string> = {}) =>
  Effect.gen(function* () {
    const pool = yield* makePool({}, client)
    const username = uniqueName()
    yield* makeUser(pool.userPoolId, username, password, attributes)
    const answer = yield* srpSignIn({ userPoolId: pool.userPoolId, clientId: pool.clientId, username, password })
    return { ...pool, username, tokens: answer.body.AuthenticationResult as { AccessToken: string; IdToken: string; RefreshToken: string } }
  })

const refresh = (clientId: string, refreshToken: string) =>
  call("GetTokensFromRefreshToken", { ClientId: clientId, RefreshToken: refreshToken })

layer(TestEmulator.layer())("signed-in operations", (it) => {
  describe("tokens", () => {
    it.effect("carry Cognito's claims and verify against the served JWKS", () =>
      Effect.gen(function* () {
        const emulator = yield* TestEmulator
        const { userPoolId, clientId, username, tokens } = yield* signedIn({}, { email: "ada@example.com", email_verified: "true", "name": "Ada" })
        const jwks = Jose.createRemoteJWKSet(new URL(`${emulator.endpoint}/${userPoolId}/.well-known/jwks.json`))
        const issuer = `${emulator.endpoint}/${userPoolId}`
        const access = yield* Effect.promise(() => Jose.jwtVerify(tokens.AccessToken, jwks, { issuer, algorithms: ["RS256"] }))
        const id = yield* Effect.promise(() => Jose.jwtVerify(tokens.IdToken, jwks, { issuer, audience: clientId }))
        assert.strictEqual(access.protectedHeader.alg, "RS256")
        assert.isString(access.protectedHeader.kid)
        assert.strictEqual(access.payload["token_use"], "access")
        assert.strictEqual(access.payload["client_id"], clientId)
        assert.strictEqual(access.payload["scope"], "aws.cognito.signin.user.admin")
        assert.strictEqual(access.payload["username"], username)
        for (const claim of ["sub", "origin_jti", "event_id", "auth_time", "iat", "exp", "jti"]) assert.property(access.payload, claim)
        assert.strictEqual(access.payload.exp! - access.payload.iat!, 3600)
        assert.strictEqual(id.payload["token_use"], "id")
        assert.strictEqual(id.payload["cognito:username"], username)
        assert.strictEqual(id.payload["email"], "ada@example.com")
        assert.strictEqual(id.payload["email_verified"], true)
        assert.strictEqual(id.payload["name"], "Ada")
        assert.strictEqual(id.payload.sub, access.payload.sub)
        assert.strictEqual(id.payload["origin_jti"], access.payload["origin_jti"])
        const discovery = yield* Effect.promise(() => fetch(`${issuer}/.well-known/openid-configuration`).then((r) => r.json()))
        assert.strictEqual(discovery.issuer, issuer)
        assert.strictEqual(discovery.jwks_uri, `${issuer}/.well-known/jwks.json`)
      }))

    it.effect("follow the client's validity settings", () =>
      Effect.gen(function* () {
        const { tokens } = yield* signedIn({
          AccessTokenValidity: 10,
          IdTokenValidity: 2,
          TokenValidityUnits: { AccessToken: "seconds", IdToken: "minutes" }
        })
        const access = claimsOf(tokens.AccessToken)
        const id = claimsOf(tokens.IdToken)
        assert.strictEqual((access["exp"] as number) - (access["iat"] as number), 10)
        assert.strictEqual((id["exp"] as number) - (id["iat"] as number), 120)
      }))
  })

  describe("GetUser", () => {
    it.effect("returns the user's attributes for a valid access token", () =>
      Effect.gen(function* () {
        const { username, tokens } = yield* signedIn({}, { email: "bob@example.com" })
        const user = yield* ok("GetUser", { AccessToken: tokens.AccessToken })
        assert.strictEqual(user.Username, username)
        const attributes = Object.fromEntries(user.UserAttributes.map((a: { Name: string; Value: string }) => [a.Name, a.Value]))
        assert.strictEqual(attributes["email"], "bob@example.com")
        assert.match(attributes["sub"], /^[0-9a-f-]{36}$/)
      }))

    it.effect("refuses an ID token, a forged token and an expired one", () =>
      Effect.gen(function* () {
        const { tokens } = yield* signedIn({ AccessTokenValidity: 30, TokenValidityUnits: { AccessToken: "seconds" } })
        assert.deepStrictEqual(yield* fails("GetUser", { AccessToken: tokens.IdToken }), ["NotAuthorizedException", "Invalid Access Token"])
        const [header, payload] = tokens.AccessToken.split(".")
        const forged = `${header}.${payload}.${Buffer.from("not a signature").toString("base64url")}`
        assert.deepStrictEqual(yield* fails("GetUser", { AccessToken: forged }), ["NotAuthorizedException", "Invalid Access Token"])
        yield* advanceClock(31)
        assert.deepStrictEqual(yield* fails("GetUser", { AccessToken: tokens.AccessToken }), ["NotAuthorizedException", "Access Token has expired"])
      }))
  })

  describe("GetTokensFromRefreshToken", () => {
    it.effect("without rotation: new access and ID tokens, the refresh token stays", () =>
      Effect.gen(function* () {
        const { clientId, tokens } = yield* signedIn()
        const first = yield* ok("GetTokensFromRefreshToken", { ClientId: clientId, RefreshToken: tokens.RefreshToken })
        assert.isUndefined(first.AuthenticationResult.RefreshToken)
        assert.strictEqual(claimsOf(first.AuthenticationResult.AccessToken)["origin_jti"], claimsOf(tokens.AccessToken)["origin_jti"])
        const second = yield* refresh(clientId, tokens.RefreshToken)
        assert.strictEqual(second.status, 200)
      }))

    it.effect("with rotation: a new refresh token each time; the old one is then RefreshTokenReuseException", () =>
      Effect.gen(function* () {
        const { clientId, tokens } = yield* signedIn({ RefreshTokenRotation: { Feature: "ENABLED", RetryGracePeriodSeconds: 0 } })
        const rotated = (yield* ok("GetTokensFromRefreshToken", { ClientId: clientId, RefreshToken: tokens.RefreshToken })).AuthenticationResult
        assert.isString(rotated.RefreshToken)
        assert.notStrictEqual(rotated.RefreshToken, tokens.RefreshToken)
        assert.isString(rotated.IdToken)
        // Reusing the first token with a different body (not a byte-identical retry): refused.
        const reuse = yield* call("GetTokensFromRefreshToken", { RefreshToken: tokens.RefreshToken, ClientId: clientId })
        assert.strictEqual(reuse.body.__type, "RefreshTokenReuseException")
        const next = yield* refresh(clientId, rotated.RefreshToken)
        assert.strictEqual(next.status, 200)
        assert.isString(next.body.AuthenticationResult.RefreshToken)
      }))

    it.effect("with rotation and a grace period the old token works until the period ends", () =>
      Effect.gen(function* () {
        const { clientId, tokens } = yield* signedIn({ RefreshTokenRotation: { Feature: "ENABLED", RetryGracePeriodSeconds: 10 } })
        yield* ok("GetTokensFromRefreshToken", { ClientId: clientId, RefreshToken: tokens.RefreshToken })
        assert.strictEqual((yield* call("GetTokensFromRefreshToken", { RefreshToken: tokens.RefreshToken, ClientId: clientId })).status, 200)
        yield* advanceClock(11)
        assert.strictEqual((yield* call("GetTokensFromRefreshToken", { ClientId: clientId, RefreshToken: tokens.RefreshToken, ClientMetadata: {} })).body.__type, "RefreshTokenReuseException")
      }))

    it.effect("a byte-identical retry gets the same answer (the client retried after a lost response)", () =>
      Effect.gen(function* () {
        const { clientId, tokens } = yield* signedIn({ RefreshTokenRotation: { Feature: "ENABLED", RetryGracePeriodSeconds: 0 } })
        const first = yield* refresh(clientId, tokens.RefreshToken)
        const retry = yield* refresh(clientId, tokens.RefreshToken)
        assert.strictEqual(retry.status, 200)
        assert.deepStrictEqual(retry.body, first.body)
        assert.notStrictEqual(retry.headers.get("x-amzn-requestid"), first.headers.get("x-amzn-requestid"))
      }))

    it.effect("refuses unknown tokens, other clients' tokens and expired ones", () =>
      Effect.gen(function* () {
        const { userPoolId, clientId, tokens } = yield* signedIn({ RefreshTokenValidity: 60, TokenValidityUnits: { RefreshToken: "seconds" } })
        assert.deepStrictEqual(yield* fails("GetTokensFromRefreshToken", { ClientId: clientId, RefreshToken: "nonsense" }), [
          "NotAuthorizedException",
          "Invalid Refresh Token"
        ])
        const other = (yield* ok("CreateUserPoolClient", { UserPoolId: userPoolId, ClientName: "other" })).UserPoolClient.ClientId
        assert.strictEqual((yield* refresh(other, tokens.RefreshToken)).body.message, "Invalid Refresh Token")
        yield* advanceClock(61)
        assert.strictEqual((yield* refresh(clientId, tokens.RefreshToken)).body.__type, "NotAuthorizedException")
      }))
  })

  describe("signing out", () => {
    it.effect("RevokeToken ends the refresh token and the access tokens minted from it", () =>
      Effect.gen(function* () {
        const { clientId, tokens } = yield* signedIn()
        const revoked = yield* call("RevokeToken", { ClientId: clientId, Token: tokens.RefreshToken })
        assert.strictEqual(revoked.status, 200)
        assert.deepStrictEqual(revoked.body, {})
        assert.deepStrictEqual(yield* fails("GetUser", { AccessToken: tokens.AccessToken }), ["NotAuthorizedException", "Access Token has been revoked"])
        assert.deepStrictEqual(yield* fails("GetTokensFromRefreshToken", { ClientId: clientId, RefreshToken: tokens.RefreshToken }), [
          "NotAuthorizedException",
          "Refresh Token has been revoked"
        ])
        // Revoking again, or an unknown token, is still a success.
        assert.deepStrictEqual(yield* ok("RevokeToken", { Token: tokens.RefreshToken, ClientId: clientId }), {})
      }))

    it.effect("RevokeToken refuses access tokens and tokens of other clients", () =>
      Effect.gen(function* () {
        const { userPoolId, clientId, tokens } = yield* signedIn()
        assert.strictEqual((yield* fails("RevokeToken", { ClientId: clientId, Token: tokens.AccessToken }))[0], "UnsupportedTokenTypeException")
        const other = (yield* ok("CreateUserPoolClient", { UserPoolId: userPoolId, ClientName: "other" })).UserPoolClient.ClientId
        assert.strictEqual((yield* fails("RevokeToken", { ClientId: other, Token: tokens.RefreshToken }))[0], "UnauthorizedException")
      }))

    it.effect("RevokeToken is refused when the client disabled revocation", () =>
      Effect.gen(function* () {
        const { clientId, tokens } = yield* signedIn({ EnableTokenRevocation: false })
        assert.strictEqual((yield* fails("RevokeToken", { ClientId: clientId, Token: tokens.RefreshToken }))[0], "UnsupportedOperationException")
      }))

    it.effect("GlobalSignOut ends every session of the user, not other users'", () =>
      Effect.gen(function* () {
        const { userPoolId, clientId, username, tokens } = yield* signedIn()
        const second = (yield* srpSignIn({ userPoolId, clientId, username, password })).body.AuthenticationResult
        const otherName = uniqueName()
        yield* makeUser(userPoolId, otherName, password)
        const other = (yield* srpSignIn({ userPoolId, clientId, username: otherName, password })).body.AuthenticationResult
        assert.deepStrictEqual(yield* ok("GlobalSignOut", { AccessToken: tokens.AccessToken }), {})
        for (const session of [tokens, second]) {
          assert.strictEqual((yield* fails("GetUser", { AccessToken: session.AccessToken }))[1], "Access Token has been revoked")
          assert.strictEqual((yield* refresh(clientId, session.RefreshToken)).body.message, "Refresh Token has been revoked")
        }
        assert.strictEqual((yield* call("GetUser", { AccessToken: other.AccessToken })).status, 200)
        // A new sign-in works.
        assert.strictEqual((yield* srpSignIn({ userPoolId, clientId, username, password })).status, 200)
      }))
  })
})
