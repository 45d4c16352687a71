import { assert, describe, layer } from "@effect/vitest"
import type * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Totp from "@cognito-effect/domain/Totp"
import * as Store from "../../src/Store.js"
import { fails, makePool, makeUser, ok, TestEmulator, uniqueName } from "../Harness.js"

const password = "Passw0rd!"

/** A pool with MFA `mode` and `factors`, and a signed-in user with `attributes`. */
const signedIn = (
  mode: "OFF" | "OPTIONAL" = "OPTIONAL",
  factors: Record<string, unknown> = { SoftwareTokenMfaConfiguration: { Enabled: true }, EmailMfaConfiguration: {} },
  attributes: Record<string, string> = {}
) =>
  Effect.gen(function* () {
    const pool = yield* makePool()
    if (mode !== "OFF") yield* ok("SetUserPoolMfaConfig", { UserPoolId: pool.userPoolId, MfaConfiguration: mode, ...factors })
    const username = uniqueName("mfaops")
    yield* makeUser(pool.userPoolId, username, password, attributes)
    const answer = yield* ok("InitiateAuth", {
      AuthFlow: "USER_PASSWORD_AUTH",
      ClientId: pool.clientId,
      AuthParameters: { USERNAME: username, PASSWORD: password }
    })
    return { ...pool, username, accessToken: answer.AuthenticationResult.AccessToken as string }
  })

const totpCode = (secret: string, offset = 0) =>
  Effect.map(TestEmulator, (emulator) =>
    Totp.generate(Option.getOrThrow(Totp.base32Decode(secret)), Math.floor(emulator.clock.unsafeCurrentTimeMillis() / 1000) + offset * 30)
  )

const advance = (duration: Duration.DurationInput) => Effect.flatMap(TestEmulator, (emulator) => Effect.sync(() => emulator.clock.adjust(duration)))

layer(TestEmulator.layer())("MFA operations", (it) => {
  describe("pool configuration", () => {
    it.effect("SetUserPoolMfaConfig answers and stores the configuration; DescribeUserPool shows the mode", () =>
      Effect.gen(function* () {
        const { userPoolId } = yield* makePool()
        assert.deepStrictEqual(yield* ok("GetUserPoolMfaConfig", { UserPoolId: userPoolId }), {
          MfaConfiguration: "OFF",
          SoftwareTokenMfaConfiguration: { Enabled: false }
        })
        const set = yield* ok("SetUserPoolMfaConfig", {
          UserPoolId: userPoolId,
          MfaConfiguration: "ON",
          SoftwareTokenMfaConfiguration: { Enabled: true },
          EmailMfaConfiguration: { Message: "Your code is {####}", Subject: "Sign-in code" }
        })
        const expected = {
          MfaConfiguration: "ON",
          SoftwareTokenMfaConfiguration: { Enabled: true },
          EmailMfaConfiguration: { Message: "Your code is {####}", Subject: "Sign-in code" }
        }
        assert.deepStrictEqual(set, expected)
        assert.deepStrictEqual(yield* ok("GetUserPoolMfaConfig", { UserPoolId: userPoolId }), expected)
        assert.strictEqual((yield* ok("DescribeUserPool", { UserPoolId: userPoolId })).UserPool.MfaConfiguration, "ON")
      }))

    it.effect("refuses MFA without a factor, and unknown pools", () =>
      Effect.gen(function* () {
        const { userPoolId } = yield* makePool()
        const [type] = yield* fails("SetUserPoolMfaConfig", { UserPoolId: userPoolId, MfaConfiguration: "OPTIONAL" })
        assert.strictEqual(type, "InvalidParameterException")
        const [missing] = yield* fails("GetUserPoolMfaConfig", { UserPoolId: "us-east-1_Nope" })
        assert.strictEqual(missing, "ResourceNotFoundException")
      }))

    it.effect("a pool created with MFA ON but no factor configuration offers SMS", () =>
      Effect.gen(function* () {
        const { userPoolId } = yield* makePool({ MfaConfiguration: "ON" })
        const config = yield* ok("GetUserPoolMfaConfig", { UserPoolId: userPoolId })
        assert.deepStrictEqual(config, { MfaConfiguration: "ON", SoftwareTokenMfaConfiguration: { Enabled: false }, SmsMfaConfiguration: {} })
      }))
  })

  describe("TOTP enrolment with an access token", () => {
    it.effect("associates, refuses a wrong or malformed code, verifies, then the user can enable TOTP", () =>
      Effect.gen(function* () {
        const { accessToken } = yield* signedIn()
        const [notYet, notYetMessage] = yield* fails("SetUserMFAPreference", {
          AccessToken: accessToken,
          SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true }
        })
        assert.deepStrictEqual([notYet, notYetMessage], ["InvalidParameterException", "User does not have delivery config set to turn on SOFTWARE_TOKEN_MFA"])
        const [unassociated] = yield* fails("VerifySoftwareToken", { AccessToken: accessToken, UserCode: "123456" })
        assert.strictEqual(unassociated, "SoftwareTokenMFANotFoundException")

        const association = yield* ok("AssociateSoftwareToken", { AccessToken: accessToken })
        assert.match(association.SecretCode, /^[A-Z2-7]{52}$/)
        assert.isUndefined(association.Session)
        const code = yield* totpCode(association.SecretCode)
        const [mismatch] = yield* fails("VerifySoftwareToken", { AccessToken: accessToken, UserCode: code === "000000" ? "111111" : "000000" })
        assert.strictEqual(mismatch, "EnableSoftwareTokenMFAException")
        const [malformed] = yield* fails("VerifySoftwareToken", { AccessToken: accessToken, UserCode: "12345" })
        assert.strictEqual(malformed, "InvalidParameterException")
        assert.deepStrictEqual(yield* ok("VerifySoftwareToken", { AccessToken: accessToken, UserCode: code, FriendlyDeviceName: "phone" }), { Status: "SUCCESS" })

        // Verified but not enabled: GetUser lists no factor until SetUserMFAPreference.
        const before = yield* ok("GetUser", { AccessToken: accessToken })
        assert.isUndefined(before.UserMFASettingList)
        assert.deepStrictEqual(yield* ok("SetUserMFAPreference", { AccessToken: accessToken, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } }), {})
        const after = yield* ok("GetUser", { AccessToken: accessToken })
        assert.deepStrictEqual(after.UserMFASettingList, ["SOFTWARE_TOKEN_MFA"])
        assert.strictEqual(after.PreferredMfaSetting, "SOFTWARE_TOKEN_MFA")
      }))

    it.effect("a new association replaces the old authenticator only once verified", () =>
      Effect.gen(function* () {
        const { userPoolId, clientId, username, accessToken } = yield* signedIn()
        const first = yield* ok("AssociateSoftwareToken", { AccessToken: accessToken })
        yield* ok("VerifySoftwareToken", { AccessToken: accessToken, UserCode: yield* totpCode(first.SecretCode) })
        yield* ok("SetUserMFAPreference", { AccessToken: accessToken, SoftwareTokenMfaSettings: { Enabled: true } })
        const second = yield* ok("AssociateSoftwareToken", { AccessToken: accessToken })
        assert.notStrictEqual(second.SecretCode, first.SecretCode)
        yield* advance("30 seconds")
        // Still the first authenticator until the second is verified.
        const challenge = yield* ok("InitiateAuth", {
          AuthFlow: "USER_PASSWORD_AUTH",
          ClientId: clientId,
          AuthParameters: { USERNAME: username, PASSWORD: password }
        })
        assert.strictEqual(challenge.ChallengeName, "SOFTWARE_TOKEN_MFA")
        const done = yield* ok("RespondToAuthChallenge", {
          ChallengeName: "SOFTWARE_TOKEN_MFA",
          ClientId: clientId,
          Session: challenge.Session,
          ChallengeResponses: { USERNAME: username, SOFTWARE_TOKEN_MFA_CODE: yield* totpCode(first.SecretCode) }
        })
        assert.isDefined(done.AuthenticationResult)
        yield* ok("VerifySoftwareToken", { AccessToken: accessToken, UserCode: yield* totpCode(second.SecretCode) })
        const emulator = yield* TestEmulator
        const state = emulator.emulator.store.pools.get(userPoolId)!
        const user = emulator.emulator.store.findUser(state, username)!
        assert.isUndefined(user.mfa?.pendingSoftwareToken)
        assert.strictEqual(user.mfa?.softwareToken?.secret.toString(), "<redacted>")
        assert.deepStrictEqual(user.mfa?.enabled, ["SOFTWARE_TOKEN_MFA"])
      }))

    it.effect("is refused when the pool does not offer TOTP", () =>
      Effect.gen(function* () {
        const { accessToken } = yield* signedIn("OFF")
        const [type] = yield* fails("AssociateSoftwareToken", { AccessToken: accessToken })
        assert.strictEqual(type, "SoftwareTokenMFANotFoundException")
        const [neither] = yield* fails("AssociateSoftwareToken", {})
        assert.strictEqual(neither, "InvalidParameterException")
      }))
  })

  describe("preferences", () => {
    it.effect("SetUserMFAPreference and AdminSetUserMFAPreference, seen by GetUser and AdminGetUser", () =>
      Effect.gen(function* () {
        const { userPoolId, username, accessToken } = yield* signedIn(
          "OPTIONAL",
          { SmsMfaConfiguration: {}, EmailMfaConfiguration: {} },
          { email: "prefs@example.com", phone_number: "+15555550199" }
        )
        yield* ok("SetUserMFAPreference", { AccessToken: accessToken, SMSMfaSettings: { Enabled: true }, EmailMfaSettings: { Enabled: true, PreferredMfa: true } })
        const user = yield* ok("GetUser", { AccessToken: accessToken })
        assert.deepStrictEqual([user.UserMFASettingList, user.PreferredMfaSetting], [["SMS_MFA", "EMAIL_OTP"], "EMAIL_OTP"])
        yield* ok("AdminSetUserMFAPreference", { UserPoolId: userPoolId, Username: username, EmailMfaSettings: { Enabled: false } })
        const admin = yield* ok("AdminGetUser", { UserPoolId: userPoolId, Username: username })
        assert.deepStrictEqual(admin.UserMFASettingList, ["SMS_MFA"])
        assert.isUndefined(admin.PreferredMfaSetting)
        const [type, message] = yield* fails("SetUserMFAPreference", {
          AccessToken: accessToken,
          SoftwareTokenMfaSettings: { Enabled: true }
        })
        assert.deepStrictEqual([type, message], ["InvalidParameterException", "SOFTWARE_TOKEN_MFA is not enabled for the user pool."])
      }))
  })

  it.effect("the --data snapshot keeps MFA settings and the pool's configuration", () =>
    Effect.gen(function* () {
      const { userPoolId, username, accessToken } = yield* signedIn()
      const association = yield* ok("AssociateSoftwareToken", { AccessToken: accessToken })
      yield* ok("VerifySoftwareToken", { AccessToken: accessToken, UserCode: yield* totpCode(association.SecretCode) })
      yield* ok("SetUserMFAPreference", { AccessToken: accessToken, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } })
      const emulator = yield* TestEmulator
      const text = Store.encodeSnapshot(emulator.emulator.store.toSnapshot())
      const reloaded = new Store.Store()
      reloaded.load(Store.decodeSnapshot(text))
      const state = reloaded.pools.get(userPoolId)!
      assert.deepStrictEqual(state.pool.mfaConfig?.SoftwareTokenMfaConfiguration, { Enabled: true })
      const user = reloaded.findUser(state, username)!
      assert.strictEqual(user.mfa?.preferred, "SOFTWARE_TOKEN_MFA")
      assert.isTrue(text.includes(association.SecretCode))
    }))
})
