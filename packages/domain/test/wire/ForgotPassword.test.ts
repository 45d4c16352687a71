import { assert, describe, it } from "@effect/vitest"
import * as ForgotPassword from "@cognito-effect/domain/wire/ForgotPassword"
import { assertRefused, assertTarget, decodeJson, wireJson } from "./wireTest.js"

describe("ForgotPassword", () => {
  it("targets AWSCognitoIdentityProviderService.ForgotPassword", () => {
    assertTarget(ForgotPassword.operation, "AWSCognitoIdentityProviderService.ForgotPassword")
  })

  it("encodes the request Amplify's resetPassword sends", () => {
    const request: ForgotPassword.Request = { Username: "alice", ClientMetadata: undefined, ClientId: "client", UserContextData: undefined }
    assert.deepStrictEqual(wireJson(ForgotPassword.Request, request), { Username: "alice", ClientId: "client" })
    assertRefused(ForgotPassword.Request, { ClientId: "client" })
  })

  it("decodes the code delivery details", () => {
    const response = decodeJson(
      ForgotPassword.Response,
      `{"CodeDeliveryDetails":{"AttributeName":"email","DeliveryMedium":"EMAIL","Destination":"a***@e***"}}`
    )
    assert.strictEqual(response.CodeDeliveryDetails?.DeliveryMedium, "EMAIL")
  })
})
