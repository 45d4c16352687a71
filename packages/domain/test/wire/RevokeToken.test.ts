import { assert, describe, it } from "@effect/vitest"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import * as RevokeToken from "@cognito-effect/domain/wire/RevokeToken"
import { assertRefused, assertSecret, assertTarget, decodeJson, wireJson } from "./wireTest.js"

describe("RevokeToken", () => {
  it("targets AWSCognitoIdentityProviderService.RevokeToken", () => {
    assertTarget(RevokeToken.operation, "AWSCognitoIdentityProviderService.RevokeToken")
  })

  it("encodes the request Amplify's signOut sends", () => {
    const request: RevokeToken.Request = { ClientId: "client", Token: Redacted.make("refresh-token-value") }
    assert.deepStrictEqual(wireJson(RevokeToken.Request, request), { ClientId: "client", Token: "refresh-token-value" })
  })

  it("decodes the token as a secret and checks RevokeAssociatedSessions", () => {
    const decoded = Schema.decodeUnknownSync(RevokeToken.Request)({
      ClientId: "client",
      Token: "refresh-token-value",
      RevokeAssociatedSessions: "LINKED"
    })
    assertSecret(decoded.Token, "refresh-token-value")
    assertRefused(RevokeToken.Request, { ClientId: "client", Token: "t", RevokeAssociatedSessions: "ALL" })
    assertRefused(RevokeToken.Request, { ClientId: "client" })
  })

  it("accepts the empty JSON answer", () => {
    assert.deepStrictEqual(decodeJson(RevokeToken.Response, "{}"), {})
  })
})
