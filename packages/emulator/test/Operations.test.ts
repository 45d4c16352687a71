import { assert, describe, it } from "@effect/vitest"
import * as Operations from "../src/Operations.js"

describe("Operations", () => {
  it("serves the core operations, each under its own X-Amz-Target", () => {
    const names = Operations.all.map((handler) => handler.operation.name)
    assert.strictEqual(new Set(names).size, names.length)
    assert.includeMembers(names, [
      "CreateUserPool", "DescribeUserPool", "UpdateUserPool", "CreateUserPoolClient", "DescribeUserPoolClient",
      "AdminCreateUser", "AdminSetUserPassword", "AdminConfirmSignUp", "AdminGetUser", "AdminUpdateUserAttributes",
      "AdminDeleteUser", "AdminDisableUser", "AdminEnableUser", "ListUsers",
      "SignUp", "ConfirmSignUp", "ResendConfirmationCode", "InitiateAuth", "RespondToAuthChallenge",
      "GetTokensFromRefreshToken", "RevokeToken", "GlobalSignOut", "GetUser",
      "ChangePassword", "DeleteUser", "ForgotPassword", "ConfirmForgotPassword",
      "UpdateUserAttributes", "GetUserAttributeVerificationCode", "VerifyUserAttribute", "DeleteUserAttributes"
    ])
    assert.strictEqual(Operations.byTarget.get("AWSCognitoIdentityProviderService.InitiateAuth")?.operation.name, "InitiateAuth")
  })

  it("operations that consume one-time state are replayable", () => {
    const replayable = Operations.all.filter((handler) => handler.replayable).map((handler) => handler.operation.name)
    assert.includeMembers(replayable, ["ConfirmSignUp", "RespondToAuthChallenge", "GetTokensFromRefreshToken", "ConfirmForgotPassword", "VerifyUserAttribute"])
    assert.notInclude(replayable, "InitiateAuth")
  })
})
