import { assert, describe, it } from "@effect/vitest"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import * as AdminSetUserPassword from "@cognito-effect/domain/wire/AdminSetUserPassword"
import { assertHidden, assertRefused, assertSecret, assertTarget, decodeJson, wireJson } from "./wireTest.js"

describe("AdminSetUserPassword", () => {
  it("targets AWSCognitoIdentityProviderService.AdminSetUserPassword", () => {
    assertTarget(AdminSetUserPassword.operation, "AWSCognitoIdentityProviderService.AdminSetUserPassword")
  })

  it("round-trips a permanent password, redacted once decoded", () => {
    const json = wireJson(AdminSetUserPassword.Request, {
      UserPoolId: "us-east-1_EXAMPLE",
      Username: "carol",
      Password: Redacted.make("Perm-Passw0rd!"),
      Permanent: true
    })
    assert.deepStrictEqual(json, { UserPoolId: "us-east-1_EXAMPLE", Username: "carol", Password: "Perm-Passw0rd!", Permanent: true })
    const decoded = Schema.decodeUnknownSync(AdminSetUserPassword.Request)(json)
    assertSecret(decoded.Password, "Perm-Passw0rd!")
    assertHidden(decoded, "Perm-Passw0rd!")
  })

  it("requires the password and a boolean Permanent", () => {
    assertRefused(AdminSetUserPassword.Request, { UserPoolId: "p", Username: "u" })
    assertRefused(AdminSetUserPassword.Request, { UserPoolId: "p", Username: "u", Password: "x", Permanent: "yes" })
    assert.deepStrictEqual(decodeJson(AdminSetUserPassword.Response, "{}"), {})
  })
})
