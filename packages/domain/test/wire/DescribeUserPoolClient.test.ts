import { assert, describe, it } from "@effect/vitest"
import * as DescribeUserPoolClient from "@cognito-effect/domain/wire/DescribeUserPoolClient"
import { assertRefused, assertSecret, assertTarget, decodeJson, wireJson } from "./wireTest.js"

describe("DescribeUserPoolClient", () => {
  it("targets AWSCognitoIdentityProviderService.DescribeUserPoolClient", () => {
    assertTarget(DescribeUserPoolClient.operation, "AWSCognitoIdentityProviderService.DescribeUserPoolClient")
  })

  it("sends pool and client ids, both required", () => {
    assert.deepStrictEqual(wireJson(DescribeUserPoolClient.Request, { UserPoolId: "us-east-1_EXAMPLE", ClientId: "c1" }), {
      UserPoolId: "us-east-1_EXAMPLE",
      ClientId: "c1"
    })
    assertRefused(DescribeUserPoolClient.Request, { UserPoolId: "us-east-1_EXAMPLE" })
  })

  it("decodes a recorded client description", () => {
    const client = decodeJson(
      DescribeUserPoolClient.Response,
      `{"UserPoolClient":{"AccessTokenValidity":1,"AllowedOAuthFlows":["code"],"AllowedOAuthFlowsUserPoolClient":true,"AllowedOAuthScopes":["aws.cognito.signin.user.admin","email","openid","profile"],"AnalyticsConfiguration":{"ApplicationId":"x","UserDataShared":false},"CallbackURLs":["https://example.com","http://localhost:3000"],"ClientId":"26cb2c60kq7nbmas7rbme9b6pp","ClientName":"example-app-client","ClientSecret":"example-secret","CreationDate":1689885426.107,"DefaultRedirectURI":"https://example.com","EnablePropagateAdditionalUserContextData":false,"EnableTokenRevocation":true,"ExplicitAuthFlows":["ALLOW_ADMIN_USER_PASSWORD_AUTH","ALLOW_USER_SRP_AUTH","ALLOW_REFRESH_TOKEN_AUTH"],"IdTokenValidity":1,"LastModifiedDate":1689885426.107,"LogoutURLs":["https://example.com/logout"],"PreventUserExistenceErrors":"ENABLED","ReadAttributes":["email","name"],"RefreshTokenValidity":30,"SupportedIdentityProviders":["SignInWithApple","MySSO"],"TokenValidityUnits":{"AccessToken":"hours","IdToken":"hours","RefreshToken":"days"},"UserPoolId":"us-east-1_EXAMPLE","WriteAttributes":["name"]}}`
    )
    const c = client.UserPoolClient!
    assert.deepStrictEqual(c.ExplicitAuthFlows, ["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"])
    assert.strictEqual(c.TokenValidityUnits?.RefreshToken, "days")
    assert.deepStrictEqual(c.LogoutURLs, ["https://example.com/logout"])
    assertSecret(c.ClientSecret, "example-secret")
    assert.isFalse("AnalyticsConfiguration" in c)
  })
})
