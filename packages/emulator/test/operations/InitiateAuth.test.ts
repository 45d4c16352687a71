import { assert, describe, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Srp from "@cognito-effect/domain/Srp"
import * as NodeCrypto from "node:crypto"
import { call, claimsOf, fails, makePool, makeUser, ok, srpClient, srpSignIn, TestEmulator, uniqueName } from "../Harness.js"

const password = "Passw0rd!"

const advanceClock = (seconds: number) =>
  Effect.flatMap(TestEmulator, (emulator) => Effect.sync(() => emulator.clock.adjust(`${seconds} seconds`)))

const passwordAuth = (clientId: string, username: string, secret: string) =>
  call("InitiateAuth", { AuthFlow: "USER_PASSWORD_AUTH", ClientId: clientId, AuthParameters: { USERNAME: username, PASSWORD: secret } })

layer(TestEmulator.layer())("InitiateAuth", (it) => {
  describe("USER_SRP_AUTH", () => {
    it.effect("the right password signs in: the claim signature is verified", () =>
      Effect.gen(function* () {
        const { userPoolId, clientId } = yield* makePool()
        const username = uniqueName()
        yield* makeUser(userPoolId, username, password)
        const answer = yield* srpSignIn({ userPoolId, clientId, username, password })
        assert.strictEqual(answer.status, 200)
        assert.deepStrictEqual(answer.body.ChallengeParameters, {})
        const result = answer.body.AuthenticationResult
        assert.strictEqual(result.TokenType, "Bearer")
        assert.strictEqual(result.ExpiresIn, 3600)
        assert.isString(result.RefreshToken)
        const access = claimsOf(result.AccessToken)
        assert.strictEqual(access["username"], username)
        assert.strictEqual(access["token_use"], "access")
      }))

    it.effect("a wrong password is refused with NotAuthorizedException", () =>
      Effect.gen(function* () {
        const { userPoolId, clientId } = yield* makePool()
        const username = uniqueName()
        yield* makeUser(userPoolId, username, password)
        const answer = yield* srpSignIn({ userPoolId, clientId, username, password: "Wrong0rd!" })
        assert.strictEqual(answer.status, 400)
        assert.deepStrictEqual(answer.body, { __type: "NotAuthorizedException", message: "Incorrect username or password." })
      }))

    it.effect("the challenge carries a 16-byte salt, B, a secret block and the canonical user name", () =>
      Effect.gen(function* () {
        const { userPoolId, clientId } = yield* makePool({ UsernameAttributes: ["email"] })
        const email = `${uniqueName()}@example.com`
        yield* makeUser(userPoolId, email, password)
        const challenge = yield* ok("InitiateAuth", {
          AuthFlow: "USER_SRP_AUTH",
          ClientId: clientId,
          AuthParameters: { USERNAME: email, SRP_A: srpClient().srpA }
        })
        const parameters = challenge.ChallengeParameters
        assert.strictEqual(challenge.ChallengeName, "PASSWORD_VERIFIER")
        assert.match(parameters.SALT, /^[0-9a-f]{32}$/)
        assert.match(parameters.SRP_B, /^[0-9a-f]+$/)
        assert.match(parameters.USER_ID_FOR_SRP, /^[0-9a-f-]{36}$/)
        assert.strictEqual(parameters.USERNAME, parameters.USER_ID_FOR_SRP)
        assert.isTrue(Buffer.from(parameters.SECRET_BLOCK, "base64").length > 0)
      }))

    it.effect("an e-mail user name signs in; the math uses USER_ID_FOR_SRP", () =>
      Effect.gen(function* () {
        const { userPoolId, clientId } = yield* makePool({ UsernameAttributes: ["email"] })
        const email = `${uniqueName()}@example.com`
        yield* makeUser(userPoolId, email, password)
        const answer = yield* srpSignIn({ userPoolId, clientId, username: email, password })
        assert.strictEqual(answer.status, 200)
        const id = claimsOf(answer.body.AuthenticationResult.IdToken)
        assert.strictEqual(id["email"], email)
        assert.match(String(id["cognito:username"]), /^[0-9a-f-]{36}$/)
      }))

    it.effect("TIMESTAMP must be Amplify's format (day not zero-padded) and near the clock", () =>
      Effect.gen(function* () {
        const { userPoolId, clientId } = yield* makePool()
        const username = uniqueName()
        yield* makeUser(userPoolId, username, password)
        const attempt = (timestamp: (now: Date) => string) =>
          Effect.gen(function* () {
            const client = srpClient()
            const challenge = yield* ok("InitiateAuth", {
              AuthFlow: "USER_SRP_AUTH",
              ClientId: clientId,
              AuthParameters: { USERNAME: username, SRP_A: client.srpA }
            })
            const now = new Date((yield* TestEmulator).clock.unsafeCurrentTimeMillis())
            return yield* call("RespondToAuthChallenge", {
              ChallengeName: "PASSWORD_VERIFIER",
              ClientId: clientId,
              ChallengeResponses: client.answer({ userPoolId, password, parameters: challenge.ChallengeParameters, timestamp: timestamp(now) })
            })
          })
        const padded = yield* attempt((now) => Srp.formatTimestamp(now).replace(/ (\d) /, " 0$1 "))
        const stale = yield* attempt((now) => Srp.formatTimestamp(new Date(now.getTime() - 3_600_000)))
        const good = yield* attempt((now) => Srp.formatTimestamp(now))
        // The padded variant only differs on days 1–9; on other days it is the good timestamp.
        if (new Date((yield* TestEmulator).clock.unsafeCurrentTimeMillis()).getUTCDate() < 10) assert.strictEqual(padded.body.__type, "NotAuthorizedException")
        assert.strictEqual(stale.body.__type, "NotAuthorizedException")
        assert.strictEqual(good.status, 200)
      }))

    it.effect("a secret block answers once", () =>
      Effect.gen(function* () {
        const { userPoolId, clientId } = yield* makePool()
        const username = uniqueName()
        yield* makeUser(userPoolId, username, password)
        const client = srpClient()
        const now = (yield* TestEmulator).clock.unsafeCurrentTimeMillis()
        const challenge = yield* ok("InitiateAuth", { AuthFlow: "USER_SRP_AUTH", ClientId: clientId, AuthParameters: { USERNAME: username, SRP_A: client.srpA } })
        const responses = client.answer({ userPoolId, password, parameters: challenge.ChallengeParameters, now: new Date(now) })
        yield* ok("RespondToAuthChallenge", { ChallengeName: "PASSWORD_VERIFIER", ClientId: clientId, ChallengeResponses: responses })
        // A different body (another TIMESTAMP) is not a retry: the session is gone.
        const again = yield* fails("RespondToAuthChallenge", {
          ChallengeName: "PASSWORD_VERIFIER",
          ClientId: clientId,
          ChallengeResponses: { ...responses, TIMESTAMP: Srp.formatTimestamp(new Date(now + 2000)) }
        })
        assert.deepStrictEqual(again, ["NotAuthorizedException", "Invalid session for the user."])
      }))

    it.effect("SRP_A ≡ 0 mod N is refused", () =>
      Effect.gen(function* () {
        const { userPoolId, clientId } = yield* makePool()
        const username = uniqueName()
        yield* makeUser(userPoolId, username, password)
        const [type] = yield* fails("InitiateAuth", {
          AuthFlow: "USER_SRP_AUTH",
          ClientId: clientId,
          AuthParameters: { USERNAME: username, SRP_A: Srp.bigIntToHex(Srp.N) }
        })
        assert.strictEqual(type, "NotAuthorizedException")
      }))
  })

  describe("unknown users", () => {
    it.effect("LEGACY clients say UserNotFoundException", () =>
      Effect.gen(function* () {
        const { clientId } = yield* makePool({}, { PreventUserExistenceErrors: "LEGACY" })
        assert.deepStrictEqual(yield* fails("InitiateAuth", { AuthFlow: "USER_PASSWORD_AUTH", ClientId: clientId, AuthParameters: { USERNAME: "nobody", PASSWORD: password } }), [
          "UserNotFoundException",
          "User does not exist."
        ])
      }))

    it.effect("clients that hide users answer NotAuthorizedException, after a stable decoy SRP challenge", () =>
      Effect.gen(function* () {
        const { userPoolId, clientId } = yield* makePool({}, { PreventUserExistenceErrors: "ENABLED" })
        assert.deepStrictEqual(yield* fails("InitiateAuth", { AuthFlow: "USER_PASSWORD_AUTH", ClientId: clientId, AuthParameters: { USERNAME: "nobody", PASSWORD: password } }), [
          "NotAuthorizedException",
          "Incorrect username or password."
        ])
        const first = yield* ok("InitiateAuth", { AuthFlow: "USER_SRP_AUTH", ClientId: clientId, AuthParameters: { USERNAME: "nobody", SRP_A: srpClient().srpA } })
        const second = yield* ok("InitiateAuth", { AuthFlow: "USER_SRP_AUTH", ClientId: clientId, AuthParameters: { USERNAME: "nobody", SRP_A: srpClient().srpA } })
        assert.strictEqual(first.ChallengeParameters.SALT, second.ChallengeParameters.SALT)
        assert.strictEqual(first.ChallengeParameters.USER_ID_FOR_SRP, second.ChallengeParameters.USER_ID_FOR_SRP)
        const answer = yield* srpSignIn({ userPoolId, clientId, username: "nobody", password })
        assert.deepStrictEqual(answer.body, { __type: "NotAuthorizedException", message: "Incorrect username or password." })
      }))
  })

  describe("USER_PASSWORD_AUTH", () => {
    it.effect("signs in with the right password, refuses a wrong one", () =>
      Effect.gen(function* () {
        const { userPoolId, clientId } = yield* makePool()
        const username = uniqueName()
        yield* makeUser(userPoolId, username, password)
        const good = yield* passwordAuth(clientId, username, password)
        assert.strictEqual(good.status, 200)
        assert.isString(good.body.AuthenticationResult.IdToken)
        const bad = yield* passwordAuth(clientId, username, "Passw0rd?")
        assert.deepStrictEqual(bad.body, { __type: "NotAuthorizedException", message: "Incorrect username or password." })
      }))

    it.effect("a flow the client does not allow is refused", () =>
      Effect.gen(function* () {
        const { userPoolId, clientId } = yield* makePool({}, { ExplicitAuthFlows: ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] })
        const username = uniqueName()
        yield* makeUser(userPoolId, username, password)
        const answer = yield* passwordAuth(clientId, username, password)
        assert.deepStrictEqual(answer.body, { __type: "InvalidParameterException", message: "USER_PASSWORD_AUTH flow not enabled for this client" })
      }))

    it.effect("an unknown app client is ResourceNotFoundException", () =>
      Effect.gen(function* () {
        const answer = yield* passwordAuth("nosuchclient", "someone", password)
        assert.strictEqual(answer.status, 400)
        assert.strictEqual(answer.body.__type, "ResourceNotFoundException")
      }))

    it.effect("signs in with a verified e-mail alias, not an unverified one", () =>
      Effect.gen(function* () {
        const { userPoolId, clientId } = yield* makePool({ AliasAttributes: ["email"] })
        const verified = uniqueName()
        const unverified = uniqueName()
        yield* makeUser(userPoolId, verified, password, { email: `${verified}@example.com`, email_verified: "true" })
        yield* makeUser(userPoolId, unverified, password, { email: `${unverified}@example.com` })
        const viaAlias = yield* passwordAuth(clientId, `${verified.toUpperCase()}@EXAMPLE.COM`, password)
        assert.strictEqual(viaAlias.status, 200)
        assert.strictEqual(claimsOf(viaAlias.body.AuthenticationResult.AccessToken)["username"], verified)
        const notAlias = yield* passwordAuth(clientId, `${unverified}@example.com`, password)
        assert.strictEqual(notAlias.body.__type, "UserNotFoundException")
      }))
  })

  describe("account state", () => {
    it.effect("an unconfirmed user with the right password gets UserNotConfirmedException", () =>
      Effect.gen(function* () {
        const { clientId } = yield* makePool({ AutoVerifiedAttributes: ["email"] })
        const username = uniqueName()
        yield* ok("SignUp", { ClientId: clientId, Username: username, Password: password, UserAttributes: [{ Name: "email", Value: `${username}@example.com` }] })
        assert.deepStrictEqual((yield* passwordAuth(clientId, username, password)).body, {
          __type: "UserNotConfirmedException",
          message: "User is not confirmed."
        })
        assert.strictEqual((yield* passwordAuth(clientId, username, "Wrong0rd!")).body.__type, "NotAuthorizedException")
      }))

    it.effect("a disabled user is refused, and enabled again signs in", () =>
      Effect.gen(function* () {
        const { userPoolId, clientId } = yield* makePool()
        const username = uniqueName()
        yield* makeUser(userPoolId, username, password)
        yield* ok("AdminDisableUser", { UserPoolId: userPoolId, Username: username })
        assert.deepStrictEqual((yield* passwordAuth(clientId, username, password)).body, {
          __type: "NotAuthorizedException",
          message: "User is disabled."
        })
        yield* ok("AdminEnableUser", { UserPoolId: userPoolId, Username: username })
        assert.strictEqual((yield* passwordAuth(clientId, username, password)).status, 200)
      }))

    it.effect("a user whose password was reset gets PasswordResetRequiredException", () =>
      Effect.gen(function* () {
        const { userPoolId, clientId } = yield* makePool()
        const username = uniqueName()
        yield* makeUser(userPoolId, username, password)
        yield* ok("AdminResetUserPassword", { UserPoolId: userPoolId, Username: username })
        assert.strictEqual((yield* passwordAuth(clientId, username, password)).body.__type, "PasswordResetRequiredException")
        const srp = yield* call("InitiateAuth", { AuthFlow: "USER_SRP_AUTH", ClientId: clientId, AuthParameters: { USERNAME: username, SRP_A: srpClient().srpA } })
        assert.strictEqual(srp.body.__type, "PasswordResetRequiredException")
      }))

    it.effect("five wrong passwords lock sign-in ('Password attempts exceeded') for a while", () =>
      Effect.gen(function* () {
        const { userPoolId, clientId } = yield* makePool()
        const username = uniqueName()
        yield* makeUser(userPoolId, username, password)
        for (let i = 0; i < 5; i++) {
          assert.strictEqual((yield* passwordAuth(clientId, username, `Wrong${i}0rd!`)).body.message, "Incorrect username or password.")
        }
        // Locked for 2^(5-5) = 1 s: even the right password is refused, over SRP too.
        assert.deepStrictEqual((yield* passwordAuth(clientId, username, password)).body, {
          __type: "NotAuthorizedException",
          message: "Password attempts exceeded"
        })
        const srp = yield* call("InitiateAuth", { AuthFlow: "USER_SRP_AUTH", ClientId: clientId, AuthParameters: { USERNAME: username, SRP_A: srpClient().srpA } })
        assert.strictEqual(srp.body.message, "Password attempts exceeded")
        yield* advanceClock(2)
        // A sixth failure locks for 2 s.
        assert.strictEqual((yield* passwordAuth(clientId, username, "Wrong60rd!")).body.message, "Incorrect username or password.")
        assert.strictEqual((yield* passwordAuth(clientId, username, password)).body.message, "Password attempts exceeded")
        yield* advanceClock(3)
        assert.strictEqual((yield* passwordAuth(clientId, username, password)).status, 200)
        // Success reset the count: one failure does not lock.
        yield* passwordAuth(clientId, username, "Wrong70rd!")
        assert.strictEqual((yield* passwordAuth(clientId, username, password)).status, 200)
      }))
  })

  describe("SECRET_HASH", () => {
    it.effect("a client with a secret needs HMAC(secret, username + clientId)", () =>
      Effect.gen(function* () {
        const { userPoolId, clientId, client } = yield* makePool({}, { GenerateSecret: true })
        const username = uniqueName()
        yield* makeUser(userPoolId, username, password)
        const hash = NodeCrypto.createHmac("sha256", client.ClientSecret).update(username + clientId).digest("base64")
        const missing = yield* passwordAuth(clientId, username, password)
        assert.deepStrictEqual(missing.body, {
          __type: "NotAuthorizedException",
          message: `Client ${clientId} is configured for secret but secret was not received`
        })
        const wrong = yield* call("InitiateAuth", { AuthFlow: "USER_PASSWORD_AUTH", ClientId: clientId, AuthParameters: { USERNAME: username, PASSWORD: password, SECRET_HASH: "AAAA" } })
        assert.strictEqual(wrong.body.message, `Unable to verify secret hash for client ${clientId}`)
        const right = yield* call("InitiateAuth", { AuthFlow: "USER_PASSWORD_AUTH", ClientId: clientId, AuthParameters: { USERNAME: username, PASSWORD: password, SECRET_HASH: hash } })
        assert.strictEqual(right.status, 200)
      }))
  })

  describe("CUSTOM_AUTH", () => {
    const customPool = makePool({}, { ExplicitAuthFlows: ["ALLOW_CUSTOM_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] })

    it.effect("without SRP: the inbox code answers the built-in challenge", () =>
      Effect.gen(function* () {
        const emulator = yield* TestEmulator
        const { userPoolId, clientId } = yield* customPool
        const username = uniqueName()
        yield* makeUser(userPoolId, username, password, { email: `${username}@example.com` })
        const challenge = yield* ok("InitiateAuth", { AuthFlow: "CUSTOM_AUTH", ClientId: clientId, AuthParameters: { USERNAME: username } })
        assert.strictEqual(challenge.ChallengeName, "CUSTOM_CHALLENGE")
        assert.deepStrictEqual(challenge.ChallengeParameters, {
          USERNAME: username,
          CHALLENGE: "EMULATOR_INBOX_CODE",
          DELIVERY_MEDIUM: "EMAIL",
          DESTINATION: `${username[0]}***@e***`,
          ATTEMPTS_REMAINING: "3"
        })
        const code = emulator.latestCode(username, "CUSTOM_CHALLENGE")!
        assert.match(code, /^\d{6}$/)
        const wrong = yield* ok("RespondToAuthChallenge", {
          ChallengeName: "CUSTOM_CHALLENGE",
          ClientId: clientId,
          Session: challenge.Session,
          ChallengeResponses: { USERNAME: username, ANSWER: code === "000000" ? "111111" : "000000" }
        })
        assert.strictEqual(wrong.ChallengeName, "CUSTOM_CHALLENGE")
        assert.strictEqual(wrong.ChallengeParameters.ATTEMPTS_REMAINING, "2")
        assert.notStrictEqual(wrong.Session, challenge.Session)
        const done = yield* ok("RespondToAuthChallenge", {
          ChallengeName: "CUSTOM_CHALLENGE",
          ClientId: clientId,
          Session: wrong.Session,
          ChallengeResponses: { USERNAME: `${username}`, ANSWER: code }
        })
        assert.isString(done.AuthenticationResult.AccessToken)
      }))

    it.effect("three wrong answers end the sign-in", () =>
      Effect.gen(function* () {
        const emulator = yield* TestEmulator
        const { userPoolId, clientId } = yield* customPool
        const username = uniqueName()
        yield* makeUser(userPoolId, username, password)
        let session = (yield* ok("InitiateAuth", { AuthFlow: "CUSTOM_AUTH", ClientId: clientId, AuthParameters: { USERNAME: username } })).Session
        const wrongAnswer = emulator.latestCode(username, "CUSTOM_CHALLENGE") === "123456" ? "654321" : "123456"
        for (let i = 0; i < 2; i++) {
          session = (yield* ok("RespondToAuthChallenge", { ChallengeName: "CUSTOM_CHALLENGE", ClientId: clientId, Session: session, ChallengeResponses: { USERNAME: username, ANSWER: wrongAnswer } })).Session
        }
        assert.deepStrictEqual(
          yield* fails("RespondToAuthChallenge", { ChallengeName: "CUSTOM_CHALLENGE", ClientId: clientId, Session: session, ChallengeResponses: { USERNAME: username, ANSWER: wrongAnswer } }),
          ["NotAuthorizedException", "Incorrect username or password."]
        )
      }))

    it.effect("with SRP: PASSWORD_VERIFIER first, then the custom challenge", () =>
      Effect.gen(function* () {
        const emulator = yield* TestEmulator
        const { userPoolId, clientId } = yield* customPool
        const username = uniqueName()
        yield* makeUser(userPoolId, username, password)
        const verified = yield* srpSignIn({ userPoolId, clientId, username, password, flow: "CUSTOM_AUTH" })
        assert.strictEqual(verified.body.ChallengeName, "CUSTOM_CHALLENGE")
        const done = yield* ok("RespondToAuthChallenge", {
          ChallengeName: "CUSTOM_CHALLENGE",
          ClientId: clientId,
          Session: verified.body.Session,
          ChallengeResponses: { USERNAME: username, ANSWER: emulator.latestCode(username, "CUSTOM_CHALLENGE") }
        })
        assert.isString(done.AuthenticationResult.RefreshToken)
        const wrongPassword = yield* srpSignIn({ userPoolId, clientId, username, password: "Wrong0rd!", flow: "CUSTOM_AUTH" })
        assert.strictEqual(wrongPassword.body.__type, "NotAuthorizedException")
      }))

    it.effect("is refused when the client does not allow it", () =>
      Effect.gen(function* () {
        const { userPoolId, clientId } = yield* makePool({}, { ExplicitAuthFlows: ["ALLOW_USER_SRP_AUTH"] })
        const username = uniqueName()
        yield* makeUser(userPoolId, username, password)
        assert.deepStrictEqual(yield* fails("InitiateAuth", { AuthFlow: "CUSTOM_AUTH", ClientId: clientId, AuthParameters: { USERNAME: username } }), [
          "InvalidParameterException",
          "CUSTOM_AUTH flow not enabled for this client"
        ])
      }))
  })

  describe("REFRESH_TOKEN_AUTH", () => {
    it.effect("gives new access and ID tokens, keeps auth_time, no new refresh token", () =>
      Effect.gen(function* () {
        const { userPoolId, clientId } = yield* makePool()
        const username = uniqueName()
        yield* makeUser(userPoolId, username, password)
        const signedIn = (yield* passwordAuth(clientId, username, password)).body.AuthenticationResult
        yield* advanceClock(5)
        const refreshed = yield* ok("InitiateAuth", { AuthFlow: "REFRESH_TOKEN_AUTH", ClientId: clientId, AuthParameters: { REFRESH_TOKEN: signedIn.RefreshToken } })
        const before = claimsOf(signedIn.AccessToken)
        const after = claimsOf(refreshed.AuthenticationResult.AccessToken)
        assert.isUndefined(refreshed.AuthenticationResult.RefreshToken)
        assert.strictEqual(after["auth_time"], before["auth_time"])
        assert.strictEqual(after["origin_jti"], before["origin_jti"])
        assert.isAbove(after["iat"] as number, before["iat"] as number)
        assert.notStrictEqual(after["jti"], before["jti"])
      }))
  })
})
