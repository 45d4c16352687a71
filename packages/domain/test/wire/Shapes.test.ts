import { assert, describe, it } from "@effect/vitest"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import * as Shapes from "@cognito-effect/domain/wire/Shapes"
import { assertRefused, assertSecret } from "./wireTest.js"

describe("Shapes", () => {
  describe("EpochSeconds", () => {
    it("decodes fractional epoch seconds to a Date, to the millisecond", () => {
      const date = Schema.decodeUnknownSync(Shapes.EpochSeconds)(1623956729.32)
      assert.strictEqual(date.toISOString(), "2021-06-17T19:05:29.320Z")
    })

    it("encodes a Date back to a JSON number of seconds", () => {
      assert.strictEqual(Schema.encodeSync(Shapes.EpochSeconds)(new Date("2023-11-14T22:13:20.500Z")), 1700000000.5)
    })

    it("refuses ISO strings", () => {
      assertRefused(Shapes.EpochSeconds, "2021-06-17T19:05:29Z")
    })
  })

  describe("JsonString", () => {
    const Ids = Shapes.JsonString(Schema.Array(Schema.String))

    it("decodes JSON carried in a string", () => {
      assert.deepStrictEqual(Schema.decodeUnknownSync(Ids)('["a","b"]'), ["a", "b"])
    })

    it("encodes back to a JSON string", () => {
      assert.strictEqual(Schema.encodeSync(Ids)(["x"]), '["x"]')
    })

    it("refuses malformed JSON and a wrong inner shape", () => {
      assertRefused(Ids, "[a")
      assertRefused(Ids, '{"a":1}')
      assertRefused(Ids, ["a"])
    })
  })

  describe("attributes", () => {
    it("turns a list into a record, leaving out value-less entries", () => {
      assert.deepStrictEqual(
        Shapes.attributesToRecord([{ Name: "email", Value: "a@example.com" }, { Name: "nickname" }, { Name: "sub", Value: "u1" }]),
        { email: "a@example.com", sub: "u1" }
      )
    })

    it("turns a record into a list the way Amplify sends it", () => {
      assert.deepStrictEqual(Shapes.recordToAttributes({ email: "a@example.com", nickname: undefined }), [
        { Name: "email", Value: "a@example.com" },
        { Name: "nickname" }
      ])
      assert.deepStrictEqual(JSON.parse(JSON.stringify(Shapes.recordToAttributes({ nickname: undefined }))), [{ Name: "nickname" }])
    })

    it("requires Name on an attribute", () => {
      assertRefused(Shapes.AttributeType, { Value: "x" })
    })
  })

  describe("AuthenticationResult", () => {
    it("redacts every token and ignores unknown members", () => {
      const result = Schema.decodeUnknownSync(Shapes.AuthenticationResult)({
        AccessToken: "a.b.c",
        IdToken: "d.e.f",
        RefreshToken: "opaque",
        ExpiresIn: 3600,
        TokenType: "Bearer",
        Unknown: 1
      })
      assertSecret(result.AccessToken, "a.b.c")
      assertSecret(result.IdToken, "d.e.f")
      assertSecret(result.RefreshToken, "opaque")
      assert.isFalse("Unknown" in result)
    })
  })

  describe("names", () => {
    it("accepts every challenge Amplify knows and refuses others", () => {
      for (const name of ["SMS_MFA", "SMS_OTP", "SOFTWARE_TOKEN_MFA", "EMAIL_OTP", "SELECT_MFA_TYPE", "SELECT_CHALLENGE", "MFA_SETUP", "PASSWORD", "PASSWORD_SRP", "PASSWORD_VERIFIER", "CUSTOM_CHALLENGE", "DEVICE_SRP_AUTH", "DEVICE_PASSWORD_VERIFIER", "ADMIN_NO_SRP_AUTH", "NEW_PASSWORD_REQUIRED", "WEB_AUTHN"]) {
        assert.strictEqual(Schema.decodeUnknownSync(Shapes.ChallengeName)(name), name)
      }
      assertRefused(Shapes.ChallengeName, "EMAIL_MFA")
    })
  })

  describe("SecretRecord", () => {
    it("redacts values, not keys", () => {
      const record = Schema.decodeUnknownSync(Shapes.SecretRecord)({ PASSWORD: "p@ss" })
      assertSecret(record.PASSWORD, "p@ss")
      assert.deepStrictEqual(Schema.encodeSync(Shapes.SecretRecord)({ SRP_A: Redacted.make("ab") }), { SRP_A: "ab" })
    })
  })
})
