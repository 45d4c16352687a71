import { assert, describe, it } from "@effect/vitest"
import * as Redacted from "effect/Redacted"
import * as DeleteUserAttributes from "@cognito-effect/domain/wire/DeleteUserAttributes"
import { assertRefused, assertTarget, decodeJson, wireJson } from "./wireTest.js"

describe("DeleteUserAttributes", () => {
  it("targets AWSCognitoIdentityProviderService.DeleteUserAttributes", () => {
    assertTarget(DeleteUserAttributes.operation, "AWSCognitoIdentityProviderService.DeleteUserAttributes")
  })

  it("encodes the names to delete", () => {
    assert.deepStrictEqual(
      wireJson(DeleteUserAttributes.Request, { AccessToken: Redacted.make("eyJ.a.b"), UserAttributeNames: ["custom:tier", "nickname"] }),
      { AccessToken: "eyJ.a.b", UserAttributeNames: ["custom:tier", "nickname"] }
    )
    assertRefused(DeleteUserAttributes.Request, { AccessToken: "eyJ.a.b", UserAttributeNames: "nickname" })
    assert.deepStrictEqual(decodeJson(DeleteUserAttributes.Response, "{}"), {})
  })
})
