import { assert, describe, it } from "@effect/vitest"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import * as ChangePassword from "@cognito-effect/domain/wire/ChangePassword"
import { assertHidden, assertRefused, assertSecret, assertTarget, decodeJson, wireJson } from "./wireTest.js"

describe("ChangePassword", () => {
  it("targets AWSCognitoIdentityProviderService.ChangePassword", () => {
    assertTarget(ChangePassword.operation, "AWSCognitoIdentityProviderService.ChangePassword")
  })

  it("encodes the request Amplify's updatePassword sends", () => {
    const request: ChangePassword.Request = {
      AccessToken: Redacted.make("eyJ.a.b"),
      PreviousPassword: Redacted.make("Old-Passw0rd"),
      ProposedPassword: Redacted.make("New-Passw0rd")
    }
    assert.deepStrictEqual(wireJson(ChangePassword.Request, request), {
      AccessToken: "eyJ.a.b",
      PreviousPassword: "Old-Passw0rd",
      ProposedPassword: "New-Passw0rd"
    })
  })

  it("decodes both passwords as secrets; ProposedPassword is required", () => {
    const decoded = Schema.decodeUnknownSync(ChangePassword.Request)({
      AccessToken: "eyJ.a.b",
      PreviousPassword: "Old-Passw0rd",
      ProposedPassword: "New-Passw0rd"
    })
    assertSecret(decoded.PreviousPassword, "Old-Passw0rd")
    assertSecret(decoded.ProposedPassword, "New-Passw0rd")
    assertHidden(decoded, "Old-Passw0rd", "New-Passw0rd")
    assertRefused(ChangePassword.Request, { AccessToken: "eyJ.a.b", PreviousPassword: "Old-Passw0rd" })
    assert.deepStrictEqual(decodeJson(ChangePassword.Response, "{}"), {})
  })
})
