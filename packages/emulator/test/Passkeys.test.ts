import { assert, describe, it } from "@effect/vitest"
import * as Passkeys from "../src/Passkeys.js"
import type * as Store from "../src/Store.js"

const pool = (settings: Partial<Store.Pool["settings"]> = {}, webAuthn?: Store.Pool["webAuthn"]): Store.Pool =>
  ({ settings: { PoolName: "p", ...settings }, ...(webAuthn === undefined ? {} : { webAuthn }) }) as Store.Pool

describe("Passkeys", () => {
  it("accepts https origins on the RP id or below it, and http only on localhost", () => {
    const allowed = Passkeys.originAllowed("example.com", undefined)
    assert.isTrue(allowed("https://example.com"))
    assert.isTrue(allowed("https://login.example.com:8443"))
    assert.isFalse(allowed("http://example.com"))
    assert.isFalse(allowed("https://example.com.evil.net"))
    assert.isFalse(allowed("https://notexample.com"))
    assert.isFalse(allowed("https://example.com/path"))
    assert.isFalse(allowed("not a url"))
    const local = Passkeys.originAllowed("localhost", undefined)
    assert.isTrue(local("http://localhost:5173"))
    assert.isTrue(local("http://app.localhost"))
    assert.isFalse(local("http://127.0.0.1:5173"))
  })

  it("with configured origins, accepts exactly those", () => {
    const allowed = Passkeys.originAllowed("localhost", ["http://localhost:5173"])
    assert.isTrue(allowed("http://localhost:5173"))
    assert.isFalse(allowed("http://localhost:3000"))
  })

  it("the relying party defaults to localhost with preferred user verification", () => {
    const rp = Passkeys.relyingParty(pool())
    assert.deepStrictEqual([rp.id, rp.userVerification], ["localhost", "preferred"])
    assert.deepStrictEqual(Passkeys.describe(pool()), {})
    const configured = Passkeys.configure(pool(), { RelyingPartyId: "example.com", UserVerification: "required" })
    assert.deepStrictEqual(Passkeys.describe(configured), { WebAuthnConfiguration: { RelyingPartyId: "example.com", UserVerification: "required" } })
    const renamed = Passkeys.configure(configured, { RelyingPartyId: "auth.example.com" }, ["https://auth.example.com"])
    assert.deepStrictEqual(renamed.webAuthn, { RelyingPartyId: "auth.example.com", UserVerification: "required", Origins: ["https://auth.example.com"] })
    assert.strictEqual(Passkeys.configure(renamed, undefined), renamed)
  })

  it("first factors default to the password; passwords are optional once another factor is allowed", () => {
    assert.deepStrictEqual(Passkeys.allowedFirstFactors(pool()), ["PASSWORD"])
    assert.isFalse(Passkeys.passwordOptional(pool()))
    assert.isFalse(Passkeys.enabled(pool()))
    const passwordless = pool({ Policies: { SignInPolicy: { AllowedFirstAuthFactors: ["PASSWORD", "WEB_AUTHN"] } } })
    assert.isTrue(Passkeys.passwordOptional(passwordless))
    assert.isTrue(Passkeys.enabled(passwordless))
  })

  it("the user handle is the sub, base64url", () => {
    const user = { username: "u", attributes: { sub: "3c46320b-7ab8-4c45-b6a8-0d4b2c4a1e2f" } } as unknown as Store.User
    assert.strictEqual(Buffer.from(Passkeys.userHandle(user), "base64url").toString(), "3c46320b-7ab8-4c45-b6a8-0d4b2c4a1e2f")
  })
})
