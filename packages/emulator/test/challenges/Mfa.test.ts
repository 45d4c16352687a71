import { assert, describe, layer } from "@effect/vitest"
import type * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Totp from "@cognito-effect/domain/Totp"
import { call, fails, makePool, makeUser, ok, srpSignIn, TestEmulator, uniqueName } from "../Harness.js"

const password = "Passw0rd!"
const phone = "+15555550123"
// RFC 6238's SHA-1 key ("12345678901234567890"), seeded as a user's authenticator.
const seededSecret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"

const allFactors = { SmsMfaConfiguration: {}, SoftwareTokenMfaConfiguration: { Enabled: true }, EmailMfaConfiguration: {} }

/** A pool with MFA `mode` and `factors`, a client, and a user with `attributes`. */
const setUp = (mode: "ON" | "OPTIONAL", factors: Record<string, unknown> = allFactors, attributes: Record<string, string> = {}) =>
  Effect.gen(function* () {
    const pool = yield* makePool()
    yield* ok("SetUserPoolMfaConfig", { UserPoolId: pool.userPoolId, MfaConfiguration: mode, ...factors })
    const username = uniqueName("mfa")
    yield* makeUser(pool.userPoolId, username, password, attributes)
    return { ...pool, username }
  })

const passwordSignIn = (clientId: string, username: string) =>
  ok("InitiateAuth", { AuthFlow: "USER_PASSWORD_AUTH", ClientId: clientId, AuthParameters: { USERNAME: username, PASSWORD: password } })

const respond = (clientId: string, challenge: string, session: string, responses: Record<string, string>) =>
  call("RespondToAuthChallenge", { ChallengeName: challenge, ClientId: clientId, Session: session, ChallengeResponses: responses })

const latestCode = (username: string, purpose: string) =>
  Effect.map(TestEmulator, (emulator) => emulator.latestCode(username, purpose)!)

/** The TOTP code of `secret` on the emulator's clock, `offset` steps away. */
const totpCode = (secret: string, offset = 0) =>
  Effect.map(TestEmulator, (emulator) =>
    Totp.generate(Option.getOrThrow(Totp.base32Decode(secret)), Math.floor(emulator.clock.unsafeCurrentTimeMillis() / 1000) + offset * 30)
  )

const advance = (duration: Duration.DurationInput) => Effect.flatMap(TestEmulator, (emulator) => Effect.sync(() => emulator.clock.adjust(duration)))

const wrong = (code: string) => (code === "000000" ? "111111" : "000000")

const seed = {
  UserPools: [
    {
      Id: "us-east-1_MfaSeed1",
      PoolName: "mfa-seed",
      MfaConfiguration: "OPTIONAL" as const,
      SoftwareTokenMfaConfiguration: { Enabled: true },
      Clients: [{ Id: "mfaseedclient", ClientName: "web", ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH" as const, "ALLOW_CUSTOM_AUTH" as const] }],
      Users: [
        {
          Username: "totp-user",
          Password: password,
          Attributes: { email: "totp@example.com" },
          SoftwareTokenSecret: seededSecret,
          UserMFASettingList: ["SOFTWARE_TOKEN_MFA" as const],
          PreferredMfaSetting: "SOFTWARE_TOKEN_MFA" as const
        }
      ]
    }
  ]
}

layer(TestEmulator.layer({ seed }))("MFA challenges", (it) => {
  describe("SMS_MFA", () => {
    it.effect("sends a code to the phone; a wrong code keeps the session, the right one signs in", () =>
      Effect.gen(function* () {
        const { clientId, username } = yield* setUp("ON", { SmsMfaConfiguration: {} }, { phone_number: phone })
        const challenge = yield* passwordSignIn(clientId, username)
        assert.strictEqual(challenge.ChallengeName, "SMS_MFA")
        assert.deepStrictEqual(challenge.ChallengeParameters, {
          CODE_DELIVERY_DELIVERY_MEDIUM: "SMS",
          CODE_DELIVERY_DESTINATION: "+*******0123",
          USER_ID_FOR_SRP: username
        })
        const code = yield* latestCode(username, "SMS_MFA")
        assert.match(code, /^\d{6}$/)
        const mismatch = yield* respond(clientId, "SMS_MFA", challenge.Session, { USERNAME: username, SMS_MFA_CODE: wrong(code) })
        assert.strictEqual(mismatch.status, 400)
        assert.strictEqual(mismatch.body.__type, "CodeMismatchException")
        const done = yield* respond(clientId, "SMS_MFA", challenge.Session, { USERNAME: username, SMS_MFA_CODE: code })
        assert.strictEqual(done.status, 200)
        assert.isString(done.body.AuthenticationResult.AccessToken)
      }))

    it.effect("follows SRP too", () =>
      Effect.gen(function* () {
        const { userPoolId, clientId, username } = yield* setUp("ON", { SmsMfaConfiguration: {} }, { phone_number: phone })
        const answer = yield* srpSignIn({ userPoolId, clientId, username, password })
        assert.strictEqual(answer.body.ChallengeName, "SMS_MFA")
      }))

    it.effect("ends the session after five wrong codes", () =>
      Effect.gen(function* () {
        const { clientId, username } = yield* setUp("ON", { SmsMfaConfiguration: {} }, { phone_number: phone })
        const challenge = yield* passwordSignIn(clientId, username)
        const code = yield* latestCode(username, "SMS_MFA")
        for (let i = 0; i < 5; i++) {
          const answer = yield* respond(clientId, "SMS_MFA", challenge.Session, { USERNAME: username, SMS_MFA_CODE: wrong(code) })
          assert.strictEqual(answer.body.__type, "CodeMismatchException")
        }
        const after = yield* respond(clientId, "SMS_MFA", challenge.Session, { USERNAME: username, SMS_MFA_CODE: code })
        assert.deepStrictEqual([after.body.__type, after.body.message], ["NotAuthorizedException", "Invalid session for the user."])
      }))

    it.effect("refuses an expired session with Cognito's message", () =>
      Effect.gen(function* () {
        const { clientId, username } = yield* setUp("ON", { SmsMfaConfiguration: {} }, { phone_number: phone })
        const challenge = yield* passwordSignIn(clientId, username)
        const code = yield* latestCode(username, "SMS_MFA")
        yield* advance("3 minutes")
        const answer = yield* respond(clientId, "SMS_MFA", challenge.Session, { USERNAME: username, SMS_MFA_CODE: code })
        assert.deepStrictEqual([answer.body.__type, answer.body.message], ["NotAuthorizedException", "Invalid session for the user, session is expired."])
      }))
  })

  describe("EMAIL_OTP and SELECT_MFA_TYPE", () => {
    it.effect("challenges an enabled e-mail factor; OPTIONAL lets users without one straight in", () =>
      Effect.gen(function* () {
        const { userPoolId, clientId, username } = yield* setUp("OPTIONAL", allFactors, { email: "otp@example.com" })
        const before = yield* passwordSignIn(clientId, username)
        assert.isDefined(before.AuthenticationResult)
        yield* ok("AdminSetUserMFAPreference", { UserPoolId: userPoolId, Username: username, EmailMfaSettings: { Enabled: true } })
        const challenge = yield* passwordSignIn(clientId, username)
        assert.strictEqual(challenge.ChallengeName, "EMAIL_OTP")
        assert.strictEqual(challenge.ChallengeParameters.CODE_DELIVERY_DELIVERY_MEDIUM, "EMAIL")
        assert.strictEqual(challenge.ChallengeParameters.CODE_DELIVERY_DESTINATION, "o***@e***")
        const done = yield* respond(clientId, "EMAIL_OTP", challenge.Session, {
          USERNAME: username,
          EMAIL_OTP_CODE: yield* latestCode(username, "EMAIL_OTP")
        })
        assert.isDefined(done.body.AuthenticationResult)
      }))

    it.effect("asks to choose between several factors, then challenges the chosen one", () =>
      Effect.gen(function* () {
        const { userPoolId, clientId, username } = yield* setUp("OPTIONAL", allFactors, { email: "pick@example.com", phone_number: phone })
        yield* ok("AdminSetUserMFAPreference", {
          UserPoolId: userPoolId,
          Username: username,
          SMSMfaSettings: { Enabled: true },
          EmailMfaSettings: { Enabled: true }
        })
        const selection = yield* passwordSignIn(clientId, username)
        assert.strictEqual(selection.ChallengeName, "SELECT_MFA_TYPE")
        assert.strictEqual(selection.ChallengeParameters.MFAS_CAN_CHOOSE, JSON.stringify(["SMS_MFA", "EMAIL_OTP"]))
        const refused = yield* respond(clientId, "SELECT_MFA_TYPE", selection.Session, { USERNAME: username, ANSWER: "SOFTWARE_TOKEN_MFA" })
        assert.strictEqual(refused.body.__type, "InvalidParameterException")
        // The boto documentation spells it EMAIL_MFA: both are accepted.
        const chosen = yield* respond(clientId, "SELECT_MFA_TYPE", selection.Session, { USERNAME: username, ANSWER: "EMAIL_MFA" })
        assert.strictEqual(chosen.body.ChallengeName, "EMAIL_OTP")
        const done = yield* respond(clientId, "EMAIL_OTP", chosen.body.Session, {
          USERNAME: username,
          EMAIL_OTP_CODE: yield* latestCode(username, "EMAIL_OTP")
        })
        assert.isDefined(done.body.AuthenticationResult)
      }))

    it.effect("a preferred factor is challenged without asking", () =>
      Effect.gen(function* () {
        const { userPoolId, clientId, username } = yield* setUp("OPTIONAL", allFactors, { email: "pref@example.com", phone_number: phone })
        yield* ok("AdminSetUserMFAPreference", {
          UserPoolId: userPoolId,
          Username: username,
          SMSMfaSettings: { Enabled: true, PreferredMfa: true },
          EmailMfaSettings: { Enabled: true }
        })
        assert.strictEqual((yield* passwordSignIn(clientId, username)).ChallengeName, "SMS_MFA")
      }))
  })

  describe("SOFTWARE_TOKEN_MFA", () => {
    it.effect("accepts a code from the seeded authenticator once per step", () =>
      Effect.gen(function* () {
        const challenge = yield* passwordSignIn("mfaseedclient", "totp-user")
        assert.strictEqual(challenge.ChallengeName, "SOFTWARE_TOKEN_MFA")
        assert.deepStrictEqual(Object.keys(challenge.ChallengeParameters), ["USER_ID_FOR_SRP"])
        const code = yield* totpCode(seededSecret)
        const mismatch = yield* respond("mfaseedclient", "SOFTWARE_TOKEN_MFA", challenge.Session, { USERNAME: "totp-user", SOFTWARE_TOKEN_MFA_CODE: wrong(code) })
        assert.strictEqual(mismatch.body.__type, "CodeMismatchException")
        const done = yield* respond("mfaseedclient", "SOFTWARE_TOKEN_MFA", challenge.Session, { USERNAME: "totp-user", SOFTWARE_TOKEN_MFA_CODE: code })
        assert.isDefined(done.body.AuthenticationResult)

        const again = yield* passwordSignIn("mfaseedclient", "totp-user")
        const replayed = yield* respond("mfaseedclient", "SOFTWARE_TOKEN_MFA", again.Session, { USERNAME: "totp-user", SOFTWARE_TOKEN_MFA_CODE: code })
        assert.deepStrictEqual([replayed.body.__type, replayed.body.message], ["ExpiredCodeException", "Your software token has already been used once."])
        yield* advance("30 seconds")
        const next = yield* respond("mfaseedclient", "SOFTWARE_TOKEN_MFA", again.Session, {
          USERNAME: "totp-user",
          SOFTWARE_TOKEN_MFA_CODE: yield* totpCode(seededSecret)
        })
        assert.isDefined(next.body.AuthenticationResult)
      }))

    it.effect("custom authentication skips MFA", () =>
      Effect.gen(function* () {
        const challenge = yield* ok("InitiateAuth", { AuthFlow: "CUSTOM_AUTH", ClientId: "mfaseedclient", AuthParameters: { USERNAME: "totp-user" } })
        assert.strictEqual(challenge.ChallengeName, "CUSTOM_CHALLENGE")
        const done = yield* respond("mfaseedclient", "CUSTOM_CHALLENGE", challenge.Session, {
          USERNAME: "totp-user",
          ANSWER: yield* latestCode("totp-user", "CUSTOM_CHALLENGE")
        })
        assert.isDefined(done.body.AuthenticationResult)
      }))
  })

  describe("MFA_SETUP", () => {
    it.effect("sets up TOTP with the session: associate, verify (a wrong code may be retried), respond", () =>
      Effect.gen(function* () {
        const { clientId, username } = yield* setUp("ON", { SoftwareTokenMfaConfiguration: { Enabled: true }, EmailMfaConfiguration: {} })
        const setup = yield* passwordSignIn(clientId, username)
        assert.strictEqual(setup.ChallengeName, "MFA_SETUP")
        assert.strictEqual(setup.ChallengeParameters.MFAS_CAN_SETUP, '["SOFTWARE_TOKEN_MFA","EMAIL_OTP"]')
        const early = yield* respond(clientId, "MFA_SETUP", setup.Session, { USERNAME: username })
        assert.strictEqual(early.body.__type, "InvalidParameterException")

        const association = yield* ok("AssociateSoftwareToken", { Session: setup.Session })
        assert.match(association.SecretCode, /^[A-Z2-7]{52}$/)
        assert.isString(association.Session)
        assert.notStrictEqual(association.Session, setup.Session)
        const code = yield* totpCode(association.SecretCode)
        const [type, message] = yield* fails("VerifySoftwareToken", { Session: association.Session, UserCode: wrong(code) })
        assert.deepStrictEqual([type, message], ["EnableSoftwareTokenMFAException", "Code mismatch and fail enable Software Token MFA"])
        const verified = yield* ok("VerifySoftwareToken", { Session: association.Session, UserCode: code, FriendlyDeviceName: "phone" })
        assert.strictEqual(verified.Status, "SUCCESS")
        const done = yield* respond(clientId, "MFA_SETUP", verified.Session, { USERNAME: username })
        assert.isDefined(done.body.AuthenticationResult)

        const user = yield* ok("GetUser", { AccessToken: done.body.AuthenticationResult.AccessToken })
        assert.deepStrictEqual(user.UserMFASettingList, ["SOFTWARE_TOKEN_MFA"])
        assert.strictEqual(user.PreferredMfaSetting, "SOFTWARE_TOKEN_MFA")
        assert.strictEqual((yield* passwordSignIn(clientId, username)).ChallengeName, "SOFTWARE_TOKEN_MFA")
      }))

    it.effect("sets up e-mail: the address gets a code, and becomes the user's verified e-mail", () =>
      Effect.gen(function* () {
        const { userPoolId, clientId, username } = yield* setUp("ON", { EmailMfaConfiguration: {} })
        const setup = yield* passwordSignIn(clientId, username)
        assert.strictEqual(setup.ChallengeParameters.MFAS_CAN_SETUP, '["EMAIL_OTP"]')
        const invalid = yield* respond(clientId, "MFA_SETUP", setup.Session, { USERNAME: username, EMAIL: "not-an-address" })
        assert.strictEqual(invalid.body.__type, "InvalidParameterException")
        const challenge = yield* respond(clientId, "MFA_SETUP", setup.Session, { USERNAME: username, EMAIL: "new@example.com" })
        assert.strictEqual(challenge.body.ChallengeName, "EMAIL_OTP")
        assert.strictEqual(challenge.body.ChallengeParameters.CODE_DELIVERY_DESTINATION, "n***@e***")
        const code = yield* latestCode("new@example.com", "EMAIL_OTP")
        const done = yield* respond(clientId, "EMAIL_OTP", challenge.body.Session, { USERNAME: username, EMAIL_OTP_CODE: code })
        assert.isDefined(done.body.AuthenticationResult)
        const user = yield* ok("AdminGetUser", { UserPoolId: userPoolId, Username: username })
        const attributes = Object.fromEntries(user.UserAttributes.map((a: { Name: string; Value: string }) => [a.Name, a.Value]))
        assert.strictEqual(attributes["email"], "new@example.com")
        assert.strictEqual(attributes["email_verified"], "true")
        assert.deepStrictEqual(user.UserMFASettingList, ["EMAIL_OTP"])
        assert.strictEqual((yield* passwordSignIn(clientId, username)).ChallengeName, "EMAIL_OTP")
      }))

    it.effect("a user with a phone in a pool requiring SMS gets a code instead of setup", () =>
      Effect.gen(function* () {
        const { clientId, username } = yield* setUp("ON", allFactors, { phone_number: phone })
        assert.strictEqual((yield* passwordSignIn(clientId, username)).ChallengeName, "SMS_MFA")
      }))
  })
})
