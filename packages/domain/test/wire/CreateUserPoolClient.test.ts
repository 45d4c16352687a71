import { assert, describe, it } from "@effect/vitest"
import * as Schema from "effect/Schema"
import * as CreateUserPoolClient from "@cognito-effect/domain/wire/CreateUserPoolClient"
import { assertHidden, assertRefused, assertSecret, assertTarget, decodeJson, wireJson } from "./wireTest.js"

describe("CreateUserPoolClient", () => {
  it("targets AWSCognitoIdentityProviderService.CreateUserPoolClient", () => {
    assertTarget(CreateUserPoolClient.operation, "AWSCognitoIdentityProviderService.CreateUserPoolClient")
  })

  it("encodes a client with flows, token validity and OAuth settings", () => {
    const request: CreateUserPoolClient.Request = {
      UserPoolId: "us-east-1_EXAMPLE",
      ClientName: "web",
      GenerateSecret: false,
      ExplicitAuthFlows: ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_AUTH"],
      AccessTokenValidity: 60,
      TokenValidityUnits: { AccessToken: "minutes", RefreshToken: "days" },
      CallbackURLs: ["http://localhost:3000/"],
      AllowedOAuthFlows: ["code"],
      AllowedOAuthScopes: ["openid", "email"],
      AllowedOAuthFlowsUserPoolClient: true,
      PreventUserExistenceErrors: "ENABLED",
      EnableTokenRevocation: true,
      RefreshTokenRotation: { Feature: "ENABLED", RetryGracePeriodSeconds: 10 }
    }
    assert.deepStrictEqual(wireJson(CreateUserPoolClient.Request, request), {
      UserPoolId: "us-east-1_EXAMPLE",
      ClientName: "web",
      GenerateSecret: false,
      ExplicitAuthFlows: ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_AUTH"],
      AccessTokenValidity: 60,
      TokenValidityUnits: { AccessToken: "minutes", RefreshToken: "days" },
      CallbackURLs: ["http://localhost:3000/"],
      AllowedOAuthFlows: ["code"],
      AllowedOAuthScopes: ["openid", "email"],
      AllowedOAuthFlowsUserPoolClient: true,
      PreventUserExistenceErrors: "ENABLED",
      EnableTokenRevocation: true,
      RefreshTokenRotation: { Feature: "ENABLED", RetryGracePeriodSeconds: 10 }
    })
  })

  it("refuses missing names, unknown flows and unknown units", () => {
    assertRefused(CreateUserPoolClient.Request, { UserPoolId: "p" })
    assertRefused(CreateUserPoolClient.Request, { UserPoolId: "p", ClientName: "c", ExplicitAuthFlows: ["ALLOW_EVERYTHING"] })
    assertRefused(CreateUserPoolClient.Request, { UserPoolId: "p", ClientName: "c", TokenValidityUnits: { AccessToken: "weeks" } })
    assertRefused(CreateUserPoolClient.Request, { UserPoolId: "p", ClientName: "c", RefreshTokenRotation: {} })
  })

  it("decodes the created client with its secret redacted", () => {
    const secret = "1example23456789exampleclientsecretexample0abcdefgh"
    const response = decodeJson(
      CreateUserPoolClient.Response,
      JSON.stringify({
        UserPoolClient: {
          ClientId: "26cb2c60kq7nbmas7rbme9b6pp",
          ClientName: "web",
          ClientSecret: secret,
          CreationDate: 1689885426.107,
          LastModifiedDate: 1689885426.107,
          UserPoolId: "us-east-1_EXAMPLE",
          AuthSessionValidity: 3,
          EnablePropagateAdditionalUserContextData: false,
          ClientType: "TRADITIONAL"
        }
      })
    )
    assertSecret(response.UserPoolClient?.ClientSecret, secret)
    assertHidden(response, secret)
    assert.strictEqual(response.UserPoolClient?.AuthSessionValidity, 3)
    const decoded = Schema.decodeUnknownSync(CreateUserPoolClient.Request)({ UserPoolId: "p", ClientName: "c", ClientSecret: secret })
    assertSecret(decoded.ClientSecret, secret)
  })
})
