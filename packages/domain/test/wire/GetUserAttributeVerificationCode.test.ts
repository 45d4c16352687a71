import { assert, describe, it } from "@effect/vitest"
import * as Redacted from "effect/Redacted"
import * as GetUserAttributeVerificationCode from "@cognito-effect/domain/wire/GetUserAttributeVerificationCode"
import { assertRefused, assertTarget, decodeJson, wireJson } from "./wireTest.js"

describe("GetUserAttributeVerificationCode", () => {
  it("targets AWSCognitoIdentityProviderService.GetUserAttributeVerificationCode", () => {
    assertTarget(GetUserAttributeVerificationCode.operation, "AWSCognitoIdentityProviderService.GetUserAttributeVerificationCode")
  })

  it("encodes the request Amplify's sendUserAttributeVerificationCode sends", () => {
    assert.deepStrictEqual(
      wireJson(GetUserAttributeVerificationCode.Request, {
        AccessToken: Redacted.make("eyJ.a.b"),
        AttributeName: "email",
        ClientMetadata: undefined
      }),
      { AccessToken: "eyJ.a.b", AttributeName: "email" }
    )
    assertRefused(GetUserAttributeVerificationCode.Request, { AccessToken: "eyJ.a.b" })
  })

  it("decodes the code delivery details", () => {
    const response = decodeJson(
      GetUserAttributeVerificationCode.Response,
      `{"CodeDeliveryDetails":{"AttributeName":"email","DeliveryMedium":"EMAIL","Destination":"a***@e***"}}`
    )
    assert.strictEqual(response.CodeDeliveryDetails?.AttributeName, "email")
  })
})
