import { assert, describe, it } from "@effect/vitest"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import * as GetTokensFromRefreshToken from "@cognito-effect/domain/wire/GetTokensFromRefreshToken"
import { assertHidden, assertRefused, assertSecret, assertTarget, decodeJson, jwt, wireJson } from "./wireTest.js"

const refresh = "eyJjdHkiOiJKV1QiLCJlbmMiOiJBMjU2R0NNIiwiYWxnIjoiUlNBLU9BRVAifQ.opaque.refresh"

describe("GetTokensFromRefreshToken", () => {
  it("targets AWSCognitoIdentityProviderService.GetTokensFromRefreshToken", () => {
    assertTarget(GetTokensFromRefreshToken.operation, "AWSCognitoIdentityProviderService.GetTokensFromRefreshToken")
  })

  it("encodes the refresh request Amplify >= 6.14 sends", () => {
    const request: GetTokensFromRefreshToken.Request = {
      ClientId: "client",
      RefreshToken: Redacted.make(refresh),
      DeviceKey: "us-east-1_2d3c4b5a-0000-4000-8000-000000000001",
      ClientMetadata: undefined
    }
    assert.deepStrictEqual(wireJson(GetTokensFromRefreshToken.Request, request), {
      ClientId: "client",
      RefreshToken: refresh,
      DeviceKey: "us-east-1_2d3c4b5a-0000-4000-8000-000000000001"
    })
  })

  it("decodes the refresh token and client secret as secrets", () => {
    const decoded = Schema.decodeUnknownSync(GetTokensFromRefreshToken.Request)({
      ClientId: "client",
      RefreshToken: refresh,
      ClientSecret: "1k2j3h4g5f6d7s8a9q0w1e2r3t4y5u6i7o8p9a0s1d2f3g4h5j6"
    })
    assertSecret(decoded.RefreshToken, refresh)
    assertSecret(decoded.ClientSecret, "1k2j3h4g5f6d7s8a9q0w1e2r3t4y5u6i7o8p9a0s1d2f3g4h5j6")
  })

  it("refuses a request without RefreshToken", () => {
    assertRefused(GetTokensFromRefreshToken.Request, { ClientId: "client" })
  })

  it("decodes a rotated token set", () => {
    const access = jwt({ sub: "u1", iat: 1700000000, exp: 1700003600 })
    const response = decodeJson(
      GetTokensFromRefreshToken.Response,
      JSON.stringify({ AuthenticationResult: { AccessToken: access, ExpiresIn: 3600, RefreshToken: "rotated", TokenType: "Bearer" } })
    )
    assertSecret(response.AuthenticationResult?.AccessToken, access)
    assertSecret(response.AuthenticationResult?.RefreshToken, "rotated")
    assertHidden(response, access, "rotated")
  })
})
