import { assert, describe, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { call, claimsOf, fails, makePool, ok, srpClient, TestEmulator, uniqueName } from "./Harness.js"
import { answerPasskey, device, passkeyChallenge, password, passwordlessPool, register, signedInUser } from "./PasskeyClient.js"

const userAuth = (clientId: string, parameters: Record<string, string>, session?: string) =>
  call("InitiateAuth", { AuthFlow: "USER_AUTH", ClientId: clientId, AuthParameters: parameters, ...(session === undefined ? {} : { Session: session }) })

const respond = (clientId: string, challenge: string, session: string, responses: Record<string, string>) =>
  call("RespondToAuthChallenge", { ChallengeName: challenge, ClientId: clientId, Session: session, ChallengeResponses: responses })

const latestCode = (username: string, purpose: string) => Effect.map(TestEmulator, (emulator) => emulator.latestCode(username, purpose)!)

const wrong = (code: string) => (code === "000000" ? "111111" : "000000")

/** A passwordless pool and a user with a password, a verified e-mail and phone. */
const setUp = (pool: Record<string, unknown> = {}, client: Record<string, unknown> = {}) =>
  Effect.gen(function* () {
    const created = yield* passwordlessPool(pool, client)
    const user = yield* signedInUser(created.userPoolId, created.clientId)
    return { ...created, ...user }
  })

layer(TestEmulator.layer())("USER_AUTH", (it) => {
  describe("the choice of first factor", () => {
    it.effect("without a preference answers SELECT_CHALLENGE with what this user can do", () =>
      Effect.gen(function* () {
        const { clientId, username, accessToken } = yield* setUp()
        const choice = yield* userAuth(clientId, { USERNAME: username })
        assert.strictEqual(choice.status, 200)
        assert.strictEqual(choice.body.ChallengeName, "SELECT_CHALLENGE")
        assert.deepStrictEqual(choice.body.ChallengeParameters, {})
        assert.deepStrictEqual(choice.body.AvailableChallenges, ["PASSWORD", "PASSWORD_SRP", "EMAIL_OTP", "SMS_OTP"])
        assert.isAtLeast(choice.body.Session.length, 20)
        yield* register(accessToken, device())
        const withPasskey = yield* userAuth(clientId, { USERNAME: username })
        assert.deepStrictEqual(withPasskey.body.AvailableChallenges, ["PASSWORD", "PASSWORD_SRP", "WEB_AUTHN", "EMAIL_OTP", "SMS_OTP"])
      }))

    it.effect("offers only the pool's allowed factors; a preference the user cannot take falls back to the choice", () =>
      Effect.gen(function* () {
        const { clientId, username } = yield* setUp({ Policies: { SignInPolicy: { AllowedFirstAuthFactors: ["PASSWORD", "EMAIL_OTP"] } } })
        const choice = yield* userAuth(clientId, { USERNAME: username, PREFERRED_CHALLENGE: "SMS_OTP" })
        assert.strictEqual(choice.body.ChallengeName, "SELECT_CHALLENGE")
        assert.deepStrictEqual(choice.body.AvailableChallenges, ["PASSWORD", "PASSWORD_SRP", "EMAIL_OTP"])
        const noPasskey = yield* passwordlessPool()
        const user = yield* signedInUser(noPasskey.userPoolId, noPasskey.clientId)
        const fallback = yield* userAuth(noPasskey.clientId, { USERNAME: user.username, PREFERRED_CHALLENGE: "WEB_AUTHN" })
        assert.strictEqual(fallback.body.ChallengeName, "SELECT_CHALLENGE")
      }))

    it.effect("refuses clients without ALLOW_USER_AUTH and unknown preferences", () =>
      Effect.gen(function* () {
        const { userPoolId, clientId } = yield* makePool()
        const [type, message] = yield* fails("InitiateAuth", { AuthFlow: "USER_AUTH", ClientId: clientId, AuthParameters: { USERNAME: "x" } })
        assert.strictEqual(type, "InvalidParameterException")
        assert.strictEqual(message, "USER_AUTH flow not enabled for this client")
        assert.isString(userPoolId)
        const { clientId: passwordless, username } = yield* setUp()
        const [bad] = yield* fails("InitiateAuth", {
          AuthFlow: "USER_AUTH",
          ClientId: passwordless,
          AuthParameters: { USERNAME: username, PREFERRED_CHALLENGE: "MAGIC_LINK" }
        })
        assert.strictEqual(bad, "InvalidParameterException")
      }))

    it.effect("an unknown user is UserNotFoundException, or a decoy choice whose every answer fails when the client hides users", () =>
      Effect.gen(function* () {
        const open = yield* passwordlessPool()
        const [type] = yield* fails("InitiateAuth", { AuthFlow: "USER_AUTH", ClientId: open.clientId, AuthParameters: { USERNAME: "nobody" } })
        assert.strictEqual(type, "UserNotFoundException")
        const hiding = yield* passwordlessPool({}, { PreventUserExistenceErrors: "ENABLED" })
        const decoy = yield* userAuth(hiding.clientId, { USERNAME: "nobody@example.com" })
        assert.strictEqual(decoy.body.ChallengeName, "SELECT_CHALLENGE")
        assert.deepStrictEqual(decoy.body.AvailableChallenges, ["PASSWORD", "PASSWORD_SRP", "WEB_AUTHN", "EMAIL_OTP", "SMS_OTP"])
        const answer = yield* respond(hiding.clientId, "SELECT_CHALLENGE", decoy.body.Session, { USERNAME: "nobody@example.com", ANSWER: "EMAIL_OTP" })
        assert.deepStrictEqual([answer.body.__type, answer.body.message], ["NotAuthorizedException", "Incorrect username or password."])
        const [password] = yield* fails("InitiateAuth", {
          AuthFlow: "USER_AUTH",
          ClientId: hiding.clientId,
          AuthParameters: { USERNAME: "nobody@example.com", PREFERRED_CHALLENGE: "PASSWORD", PASSWORD: "x" }
        })
        assert.strictEqual(password, "NotAuthorizedException")
      }))
  })

  describe("password factors", () => {
    it.effect("PREFERRED_CHALLENGE PASSWORD signs in at once; a wrong password is refused", () =>
      Effect.gen(function* () {
        const { clientId, username } = yield* setUp()
        const signedIn = yield* userAuth(clientId, { USERNAME: username, PREFERRED_CHALLENGE: "PASSWORD", PASSWORD: password })
        assert.strictEqual(claimsOf(signedIn.body.AuthenticationResult.AccessToken)["username"], username)
        const refused = yield* userAuth(clientId, { USERNAME: username, PREFERRED_CHALLENGE: "PASSWORD", PASSWORD: "Wr0ng-password" })
        assert.deepStrictEqual([refused.body.__type, refused.body.message], ["NotAuthorizedException", "Incorrect username or password."])
      }))

    it.effect("PREFERRED_CHALLENGE PASSWORD_SRP answers SRP_A with PASSWORD_VERIFIER", () =>
      Effect.gen(function* () {
        const { userPoolId, clientId, username } = yield* setUp()
        const emulator = yield* TestEmulator
        const srp = srpClient()
        const verifier = yield* userAuth(clientId, { USERNAME: username, PREFERRED_CHALLENGE: "PASSWORD_SRP", SRP_A: srp.srpA })
        assert.strictEqual(verifier.body.ChallengeName, "PASSWORD_VERIFIER")
        const tokens = yield* call("RespondToAuthChallenge", {
          ChallengeName: "PASSWORD_VERIFIER",
          ClientId: clientId,
          ChallengeResponses: srp.answer({
            userPoolId,
            password,
            parameters: verifier.body.ChallengeParameters,
            now: new Date(emulator.clock.unsafeCurrentTimeMillis())
          })
        })
        assert.isString(tokens.body.AuthenticationResult.IdToken)
      }))

    it.effect("SELECT_CHALLENGE answered PASSWORD with the password, or PASSWORD_SRP with SRP_A", () =>
      Effect.gen(function* () {
        const { clientId, username } = yield* setUp()
        const choice = yield* userAuth(clientId, { USERNAME: username })
        const signedIn = yield* respond(clientId, "SELECT_CHALLENGE", choice.body.Session, { USERNAME: username, ANSWER: "PASSWORD", PASSWORD: password })
        assert.isString(signedIn.body.AuthenticationResult.AccessToken)
        const again = yield* userAuth(clientId, { USERNAME: username })
        const verifier = yield* respond(clientId, "SELECT_CHALLENGE", again.body.Session, { USERNAME: username, ANSWER: "PASSWORD_SRP", SRP_A: srpClient().srpA })
        assert.strictEqual(verifier.body.ChallengeName, "PASSWORD_VERIFIER")
        const third = yield* userAuth(clientId, { USERNAME: username })
        const unavailable = yield* respond(clientId, "SELECT_CHALLENGE", third.body.Session, { USERNAME: username, ANSWER: "WEB_AUTHN" })
        assert.strictEqual(unavailable.body.__type, "InvalidParameterException")
      }))

    it.effect("a password factor is followed by MFA; a passwordless one is not", () =>
      Effect.gen(function* () {
        const { userPoolId, clientId, username } = yield* setUp()
        yield* ok("SetUserPoolMfaConfig", { UserPoolId: userPoolId, MfaConfiguration: "ON", EmailMfaConfiguration: {} })
        yield* ok("AdminSetUserMFAPreference", { UserPoolId: userPoolId, Username: username, EmailMfaSettings: { Enabled: true, PreferredMfa: true } })
        const mfa = yield* userAuth(clientId, { USERNAME: username, PREFERRED_CHALLENGE: "PASSWORD", PASSWORD: password })
        assert.strictEqual(mfa.body.ChallengeName, "EMAIL_OTP")
        const tokens = yield* respond(clientId, "EMAIL_OTP", mfa.body.Session, { USERNAME: username, EMAIL_OTP_CODE: yield* latestCode(username, "EMAIL_OTP") })
        assert.isString(tokens.body.AuthenticationResult.AccessToken)

        const otp = yield* userAuth(clientId, { USERNAME: username, PREFERRED_CHALLENGE: "EMAIL_OTP" })
        assert.strictEqual(otp.body.ChallengeName, "EMAIL_OTP")
        const direct = yield* respond(clientId, "EMAIL_OTP", otp.body.Session, { USERNAME: username, EMAIL_OTP_CODE: yield* latestCode(username, "EMAIL_OTP") })
        assert.isString(direct.body.AuthenticationResult.AccessToken)
      }))
  })

  describe("one-time passwords", () => {
    for (const [factor, member, purposeOf] of [
      ["EMAIL_OTP", "EMAIL_OTP_CODE", (user: { email: string }) => user.email],
      ["SMS_OTP", "SMS_OTP_CODE", () => "+15555550123"]
    ] as const) {
      it.effect(`${factor}: sends a code, lets a wrong code be retried on the same session, signs in with the right one`, () =>
        Effect.gen(function* () {
          const { clientId, username, email } = yield* setUp()
          const challenge = yield* userAuth(clientId, { USERNAME: username, PREFERRED_CHALLENGE: factor })
          assert.strictEqual(challenge.body.ChallengeName, factor)
          assert.deepStrictEqual(
            challenge.body.ChallengeParameters,
            factor === "EMAIL_OTP"
              ? { CODE_DELIVERY_DELIVERY_MEDIUM: "EMAIL", CODE_DELIVERY_DESTINATION: `${email[0]}***@e***` }
              : { CODE_DELIVERY_DELIVERY_MEDIUM: "SMS", CODE_DELIVERY_DESTINATION: "+*******0123" }
          )
          const emulator = yield* TestEmulator
          const message = emulator.inbox(username, { purpose: factor }).at(-1)!
          assert.strictEqual(message.destination, purposeOf({ email }))
          const mismatch = yield* respond(clientId, factor, challenge.body.Session, { USERNAME: username, [member]: wrong(message.code) })
          assert.deepStrictEqual([mismatch.body.__type, mismatch.body.message], ["CodeMismatchException", "Invalid code or auth state for the user."])
          const tokens = yield* respond(clientId, factor, challenge.body.Session, { USERNAME: username, [member]: message.code })
          assert.strictEqual(claimsOf(tokens.body.AuthenticationResult.IdToken)["cognito:username"], username)
          const again = yield* respond(clientId, factor, challenge.body.Session, { USERNAME: email, [member]: wrong(message.code) })
          assert.strictEqual(again.body.__type, "NotAuthorizedException")
        }))
    }

    it.effect("SELECT_CHALLENGE answered EMAIL_OTP gets the code challenge; five wrong codes end the session", () =>
      Effect.gen(function* () {
        const { clientId, username } = yield* setUp()
        const choice = yield* userAuth(clientId, { USERNAME: username })
        const challenge = yield* respond(clientId, "SELECT_CHALLENGE", choice.body.Session, { USERNAME: username, ANSWER: "EMAIL_OTP" })
        assert.strictEqual(challenge.body.ChallengeName, "EMAIL_OTP")
        const code = yield* latestCode(username, "EMAIL_OTP")
        for (let i = 0; i < 5; i++) {
          const answer = yield* respond(clientId, "EMAIL_OTP", challenge.body.Session, { USERNAME: username, EMAIL_OTP_CODE: wrong(code) })
          assert.strictEqual(answer.body.__type, "CodeMismatchException")
        }
        const late = yield* respond(clientId, "EMAIL_OTP", challenge.body.Session, { USERNAME: username, EMAIL_OTP_CODE: code })
        assert.strictEqual(late.body.__type, "NotAuthorizedException")
      }))

    it.effect("refuses codes to an unconfirmed user before sending any, and a user with no usable factor", () =>
      Effect.gen(function* () {
        const { userPoolId, clientId } = yield* passwordlessPool({ AutoVerifiedAttributes: ["email"] })
        const username = `${uniqueName("unconfirmed")}@example.com`
        yield* ok("SignUp", { ClientId: clientId, Username: username, UserAttributes: [{ Name: "email", Value: username }] })
        const nothing = yield* userAuth(clientId, { USERNAME: username })
        assert.deepStrictEqual([nothing.body.__type, nothing.body.message], ["NotAuthorizedException", "The user has no sign-in factor the pool allows."])
        yield* ok("AdminUpdateUserAttributes", { UserPoolId: userPoolId, Username: username, UserAttributes: [{ Name: "email_verified", Value: "true" }] })
        const refused = yield* userAuth(clientId, { USERNAME: username, PREFERRED_CHALLENGE: "EMAIL_OTP" })
        assert.strictEqual(refused.body.__type, "UserNotConfirmedException")
        const emulator = yield* TestEmulator
        assert.strictEqual(emulator.inbox(username, { purpose: "EMAIL_OTP" }).length, 0)
      }))
  })

  describe("sign-up without a password, then auto sign-in", () => {
    it.effect("ConfirmSignUp's Session signs the user in with USER_AUTH, once", () =>
      Effect.gen(function* () {
        const { clientId } = yield* passwordlessPool({ AutoVerifiedAttributes: ["email"] })
        const username = `${uniqueName("nopw")}@example.com`
        const signedUp = yield* ok("SignUp", { ClientId: clientId, Username: username, UserAttributes: [{ Name: "email", Value: username }] })
        assert.strictEqual(signedUp.UserConfirmed, false)
        const confirmed = yield* ok("ConfirmSignUp", { ClientId: clientId, Username: username, ConfirmationCode: yield* latestCode(username, "SIGN_UP") })
        assert.isString(confirmed.Session)
        const signedIn = yield* userAuth(clientId, { USERNAME: username }, confirmed.Session)
        assert.strictEqual(signedIn.status, 200)
        assert.strictEqual(claimsOf(signedIn.body.AuthenticationResult.IdToken)["email"], username)
        const reused = yield* userAuth(clientId, { USERNAME: username }, confirmed.Session)
        assert.deepStrictEqual([reused.body.__type, reused.body.message], ["NotAuthorizedException", "Invalid session for the user."])
        // No password: the password factors are not offered, e-mail codes are.
        const choice = yield* userAuth(clientId, { USERNAME: username })
        assert.deepStrictEqual(choice.body.AvailableChallenges, ["EMAIL_OTP"])
      }))

    it.effect("a password-only pool still requires a password, and its ConfirmSignUp has no Session", () =>
      Effect.gen(function* () {
        const { clientId } = yield* makePool({ AutoVerifiedAttributes: ["email"] })
        const username = `${uniqueName("pwonly")}@example.com`
        const [type] = yield* fails("SignUp", { ClientId: clientId, Username: username, UserAttributes: [{ Name: "email", Value: username }] })
        assert.strictEqual(type, "InvalidParameterException")
        yield* ok("SignUp", { ClientId: clientId, Username: username, Password: password, UserAttributes: [{ Name: "email", Value: username }] })
        const confirmed = yield* ok("ConfirmSignUp", { ClientId: clientId, Username: username, ConfirmationCode: yield* latestCode(username, "SIGN_UP") })
        assert.deepStrictEqual(confirmed, {})
      }))
  })

  describe("passkeys", () => {
    it.effect("WEB_AUTHN: request options as a JSON string; the assertion signs the user in and advances the sign count", () =>
      Effect.gen(function* () {
        const { userPoolId, clientId, username, accessToken } = yield* setUp()
        const authenticator = device()
        const credentialId = yield* register(accessToken, authenticator)
        const { challenge, options } = yield* passkeyChallenge(clientId, username)
        assert.strictEqual(challenge.ChallengeName, "WEB_AUTHN")
        assert.strictEqual(typeof challenge.ChallengeParameters.CREDENTIAL_REQUEST_OPTIONS, "string")
        assert.strictEqual(options.rpId, "localhost")
        assert.strictEqual(options.userVerification, "preferred")
        assert.deepStrictEqual(options.allowCredentials, [{ id: credentialId, type: "public-key", transports: ["internal"] }])
        const assertion = yield* Effect.orDie(authenticator.get(options))
        const tokens = yield* answerPasskey(clientId, username, challenge.Session, assertion)
        assert.strictEqual(tokens.status, 200)
        assert.strictEqual(claimsOf(tokens.body.AuthenticationResult.AccessToken)["username"], username)
        const emulator = yield* TestEmulator
        const stored = [...emulator.emulator.store.pools.get(userPoolId)!.users.values()].find((user) => user.username === username)!
        assert.strictEqual(stored.passkeys?.[0]?.signCount, 1)
        assert.isNumber(stored.passkeys?.[0]?.lastUsedAt)
      }))

    it.effect("SELECT_CHALLENGE answered WEB_AUTHN gets the passkey challenge", () =>
      Effect.gen(function* () {
        const { clientId, username, accessToken } = yield* setUp()
        const authenticator = device()
        yield* register(accessToken, authenticator)
        const choice = yield* userAuth(clientId, { USERNAME: username })
        const challenge = yield* respond(clientId, "SELECT_CHALLENGE", choice.body.Session, { USERNAME: username, ANSWER: "WEB_AUTHN" })
        assert.strictEqual(challenge.body.ChallengeName, "WEB_AUTHN")
        const options = JSON.parse(challenge.body.ChallengeParameters.CREDENTIAL_REQUEST_OPTIONS)
        const assertion = yield* Effect.orDie(authenticator.get(options))
        const tokens = yield* answerPasskey(clientId, username, challenge.body.Session, assertion)
        assert.isString(tokens.body.AuthenticationResult.RefreshToken)
      }))
  })
})
