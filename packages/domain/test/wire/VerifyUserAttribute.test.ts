import { assert, describe, it } from "@effect/vitest"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import * as VerifyUserAttribute from "@cognito-effect/domain/wire/VerifyUserAttribute"
import { assertRefused, assertSecret, assertTarget, decodeJson, wireJson } from "./wireTest.js"

describe("VerifyUserAttribute", () => {
  it("targets AWSCognitoIdentityProviderService.VerifyUserAttribute", () => {
    assertTarget(VerifyUserAttribute.operation, "AWSCognitoIdentityProviderService.VerifyUserAttribute")
  })

  it("encodes the request Amplify's confirmUserAttribute sends", () => {
    assert.deepStrictEqual(
      wireJson(VerifyUserAttribute.Request, { AccessToken: Redacted.make("eyJ.a.b"), AttributeName: "email", Code: Redacted.make("111222") }),
      { AccessToken: "eyJ.a.b", AttributeName: "email", Code: "111222" }
    )
  })

  it("decodes the code as a secret and requires it", () => {
    const decoded = Schema.decodeUnknownSync(VerifyUserAttribute.Request)({ AccessToken: "t", AttributeName: "email", Code: "111222" })
    assertSecret(decoded.Code, "111222")
    assertRefused(VerifyUserAttribute.Request, { AccessToken: "t", AttributeName: "email" })
    assert.deepStrictEqual(decodeJson(VerifyUserAttribute.Response, "{}"), {})
  })
})
