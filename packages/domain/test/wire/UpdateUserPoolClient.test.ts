import { assert, describe, it } from "@effect/vitest"
import * as UpdateUserPoolClient from "@cognito-effect/domain/wire/UpdateUserPoolClient"
import { assertRefused, assertTarget, decodeJson, wireJson } from "./wireTest.js"

describe("UpdateUserPoolClient", () => {
  it("targets AWSCognitoIdentityProviderService.UpdateUserPoolClient", () => {
    assertTarget(UpdateUserPoolClient.operation, "AWSCognitoIdentityProviderService.UpdateUserPoolClient")
  })

  it("sends the hosted-UI settings of an app client", () => {
    assert.deepStrictEqual(
      wireJson(UpdateUserPoolClient.Request, {
        UserPoolId: "us-east-1_EXAMPLE",
        ClientId: "26cb2c60kq7nbmas7rbme9b6pp",
        CallbackURLs: ["https://example.com/callback"],
        LogoutURLs: ["https://example.com/"],
        AllowedOAuthFlows: ["code"],
        AllowedOAuthScopes: ["openid", "email"],
        AllowedOAuthFlowsUserPoolClient: true,
        SupportedIdentityProviders: ["COGNITO", "Google"]
      }),
      {
        UserPoolId: "us-east-1_EXAMPLE",
        ClientId: "26cb2c60kq7nbmas7rbme9b6pp",
        CallbackURLs: ["https://example.com/callback"],
        LogoutURLs: ["https://example.com/"],
        AllowedOAuthFlows: ["code"],
        AllowedOAuthScopes: ["openid", "email"],
        AllowedOAuthFlowsUserPoolClient: true,
        SupportedIdentityProviders: ["COGNITO", "Google"]
      }
    )
    assertRefused(UpdateUserPoolClient.Request, { UserPoolId: "us-east-1_EXAMPLE" })
    assertRefused(UpdateUserPoolClient.Request, { UserPoolId: "us-east-1_EXAMPLE", ClientId: "c", AllowedOAuthFlows: ["password"] })
  })

  it("decodes the updated client", () => {
    const response = decodeJson(
      UpdateUserPoolClient.Response,
      `{"UserPoolClient":{"AllowedOAuthFlows":["code"],"AllowedOAuthFlowsUserPoolClient":true,"CallbackURLs":["https://example.com/callback"],"ClientId":"26cb2c60kq7nbmas7rbme9b6pp","ClientName":"web","CreationDate":1689885426.107,"LastModifiedDate":1700000000.5,"UserPoolId":"us-east-1_EXAMPLE"}}`
    )
    assert.deepStrictEqual(response.UserPoolClient?.CallbackURLs, ["https://example.com/callback"])
    assert.strictEqual(response.UserPoolClient?.LastModifiedDate?.getTime(), 1_700_000_000_500)
  })
})
