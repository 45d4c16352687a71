import { assert, describe, it } from "@effect/vitest"
import * as CreateIdentityPool from "@cognito-effect/domain/wire/CreateIdentityPool"
import { assertRefused, assertTarget, decodeJson, wireJson } from "./wireTest.js"

describe("CreateIdentityPool", () => {
  it("targets AWSCognitoIdentityService.CreateIdentityPool", () => {
    assertTarget(CreateIdentityPool.operation, "AWSCognitoIdentityService.CreateIdentityPool")
  })

  it("encodes a pool trusting a user-pool app client", () => {
    const request: CreateIdentityPool.Request = {
      IdentityPoolName: "demo_identities",
      AllowUnauthenticatedIdentities: true,
      CognitoIdentityProviders: [
        { ProviderName: "cognito-idp.us-east-1.amazonaws.com/us-east-1_EXAMPLE", ClientId: "client", ServerSideTokenCheck: false }
      ]
    }
    assert.deepStrictEqual(wireJson(CreateIdentityPool.Request, request), {
      IdentityPoolName: "demo_identities",
      AllowUnauthenticatedIdentities: true,
      CognitoIdentityProviders: [
        { ProviderName: "cognito-idp.us-east-1.amazonaws.com/us-east-1_EXAMPLE", ClientId: "client", ServerSideTokenCheck: false }
      ]
    })
  })

  it("requires the name and AllowUnauthenticatedIdentities", () => {
    assertRefused(CreateIdentityPool.Request, { IdentityPoolName: "x" })
    assertRefused(CreateIdentityPool.Request, { AllowUnauthenticatedIdentities: false })
  })

  it("decodes the created pool", () => {
    const response = decodeJson(
      CreateIdentityPool.Response,
      `{"AllowClassicFlow":false,"AllowUnauthenticatedIdentities":true,"IdentityPoolId":"us-east-1:00000000-0000-0000-0000-000000000000","IdentityPoolName":"demo_identities","IdentityPoolTags":{}}`
    )
    assert.strictEqual(response.IdentityPoolId, "us-east-1:00000000-0000-0000-0000-000000000000")
    assertRefused(CreateIdentityPool.Response, { IdentityPoolName: "x", AllowUnauthenticatedIdentities: true })
  })
})
