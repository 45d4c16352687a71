import { assert, describe, it } from "@effect/vitest"
import * as FastCheck from "effect/FastCheck"
import * as Option from "effect/Option"
import * as Totp from "@cognito-effect/domain/Totp"

/** RFC 6238 Appendix B, SHA-1 rows, last 6 of the 8 digits. */
const rfc6238 = new TextEncoder().encode("12345678901234567890")
const appendixB: ReadonlyArray<readonly [number, string]> = [
  [59, "287082"],
  [1111111109, "081804"],
  [1111111111, "050471"],
  [1234567890, "005924"],
  [2000000000, "279037"],
  [20000000000, "353130"]
]

describe("Totp", () => {
  it("reproduces RFC 6238 Appendix B (HMAC-SHA1)", () => {
    for (const [time, code] of appendixB) assert.strictEqual(Totp.generate(rfc6238, time), code, `T=${time}`)
  })

  describe("base32", () => {
    it("encodes the RFC 4648 vectors without padding", () => {
      const cases: ReadonlyArray<readonly [string, string]> = [
        ["", ""],
        ["f", "MY"],
        ["fo", "MZXQ"],
        ["foo", "MZXW6"],
        ["foob", "MZXW6YQ"],
        ["fooba", "MZXW6YTB"],
        ["foobar", "MZXW6YTBOI"]
      ]
      for (const [text, encoded] of cases) {
        const bytes = new TextEncoder().encode(text)
        assert.strictEqual(Totp.base32Encode(bytes), encoded)
        assert.deepStrictEqual(Option.getOrThrow(Totp.base32Decode(encoded)), bytes)
      }
      assert.strictEqual(Totp.base32Encode(rfc6238), "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ")
    })

    it("decodes case-insensitively, with or without padding", () => {
      const bytes = new TextEncoder().encode("foob")
      for (const text of ["MZXW6YQ", "mzxw6yq", "MZXW6YQ=", "mZxW6yQ="]) {
        assert.deepStrictEqual(Option.getOrThrow(Totp.base32Decode(text)), bytes, text)
      }
    })

    it("refuses other characters and impossible lengths", () => {
      for (const text of ["MZXW1", "MZ XW", "M", "MZX", "MZXW6Y", "MZ=XW"]) {
        assert.isTrue(Option.isNone(Totp.base32Decode(text)), text)
      }
    })

    it.prop("round-trips any bytes", [FastCheck.uint8Array({ maxLength: 64 })], ([bytes]) => {
      const encoded = Totp.randomSecret(bytes)
      assert.match(encoded, /^[A-Z2-7]*$/)
      assert.strictEqual(encoded.length, Math.ceil((bytes.length * 8) / 5))
      assert.deepStrictEqual(Option.getOrThrow(Totp.base32Decode(encoded.toLowerCase())), bytes)
    })
  })

  describe("verify", () => {
    const secret = rfc6238
    const time = 1111111111
    const code = Totp.generate(secret, time)

    it("accepts the current step and one step of drift either way", () => {
      for (const offset of [-30, -1, 0, 1, 29, 30]) assert.isTrue(Totp.verify(secret, code, time + offset), `${offset}`)
    })

    it("refuses two steps of drift, other codes and malformed codes", () => {
      const step = Math.floor(time / 30) * 30
      assert.isFalse(Totp.verify(secret, code, step - 31))
      assert.isFalse(Totp.verify(secret, code, step + 60))
      assert.isFalse(Totp.verify(secret, code === "000000" ? "000001" : "000000", time))
      for (const bad of ["", "50471", "0504710", "05047a", " 050471"]) assert.isFalse(Totp.verify(secret, bad, time), bad)
      assert.isFalse(Totp.verify(new TextEncoder().encode("another secret"), code, time))
    })

    it("honours a custom window", () => {
      assert.isFalse(Totp.verify(secret, code, time + 30, { window: 0 }))
      assert.isTrue(Totp.verify(secret, code, time + 60, { window: 2 }))
      assert.isFalse(Totp.verify(secret, code, time + 60))
      assert.isTrue(Totp.verify(secret, code, time, { window: 0 }))
    })

    it("does not look before the epoch", () => {
      assert.isTrue(Totp.verify(secret, Totp.generate(secret, 0), 10))
      assert.isTrue(Totp.verify(secret, Totp.generate(secret, 0), 40))
    })
  })

  describe("setupUri", () => {
    it("builds Amplify's otpauth URI", () => {
      const uri = Totp.setupUri({ secretBase32: "GEZDGNBVGY3TQOJQ", issuer: "MyApp", accountName: "alice" })
      assert.strictEqual(uri.href, "otpauth://totp/MyApp:alice?secret=GEZDGNBVGY3TQOJQ&issuer=MyApp")
      assert.strictEqual(uri.searchParams.get("secret"), "GEZDGNBVGY3TQOJQ")
    })

    it("leaves encoding to the URL parser, quotes from setUpTOTP's JSON.stringify included", () => {
      const uri = Totp.setupUri({ secretBase32: "ABC", issuer: "My App", accountName: JSON.stringify("alice") })
      assert.strictEqual(uri.href, "otpauth://totp/My%20App:%22alice%22?secret=ABC&issuer=My%20App")
      assert.strictEqual(uri.searchParams.get("issuer"), "My App")
    })
  })
})
