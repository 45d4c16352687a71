import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Totp from "@cognito-effect/domain/Totp"
import * as NodeFs from "node:fs"
import { Emulator } from "../src/Emulator.js"
import * as Mfa from "../src/Mfa.js"
import * as Seed from "../src/Seed.js"
import * as Store from "../src/Store.js"

const pool = (mode: "OFF" | "ON" | "OPTIONAL", mfaConfig?: Store.Pool["mfaConfig"]): Store.Pool => ({
  id: "us-east-1_Mfa",
  createdAt: 0,
  modifiedAt: 0,
  settings: { PoolName: "mfa", MfaConfiguration: mode },
  schema: [],
  signingKey: { kid: "k", privateJwk: Redacted.make({}) },
  decoySecret: Redacted.make("decoy"),
  ...(mfaConfig !== undefined ? { mfaConfig } : {})
})

const allFactors = { SmsMfaConfiguration: {}, SoftwareTokenMfaConfiguration: { Enabled: true }, EmailMfaConfiguration: {} }

// RFC 6238's SHA-1 key, "12345678901234567890".
const secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
const secretBytes = Option.getOrThrow(Totp.base32Decode(secret))
const token: Store.SoftwareToken = { secret: Redacted.make(secret), createdAt: 0 }

const user = (attributes: Record<string, string> = {}, mfa?: Store.UserMfa): Store.User => ({
  ...Store.newUser({ username: "ada", attributes: { sub: "0000", ...attributes }, status: "CONFIRMED", now: 0 }),
  ...(mfa !== undefined ? { mfa } : {})
})

describe("Mfa", () => {
  describe("what a pool offers", () => {
    it("nothing while OFF, SMS alone for a pool created with MFA but never configured", () => {
      assert.deepStrictEqual(Mfa.offered(pool("OFF", allFactors)), [])
      assert.deepStrictEqual(Mfa.offered(pool("ON")), ["SMS_MFA"])
      assert.deepStrictEqual(Mfa.offered(pool("OPTIONAL", allFactors)), ["SMS_MFA", "SOFTWARE_TOKEN_MFA", "EMAIL_OTP"])
      assert.deepStrictEqual(Mfa.offered(pool("ON", { SoftwareTokenMfaConfiguration: { Enabled: false }, EmailMfaConfiguration: {} })), ["EMAIL_OTP"])
    })

    it("configure replaces the factors, keeps the mode when not given, and refuses MFA without a factor", () => {
      const configured = Either.getOrThrow(Mfa.configure(pool("OPTIONAL", allFactors), { SoftwareTokenMfaConfiguration: { Enabled: true } }, 5))
      assert.deepStrictEqual(Mfa.offered(configured), ["SOFTWARE_TOKEN_MFA"])
      assert.strictEqual(configured.settings.MfaConfiguration, "OPTIONAL")
      assert.strictEqual(configured.modifiedAt, 5)
      assert.deepStrictEqual(Mfa.describePool(configured), { MfaConfiguration: "OPTIONAL", SoftwareTokenMfaConfiguration: { Enabled: true } })
      const refused = Mfa.configure(pool("OFF"), { MfaConfiguration: "ON", SoftwareTokenMfaConfiguration: { Enabled: false } }, 5)
      assert.strictEqual(Either.isLeft(refused) && refused.left.type, "InvalidParameterException")
      assert.isTrue(Either.isRight(Mfa.configure(pool("ON"), { MfaConfiguration: "OFF" }, 5)))
    })
  })

  describe("what a sign-in owes", () => {
    const optional = pool("OPTIONAL", allFactors)
    const required = pool("ON", allFactors)

    it("nothing when MFA is OFF or OPTIONAL and the user enabled nothing", () => {
      assert.deepStrictEqual(Mfa.requirement(pool("OFF", allFactors), user({ phone_number: "+15555550100" }, { enabled: ["SMS_MFA"] })), { _tag: "None" })
      assert.deepStrictEqual(Mfa.requirement(optional, user({ phone_number: "+15555550100" })), { _tag: "None" })
    })

    it("the preferred factor, the only one, or a choice between several", () => {
      const both: Store.UserMfa = { enabled: ["SMS_MFA", "SOFTWARE_TOKEN_MFA"], softwareToken: token }
      const phone = { phone_number: "+15555550100" }
      assert.deepStrictEqual(Mfa.requirement(optional, user(phone, { ...both, preferred: "SOFTWARE_TOKEN_MFA" })), {
        _tag: "Challenge",
        factor: "SOFTWARE_TOKEN_MFA"
      })
      assert.deepStrictEqual(Mfa.requirement(optional, user(phone, both)), { _tag: "Select", factors: ["SMS_MFA", "SOFTWARE_TOKEN_MFA"] })
      // Without a phone, SMS cannot reach the user: TOTP is the only usable factor.
      assert.deepStrictEqual(Mfa.requirement(optional, user({}, both)), { _tag: "Challenge", factor: "SOFTWARE_TOKEN_MFA" })
    })

    it("ignores factors the pool does not offer (e-mail MFA needs the pool's e-mail MFA)", () => {
      const totpOnly = pool("OPTIONAL", { SoftwareTokenMfaConfiguration: { Enabled: true } })
      assert.deepStrictEqual(Mfa.requirement(totpOnly, user({ email: "a@example.com" }, { enabled: ["EMAIL_OTP"], preferred: "EMAIL_OTP" })), { _tag: "None" })
    })

    it("ON: an SMS code for a user with a phone, else setup of what the pool offers", () => {
      assert.deepStrictEqual(Mfa.requirement(required, user({ phone_number: "+15555550100" })), { _tag: "Challenge", factor: "SMS_MFA" })
      assert.deepStrictEqual(Mfa.requirement(required, user({ email: "a@example.com" })), {
        _tag: "Setup",
        factors: ["SMS_MFA", "SOFTWARE_TOKEN_MFA", "EMAIL_OTP"]
      })
    })
  })

  describe("preferences", () => {
    const optional = pool("OPTIONAL", allFactors)

    it("enables, prefers, and forgets the preference of a disabled factor", () => {
      const ada = user({ email: "a@example.com" }, { enabled: [], softwareToken: token })
      const first = Either.getOrThrow(Mfa.applyPreferences(optional, ada, { SOFTWARE_TOKEN_MFA: { Enabled: true, PreferredMfa: true }, EMAIL_OTP: { Enabled: true } }))
      assert.deepStrictEqual(first.enabled, ["SOFTWARE_TOKEN_MFA", "EMAIL_OTP"])
      assert.strictEqual(first.preferred, "SOFTWARE_TOKEN_MFA")
      const second = Either.getOrThrow(Mfa.applyPreferences(optional, { ...ada, mfa: first }, { SOFTWARE_TOKEN_MFA: { Enabled: false } }))
      assert.deepStrictEqual(second.enabled, ["EMAIL_OTP"])
      assert.isUndefined(second.preferred)
      assert.deepStrictEqual(Mfa.describeUser({ ...ada, mfa: first }), { UserMFASettingList: ["SOFTWARE_TOKEN_MFA", "EMAIL_OTP"], PreferredMfaSetting: "SOFTWARE_TOKEN_MFA" })
      assert.deepStrictEqual(Mfa.describeUser(ada), {})
    })

    it("NOT_PREFERRED drops the preference but keeps the factor", () => {
      const ada = user({ email: "a@example.com" }, { enabled: ["EMAIL_OTP"], preferred: "EMAIL_OTP" })
      const next = Either.getOrThrow(Mfa.applyPreferences(optional, ada, { EMAIL_OTP: { Enabled: true, PreferredMfa: false } }))
      assert.deepStrictEqual(next, { enabled: ["EMAIL_OTP"] })
    })

    it("refuses what Cognito refuses", () => {
      const refusal = (result: Either.Either<Store.UserMfa, { readonly message: string }>) =>
        Either.isLeft(result) ? result.left.message : "accepted"
      assert.strictEqual(
        refusal(Mfa.applyPreferences(optional, user(), { SOFTWARE_TOKEN_MFA: { Enabled: true } })),
        "User does not have delivery config set to turn on SOFTWARE_TOKEN_MFA"
      )
      assert.strictEqual(
        refusal(Mfa.applyPreferences(optional, user(), { SMS_MFA: { Enabled: true } })),
        "User does not have delivery config set to turn on SMS_MFA"
      )
      assert.strictEqual(
        refusal(Mfa.applyPreferences(pool("OPTIONAL", { SoftwareTokenMfaConfiguration: { Enabled: true } }), user({ email: "a@example.com" }), { EMAIL_OTP: { Enabled: true } })),
        "EMAIL_OTP is not enabled for the user pool."
      )
      const both = user({ email: "a@example.com", phone_number: "+15555550100" })
      assert.strictEqual(
        refusal(Mfa.applyPreferences(optional, both, { SMS_MFA: { Enabled: true, PreferredMfa: true }, EMAIL_OTP: { Enabled: true, PreferredMfa: true } })),
        "Only one MFA method can be preferred."
      )
    })
  })

  describe("TOTP", () => {
    it("accepts the current step and one either side, and each step only once", () => {
      const now = 1_111_111_109_000
      const step = Math.floor(1_111_111_109 / 30)
      assert.deepStrictEqual(Mfa.checkTotp(token, "081804", now), { _tag: "Accepted", step })
      assert.deepStrictEqual(Mfa.checkTotp(token, Totp.generate(secretBytes, 1_111_111_109 - 30), now), { _tag: "Accepted", step: step - 1 })
      assert.deepStrictEqual(Mfa.checkTotp(token, Totp.generate(secretBytes, 1_111_111_109 + 30), now), { _tag: "Accepted", step: step + 1 })
      assert.deepStrictEqual(Mfa.checkTotp(token, Totp.generate(secretBytes, 1_111_111_109 + 60), now), { _tag: "Mismatch" })
      assert.deepStrictEqual(Mfa.checkTotp({ ...token, lastStep: step }, "081804", now), { _tag: "Replayed" })
      assert.deepStrictEqual(Mfa.checkTotp({ ...token, lastStep: step - 1 }, "081804", now), { _tag: "Accepted", step })
      assert.deepStrictEqual(Mfa.checkTotp(token, "08180", now), { _tag: "Mismatch" })
    })
  })

  describe("seeding", () => {
    const seedWith = (user: Partial<Seed.SeedUser>): Seed.Seed => ({
      UserPools: [
        {
          PoolName: "mfa",
          MfaConfiguration: "OPTIONAL",
          SoftwareTokenMfaConfiguration: { Enabled: true },
          EmailMfaConfiguration: {},
          Users: [{ Username: "ada", Password: "Passw0rd!", Attributes: { email: "ada@example.com" }, ...user }]
        }
      ]
    })

    it.scoped("pools take their factors, users their settings and authenticator", () =>
      Effect.gen(function* () {
        const emulator = yield* Emulator
        const applied = yield* Seed.apply(
          emulator,
          seedWith({ SoftwareTokenSecret: secret, UserMFASettingList: ["SOFTWARE_TOKEN_MFA", "EMAIL_OTP"], PreferredMfaSetting: "EMAIL_OTP" })
        )
        const state = emulator.store.pools.get(applied.userPoolId!)!
        assert.deepStrictEqual(Mfa.offered(state.pool), ["SOFTWARE_TOKEN_MFA", "EMAIL_OTP"])
        const ada = emulator.store.findUser(state, "ada")!
        assert.deepStrictEqual(Mfa.describeUser(ada), { UserMFASettingList: ["SOFTWARE_TOKEN_MFA", "EMAIL_OTP"], PreferredMfaSetting: "EMAIL_OTP" })
        assert.strictEqual(Redacted.value(ada.mfa!.softwareToken!.secret), secret)
      }).pipe(Effect.provide(Emulator.layer())))

    it.scoped("refuses settings Cognito would refuse", () =>
      Effect.gen(function* () {
        const emulator = yield* Emulator
        const noToken = yield* Effect.flip(Seed.apply(emulator, seedWith({ UserMFASettingList: ["SOFTWARE_TOKEN_MFA"] })))
        assert.strictEqual(noToken.message, "User does not have delivery config set to turn on SOFTWARE_TOKEN_MFA")
        const badSecret = yield* Effect.flip(Seed.apply(emulator, { UserPools: [{ ...seedWith({ SoftwareTokenSecret: "not base32!" }).UserPools[0]!, PoolName: "mfa2" }] }))
        assert.strictEqual(badSecret.type, "InvalidParameterException")
        assert.isTrue(Either.isLeft(Seed.parse(JSON.stringify(seedWith({ UserMFASettingList: ["TOTP" as never] })))))
      }).pipe(Effect.provide(Emulator.layer())))

    it.scoped("the README's seed example applies, MFA members included", () =>
      Effect.gen(function* () {
        const emulator = yield* Emulator
        const readme = NodeFs.readFileSync(new URL("../README.md", import.meta.url), "utf8")
        const example = /## Seed file[\s\S]*?```json\n([\s\S]*?)```/.exec(readme)![1]!
        const parsed = Seed.parse(example)
        if (Either.isLeft(parsed)) return assert.fail(parsed.left)
        const applied = yield* Seed.apply(emulator, parsed.right)
        const state = emulator.store.pools.get(applied.userPoolId!)!
        assert.deepStrictEqual(Mfa.describeUser(emulator.store.findUser(state, "grace@example.com")!), {
          UserMFASettingList: ["SOFTWARE_TOKEN_MFA", "EMAIL_OTP"],
          PreferredMfaSetting: "SOFTWARE_TOKEN_MFA"
        })
      }).pipe(Effect.provide(Emulator.layer())))

    it.scoped("the default pool offers every factor, optionally", () =>
      Effect.gen(function* () {
        const emulator = yield* Emulator
        const applied = yield* Seed.apply(emulator, Seed.defaultSeed)
        const pool = emulator.store.pools.get(applied.userPoolId!)!.pool
        assert.strictEqual(Mfa.modeOf(pool), "OPTIONAL")
        assert.deepStrictEqual(Mfa.offered(pool), ["SMS_MFA", "SOFTWARE_TOKEN_MFA", "EMAIL_OTP"])
      }).pipe(Effect.provide(Emulator.layer())))
  })
})
