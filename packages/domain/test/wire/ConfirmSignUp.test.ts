import { assert, describe, it } from "@effect/vitest"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import * as ConfirmSignUp from "@cognito-effect/domain/wire/ConfirmSignUp"
import { assertRefused, assertSecret, assertTarget, decodeJson, wireJson } from "./wireTest.js"

describe("ConfirmSignUp", () => {
  it("targets AWSCognitoIdentityProviderService.ConfirmSignUp", () => {
    assertTarget(ConfirmSignUp.operation, "AWSCognitoIdentityProviderService.ConfirmSignUp")
  })

  it("encodes the request Amplify's confirmSignUp sends", () => {
    const request: ConfirmSignUp.Request = {
      Username: "alice",
      ConfirmationCode: Redacted.make("123456"),
      ClientMetadata: undefined,
      ForceAliasCreation: undefined,
      ClientId: "client",
      UserContextData: undefined
    }
    assert.deepStrictEqual(wireJson(ConfirmSignUp.Request, request), {
      Username: "alice",
      ConfirmationCode: "123456",
      ClientId: "client"
    })
  })

  it("decodes the confirmation code and session as secrets", () => {
    const decoded = Schema.decodeUnknownSync(ConfirmSignUp.Request)({
      ClientId: "client",
      Username: "alice",
      ConfirmationCode: "654321",
      ForceAliasCreation: true,
      Session: "AYABeSignUpSession0000001"
    })
    assertSecret(decoded.ConfirmationCode, "654321")
    assertSecret(decoded.Session, "AYABeSignUpSession0000001")
    assert.isTrue(decoded.ForceAliasCreation)
  })

  it("refuses a request without a code, or with a numeric one", () => {
    assertRefused(ConfirmSignUp.Request, { ClientId: "c", Username: "alice" })
    assertRefused(ConfirmSignUp.Request, { ClientId: "c", Username: "alice", ConfirmationCode: 123456 })
  })

  it("decodes the answer's session, and an empty answer", () => {
    const response = decodeJson(ConfirmSignUp.Response, `{"Session":"AYABeAutoSignIn000000001"}`)
    assertSecret(response.Session, "AYABeAutoSignIn000000001")
    assert.deepStrictEqual(decodeJson(ConfirmSignUp.Response, `{}`), {})
  })
})
