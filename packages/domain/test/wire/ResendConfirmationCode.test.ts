import { assert, describe, it } from "@effect/vitest"
import * as ResendConfirmationCode from "@cognito-effect/domain/wire/ResendConfirmationCode"
import { assertRefused, assertTarget, decodeJson, wireJson } from "./wireTest.js"

describe("ResendConfirmationCode", () => {
  it("targets AWSCognitoIdentityProviderService.ResendConfirmationCode", () => {
    assertTarget(ResendConfirmationCode.operation, "AWSCognitoIdentityProviderService.ResendConfirmationCode")
  })

  it("encodes the request Amplify's resendSignUpCode sends", () => {
    const request: ResendConfirmationCode.Request = {
      Username: "alice",
      ClientMetadata: { lang: "en" },
      ClientId: "client",
      UserContextData: undefined
    }
    assert.deepStrictEqual(wireJson(ResendConfirmationCode.Request, request), {
      Username: "alice",
      ClientMetadata: { lang: "en" },
      ClientId: "client"
    })
  })

  it("refuses a request without Username or with non-string metadata", () => {
    assertRefused(ResendConfirmationCode.Request, { ClientId: "c" })
    assertRefused(ResendConfirmationCode.Request, { ClientId: "c", Username: "a", ClientMetadata: { n: 1 } })
  })

  it("decodes the code delivery details", () => {
    const response = decodeJson(
      ResendConfirmationCode.Response,
      `{"CodeDeliveryDetails":{"AttributeName":"phone_number","DeliveryMedium":"SMS","Destination":"+*******0100"},"ResponseMetadata":{}}`
    )
    assert.deepStrictEqual(response, {
      CodeDeliveryDetails: { AttributeName: "phone_number", DeliveryMedium: "SMS", Destination: "+*******0100" }
    })
  })
})
