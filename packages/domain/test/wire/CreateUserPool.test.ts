import { assert, describe, it } from "@effect/vitest"
import * as Schema from "effect/Schema"
import * as CreateUserPool from "@cognito-effect/domain/wire/CreateUserPool"
import { assertRefused, assertTarget, decodeJson, wireJson } from "./wireTest.js"

describe("CreateUserPool", () => {
  it("targets AWSCognitoIdentityProviderService.CreateUserPool", () => {
    assertTarget(CreateUserPool.operation, "AWSCognitoIdentityProviderService.CreateUserPool")
  })

  it("decodes a full request, dropping members it does not model", () => {
    const request = Schema.decodeUnknownSync(CreateUserPool.Request)({
      PoolName: "demo",
      Policies: { PasswordPolicy: { MinimumLength: 8, RequireUppercase: true, RequireSymbols: false } },
      UsernameAttributes: ["email"],
      AutoVerifiedAttributes: ["email"],
      MfaConfiguration: "OPTIONAL",
      DeviceConfiguration: { ChallengeRequiredOnNewDevice: false, DeviceOnlyRememberedOnUserPrompt: true },
      Schema: [{ Name: "email", AttributeDataType: "String", Mutable: true, Required: true }],
      LambdaConfig: { PreSignUp: "arn:aws:lambda:us-east-1:123456789012:function:pre" },
      UsernameConfiguration: { CaseSensitive: false }
    })
    assert.strictEqual(request.PoolName, "demo")
    assert.strictEqual(request.Policies?.PasswordPolicy?.MinimumLength, 8)
    assert.deepStrictEqual(request.UsernameAttributes, ["email"])
    assert.strictEqual(request.Schema?.[0]?.Name, "email")
    assert.isFalse("LambdaConfig" in request)
  })

  it("refuses a request without PoolName or with an unknown MFA mode", () => {
    assertRefused(CreateUserPool.Request, { Policies: {} })
    assertRefused(CreateUserPool.Request, { PoolName: "p", MfaConfiguration: "SOMETIMES" })
    assertRefused(CreateUserPool.Request, { PoolName: "p", UsernameAttributes: ["nickname"] })
  })

  it("encodes a request without absent members", () => {
    assert.deepStrictEqual(
      wireJson(CreateUserPool.Request, { PoolName: "demo", AliasAttributes: ["preferred_username"], MfaConfiguration: undefined }),
      { PoolName: "demo", AliasAttributes: ["preferred_username"] }
    )
  })

  it("decodes the created pool with dates", () => {
    const response = decodeJson(
      CreateUserPool.Response,
      `{"UserPool":{"Id":"us-east-1_EXAMPLE","Name":"demo","Arn":"arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_EXAMPLE","CreationDate":1689721665.239,"LastModifiedDate":1689721665.239,"MfaConfiguration":"OFF","EstimatedNumberOfUsers":0,"LambdaConfig":{},"SchemaAttributes":[{"AttributeDataType":"String","DeveloperOnlyAttribute":false,"Mutable":false,"Name":"sub","Required":true,"StringAttributeConstraints":{"MaxLength":"2048","MinLength":"1"}}]}}`
    )
    assert.strictEqual(response.UserPool?.Id, "us-east-1_EXAMPLE")
    assert.strictEqual(response.UserPool?.CreationDate?.getTime(), 1689721665239)
    assert.strictEqual(response.UserPool?.SchemaAttributes?.[0]?.StringAttributeConstraints?.MaxLength, "2048")
  })
})
