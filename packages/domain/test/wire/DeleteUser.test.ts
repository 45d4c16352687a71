import { assert, describe, it } from "@effect/vitest"
import * as Redacted from "effect/Redacted"
import * as DeleteUser from "@cognito-effect/domain/wire/DeleteUser"
import { assertRefused, assertTarget, decodeJson, wireJson } from "./wireTest.js"

describe("DeleteUser", () => {
  it("targets AWSCognitoIdentityProviderService.DeleteUser", () => {
    assertTarget(DeleteUser.operation, "AWSCognitoIdentityProviderService.DeleteUser")
  })

  it("sends the access token, which is required", () => {
    assert.deepStrictEqual(wireJson(DeleteUser.Request, { AccessToken: Redacted.make("eyJ.a.b") }), { AccessToken: "eyJ.a.b" })
    assertRefused(DeleteUser.Request, {})
  })

  it("accepts an empty JSON object as the answer", () => {
    assert.deepStrictEqual(decodeJson(DeleteUser.Response, "{}"), {})
  })
})
