import { assert, describe, it } from "@effect/vitest"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import * as GlobalSignOut from "@cognito-effect/domain/wire/GlobalSignOut"
import { assertRefused, assertSecret, assertTarget, decodeJson, wireJson } from "./wireTest.js"

describe("GlobalSignOut", () => {
  it("targets AWSCognitoIdentityProviderService.GlobalSignOut", () => {
    assertTarget(GlobalSignOut.operation, "AWSCognitoIdentityProviderService.GlobalSignOut")
  })

  it("sends only the access token, and decodes it as a secret", () => {
    assert.deepStrictEqual(wireJson(GlobalSignOut.Request, { AccessToken: Redacted.make("eyJ.access.t") }), {
      AccessToken: "eyJ.access.t"
    })
    assertSecret(Schema.decodeUnknownSync(GlobalSignOut.Request)({ AccessToken: "eyJ.access.t" }).AccessToken, "eyJ.access.t")
    assertRefused(GlobalSignOut.Request, {})
  })

  it("accepts the empty JSON answer", () => {
    assert.deepStrictEqual(decodeJson(GlobalSignOut.Response, "{}"), {})
    assertRefused(GlobalSignOut.Response, null)
  })
})
