import { assert, describe, it } from "@effect/vitest"
import * as Redacted from "effect/Redacted"
import * as Shapes from "@cognito-effect/domain/wire/Shapes"
import * as UpdateUserAttributes from "@cognito-effect/domain/wire/UpdateUserAttributes"
import { assertRefused, assertTarget, decodeJson, wireJson } from "./wireTest.js"

describe("UpdateUserAttributes", () => {
  it("targets AWSCognitoIdentityProviderService.UpdateUserAttributes", () => {
    assertTarget(UpdateUserAttributes.operation, "AWSCognitoIdentityProviderService.UpdateUserAttributes")
  })

  it("encodes the request Amplify's updateUserAttributes sends", () => {
    const request: UpdateUserAttributes.Request = {
      AccessToken: Redacted.make("eyJ.a.b"),
      ClientMetadata: undefined,
      UserAttributes: Shapes.recordToAttributes({ email: "new@example.com", name: "Alice A." })
    }
    assert.deepStrictEqual(wireJson(UpdateUserAttributes.Request, request), {
      AccessToken: "eyJ.a.b",
      UserAttributes: [{ Name: "email", Value: "new@example.com" }, { Name: "name", Value: "Alice A." }]
    })
    assertRefused(UpdateUserAttributes.Request, { AccessToken: "eyJ.a.b" })
  })

  it("decodes the list of attributes awaiting a code", () => {
    const response = decodeJson(
      UpdateUserAttributes.Response,
      `{"CodeDeliveryDetailsList":[{"AttributeName":"email","DeliveryMedium":"EMAIL","Destination":"n***@e***"}]}`
    )
    assert.strictEqual(response.CodeDeliveryDetailsList?.[0]?.AttributeName, "email")
    assert.deepStrictEqual(decodeJson(UpdateUserAttributes.Response, "{}"), {})
  })
})
