import { assert, describe, it } from "@effect/vitest"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import * as ConfirmForgotPassword from "@cognito-effect/domain/wire/ConfirmForgotPassword"
import { assertHidden, assertRefused, assertSecret, assertTarget, decodeJson, wireJson } from "./wireTest.js"

describe("ConfirmForgotPassword", () => {
  it("targets AWSCognitoIdentityProviderService.ConfirmForgotPassword", () => {
    assertTarget(ConfirmForgotPassword.operation, "AWSCognitoIdentityProviderService.ConfirmForgotPassword")
  })

  it("encodes the request Amplify's confirmResetPassword sends", () => {
    const request: ConfirmForgotPassword.Request = {
      Username: "alice",
      ConfirmationCode: Redacted.make("808080"),
      Password: Redacted.make("Brand-New-Passw0rd"),
      ClientMetadata: undefined,
      ClientId: "client",
      UserContextData: undefined
    }
    assert.deepStrictEqual(wireJson(ConfirmForgotPassword.Request, request), {
      Username: "alice",
      ConfirmationCode: "808080",
      Password: "Brand-New-Passw0rd",
      ClientId: "client"
    })
  })

  it("decodes code and password as secrets, and requires both", () => {
    const decoded = Schema.decodeUnknownSync(ConfirmForgotPassword.Request)({
      ClientId: "client",
      Username: "alice",
      ConfirmationCode: "808080",
      Password: "Brand-New-Passw0rd"
    })
    assertSecret(decoded.ConfirmationCode, "808080")
    assertSecret(decoded.Password, "Brand-New-Passw0rd")
    assertHidden(decoded, "Brand-New-Passw0rd")
    assertRefused(ConfirmForgotPassword.Request, { ClientId: "client", Username: "alice", ConfirmationCode: "808080" })
    assert.deepStrictEqual(decodeJson(ConfirmForgotPassword.Response, "{}"), {})
  })
})
