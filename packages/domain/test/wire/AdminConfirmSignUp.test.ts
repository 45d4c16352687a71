import { assert, describe, it } from "@effect/vitest"
import * as AdminConfirmSignUp from "@cognito-effect/domain/wire/AdminConfirmSignUp"
import { assertRefused, assertTarget, decodeJson, wireJson } from "./wireTest.js"

describe("AdminConfirmSignUp", () => {
  it("targets AWSCognitoIdentityProviderService.AdminConfirmSignUp", () => {
    assertTarget(AdminConfirmSignUp.operation, "AWSCognitoIdentityProviderService.AdminConfirmSignUp")
  })

  it("sends pool and user, both required", () => {
    assert.deepStrictEqual(wireJson(AdminConfirmSignUp.Request, { UserPoolId: "us-east-1_EXAMPLE", Username: "dave" }), {
      UserPoolId: "us-east-1_EXAMPLE",
      Username: "dave"
    })
    assertRefused(AdminConfirmSignUp.Request, { UserPoolId: "us-east-1_EXAMPLE" })
    assert.deepStrictEqual(decodeJson(AdminConfirmSignUp.Response, "{}"), {})
  })
})
