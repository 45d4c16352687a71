import { assert, describe, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { call, claimsOf, makePool, makeUser, ok, send, srpSignIn, TestEmulator, uniqueName } from "../Harness.js"

const password = "Passw0rd!"

/** One Cognito Identity operation over HTTP. */
const identity = (operation: string, body: unknown) =>
  Effect.flatMap(TestEmulator, (emulator) =>
    send(emulator.endpoint, undefined, body, { "x-amz-target": `AWSCognitoIdentityService.${operation}` }))

const identityOk = (operation: string, body: unknown) =>
  Effect.flatMap(identity(operation, body), (answer) =>
    answer.status === 200 ? Effect.succeed(answer.body) : Effect.dieMessage(`${operation}: ${answer.status} ${JSON.stringify(answer.body)}`))

const identityFails = (operation: string, body: unknown) =>
  Effect.flatMap(identity(operation, body), (answer) =>
    answer.status === 400
      ? Effect.succeed([answer.body.__type as string, answer.body.message as string] as const)
      : Effect.dieMessage(`${operation} did not fail: ${answer.status} ${JSON.stringify(answer.body)}`))

const providerName = (userPoolId: string) => `cognito-idp.us-east-1.amazonaws.com/${userPoolId}`

/** A user pool, a signed-in user, and an identity pool trusting the pool's client. */
const setup = (options: { readonly guests?: boolean; readonly serverSideTokenCheck?: boolean; readonly client?: Record<string, unknown> } = {}) =>
  Effect.gen(function* () {
    const emulator = yield* TestEmulator
    const pool = yield* makePool({}, options.client ?? {})
    const username = uniqueName()
    yield* makeUser(pool.userPoolId, username, password)
    const answer = yield* srpSignIn({ userPoolId: pool.userPoolId, clientId: pool.clientId, username, password })
    const tokens = answer.body.AuthenticationResult as { AccessToken: string; IdToken: string; RefreshToken: string }
    const created = yield* identityOk("CreateIdentityPool", {
      IdentityPoolName: `pool ${uniqueName()}`,
      AllowUnauthenticatedIdentities: options.guests ?? false,
      CognitoIdentityProviders: [
        { ProviderName: providerName(pool.userPoolId), ClientId: pool.clientId, ServerSideTokenCheck: options.serverSideTokenCheck ?? false }
      ]
    })
    // Amplify keys the login by the ID token's issuer without its scheme.
    const loginKey = `${emulator.endpoint.replace(/^http:\/\//, "")}/${pool.userPoolId}`
    return { ...pool, username, tokens, identityPoolId: created.IdentityPoolId as string, logins: { [loginKey]: tokens.IdToken } }
  })

layer(TestEmulator.layer())("identity pools", (it) => {
  describe("CreateIdentityPool", () => {
    it.effect("echoes the pool with a <region>:<uuid> id", () =>
      Effect.gen(function* () {
        const created = yield* identityOk("CreateIdentityPool", {
          IdentityPoolName: "my identities",
          AllowUnauthenticatedIdentities: true,
          CognitoIdentityProviders: [{ ProviderName: providerName("us-east-1_AbC"), ClientId: "abc" }]
        })
        assert.match(created.IdentityPoolId, /^us-east-1:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
        assert.strictEqual(created.IdentityPoolName, "my identities")
        assert.strictEqual(created.AllowUnauthenticatedIdentities, true)
        assert.deepStrictEqual(created.CognitoIdentityProviders, [
          { ProviderName: providerName("us-east-1_AbC"), ClientId: "abc", ServerSideTokenCheck: false }
        ])
      }))

    it.effect("refuses a bad name and a provider that names no user pool", () =>
      Effect.gen(function* () {
        const [type] = yield* identityFails("CreateIdentityPool", { IdentityPoolName: "no/slashes", AllowUnauthenticatedIdentities: false })
        assert.strictEqual(type, "InvalidParameterException")
        const [other] = yield* identityFails("CreateIdentityPool", {
          IdentityPoolName: "x",
          AllowUnauthenticatedIdentities: false,
          CognitoIdentityProviders: [{ ProviderName: "accounts.google.com" }]
        })
        assert.strictEqual(other, "InvalidParameterException")
      }))
  })

  describe("guests", () => {
    it.effect("get a new identity per GetId and temporary credentials valid one hour", () =>
      Effect.gen(function* () {
        const emulator = yield* TestEmulator
        const { identityPoolId } = yield* setup({ guests: true })
        const first = yield* identityOk("GetId", { IdentityPoolId: identityPoolId, Logins: {} })
        const second = yield* identityOk("GetId", { IdentityPoolId: identityPoolId, Logins: {} })
        assert.match(first.IdentityId, /^us-east-1:[0-9a-f-]{36}$/)
        assert.notStrictEqual(first.IdentityId, second.IdentityId)
        const answer = yield* identityOk("GetCredentialsForIdentity", { IdentityId: first.IdentityId })
        assert.strictEqual(answer.IdentityId, first.IdentityId)
        assert.match(answer.Credentials.AccessKeyId, /^ASIA[A-Z2-7]{16}$/)
        assert.match(answer.Credentials.SecretKey, /^[A-Za-z0-9+/]{40}$/)
        assert.isAbove(answer.Credentials.SessionToken.length, 300)
        const now = emulator.clock.unsafeCurrentTimeMillis() / 1000
        assert.isNumber(answer.Credentials.Expiration)
        assert.approximately(answer.Credentials.Expiration - now, 3600, 2)
      }))

    it.effect("are refused where the pool does not allow them", () =>
      Effect.gen(function* () {
        const { identityPoolId } = yield* setup({ guests: false })
        const [type, message] = yield* identityFails("GetId", { IdentityPoolId: identityPoolId, Logins: {} })
        assert.strictEqual(type, "NotAuthorizedException")
        assert.strictEqual(message, "Unauthenticated access is not supported for this identity pool.")
      }))
  })

  describe("signed-in users", () => {
    it.effect("keep one identity across sign-ins, and need their login for credentials", () =>
      Effect.gen(function* () {
        const { identityPoolId, logins, userPoolId, clientId, username } = yield* setup()
        const { IdentityId } = yield* identityOk("GetId", { IdentityPoolId: identityPoolId, Logins: logins })
        const credentials = yield* identityOk("GetCredentialsForIdentity", { IdentityId, Logins: logins })
        assert.strictEqual(credentials.IdentityId, IdentityId)
        assert.match(credentials.Credentials.AccessKeyId, /^ASIA/)

        const again = yield* srpSignIn({ userPoolId, clientId, username, password })
        const key = Object.keys(logins)[0]!
        const second = yield* identityOk("GetId", { IdentityPoolId: identityPoolId, Logins: { [key]: again.body.AuthenticationResult.IdToken } })
        assert.strictEqual(second.IdentityId, IdentityId)

        const [type, message] = yield* identityFails("GetCredentialsForIdentity", { IdentityId })
        assert.strictEqual(type, "NotAuthorizedException")
        assert.include(message, "Logins don't match")
      }))

    it.effect("a guest who signs in keeps the guest's identity; a login that has one merges the guest into it", () =>
      Effect.gen(function* () {
        const { identityPoolId, logins, userPoolId, clientId, username } = yield* setup({ guests: true })
        // The guest's identity, then the same with the user's login: it becomes the user's.
        const guest = (yield* identityOk("GetId", { IdentityPoolId: identityPoolId })).IdentityId as string
        const linked = yield* identityOk("GetCredentialsForIdentity", { IdentityId: guest, Logins: logins })
        assert.strictEqual(linked.IdentityId, guest)
        assert.strictEqual((yield* identityOk("GetId", { IdentityPoolId: identityPoolId, Logins: logins })).IdentityId, guest)
        const [type, message] = yield* identityFails("GetCredentialsForIdentity", { IdentityId: guest })
        assert.strictEqual(type, "NotAuthorizedException")
        assert.include(message, "Logins don't match")

        // A later guest signing in as the same user gets the user's identity back.
        const later = (yield* identityOk("GetId", { IdentityPoolId: identityPoolId })).IdentityId as string
        assert.notStrictEqual(later, guest)
        const again = yield* srpSignIn({ userPoolId, clientId, username, password })
        const key = Object.keys(logins)[0]!
        const merged = yield* identityOk("GetCredentialsForIdentity", { IdentityId: later, Logins: { [key]: again.body.AuthenticationResult.IdToken } })
        assert.strictEqual(merged.IdentityId, guest)
      }))

    it.effect("accept the provider name as AWS spells it too", () =>
      Effect.gen(function* () {
        const { identityPoolId, userPoolId, tokens } = yield* setup()
        const answer = yield* identityOk("GetId", { IdentityPoolId: identityPoolId, Logins: { [providerName(userPoolId)]: tokens.IdToken } })
        assert.match(answer.IdentityId, /^us-east-1:/)
      }))

    it.effect("refuse access tokens, forged and expired ID tokens, and untrusted pools", () =>
      Effect.gen(function* () {
        const emulator = yield* TestEmulator
        const { identityPoolId, logins, tokens } = yield* setup({ client: { IdTokenValidity: 60, TokenValidityUnits: { IdToken: "seconds" } } })
        const key = Object.keys(logins)[0]!
        const refused = (token: string, provider = key) =>
          Effect.map(identityFails("GetId", { IdentityPoolId: identityPoolId, Logins: { [provider]: token } }), ([type, message]) => {
            assert.strictEqual(type, "NotAuthorizedException")
            return message
          })
        assert.include(yield* refused(tokens.AccessToken), "Not a valid OpenId Connect identity token")
        const [header, , signature] = tokens.IdToken.split(".")
        const forgedClaims = { ...claimsOf(tokens.IdToken), sub: "someone-else" }
        const forged = `${header}.${Buffer.from(JSON.stringify(forgedClaims)).toString("base64url")}.${signature}`
        assert.include(yield* refused(forged), "Not a valid OpenId Connect identity token")
        const other = yield* makePool()
        assert.include(yield* refused(tokens.IdToken, `${key.split("/")[0]}/${other.userPoolId}`), "not from a supported provider")
        emulator.clock.adjust("61 seconds")
        assert.include(yield* refused(tokens.IdToken), "Token expired")
      }))

    it.effect("with ServerSideTokenCheck, refuse a session that was signed out", () =>
      Effect.gen(function* () {
        const { identityPoolId, logins, tokens } = yield* setup({ serverSideTokenCheck: true })
        yield* identityOk("GetId", { IdentityPoolId: identityPoolId, Logins: logins })
        yield* ok("GlobalSignOut", { AccessToken: tokens.AccessToken })
        const [type, message] = yield* identityFails("GetId", { IdentityPoolId: identityPoolId, Logins: logins })
        assert.strictEqual(type, "NotAuthorizedException")
        assert.include(message, "revoked")
      }))
  })

  it.effect("unknown pools and identities are ResourceNotFoundException", () =>
    Effect.gen(function* () {
      const [pool] = yield* identityFails("GetId", { IdentityPoolId: "us-east-1:00000000-0000-4000-8000-000000000000", Logins: {} })
      assert.strictEqual(pool, "ResourceNotFoundException")
      const [id] = yield* identityFails("GetCredentialsForIdentity", { IdentityId: "us-east-1:00000000-0000-4000-8000-000000000000" })
      assert.strictEqual(id, "ResourceNotFoundException")
    }))

  it.effect("the default seed has an identity pool for guests, announced with the user pool", () =>
    Effect.gen(function* () {
      const emulator = yield* TestEmulator
      assert.isString(emulator.identityPoolId)
      const { IdentityId } = yield* identityOk("GetId", { IdentityPoolId: emulator.identityPoolId, Logins: {} })
      yield* identityOk("GetCredentialsForIdentity", { IdentityId })
      // user-pool calls still answer on the same endpoint
      const described = yield* call("DescribeUserPool", { UserPoolId: emulator.userPoolId })
      assert.strictEqual(described.status, 200)
    }))
})
