import { assert, describe, it } from "@effect/vitest"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import * as SignUp from "@cognito-effect/domain/wire/SignUp"
import { assertHidden, assertRefused, assertSecret, assertTarget, decodeJson, wireJson } from "./wireTest.js"

describe("SignUp", () => {
  it("targets AWSCognitoIdentityProviderService.SignUp", () => {
    assertTarget(SignUp.operation, "AWSCognitoIdentityProviderService.SignUp")
  })

  it("encodes the request Amplify's signUp sends", () => {
    const request: SignUp.Request = {
      Username: "alice@example.com",
      Password: Redacted.make("Correct-Horse-9"),
      UserAttributes: [{ Name: "email", Value: "alice@example.com" }, { Name: "name", Value: "Alice" }],
      ClientMetadata: undefined,
      ValidationData: undefined,
      ClientId: "4tq7ab1gnf0sbnm3vdtj2sqg6q",
      UserContextData: { EncodedData: "eyJwYXlsb2FkIjoi" }
    }
    assert.deepStrictEqual(wireJson(SignUp.Request, request), {
      Username: "alice@example.com",
      Password: "Correct-Horse-9",
      UserAttributes: [{ Name: "email", Value: "alice@example.com" }, { Name: "name", Value: "Alice" }],
      ClientId: "4tq7ab1gnf0sbnm3vdtj2sqg6q",
      UserContextData: { EncodedData: "eyJwYXlsb2FkIjoi" }
    })
  })

  it("decodes an incoming request with the password and secret hash redacted", () => {
    const decoded = Schema.decodeUnknownSync(SignUp.Request)({
      ClientId: "c",
      Username: "bob",
      Password: "Pa55word!",
      SecretHash: "qJzZbM3x1i5a4sTgQ9c5xQ3Wm4k=",
      ValidationData: [{ Name: "invite", Value: "x" }]
    })
    assertSecret(decoded.Password, "Pa55word!")
    assertSecret(decoded.SecretHash, "qJzZbM3x1i5a4sTgQ9c5xQ3Wm4k=")
    assertHidden(decoded, "Pa55word!")
  })

  it("refuses a request without ClientId or Username, or with a malformed attribute", () => {
    assertRefused(SignUp.Request, { Username: "bob", Password: "x" })
    assertRefused(SignUp.Request, { ClientId: "c", Password: "x" })
    assertRefused(SignUp.Request, { ClientId: "c", Username: "bob", UserAttributes: [{ Value: "no-name" }] })
    assertRefused(SignUp.Request, { ClientId: "c", Username: "bob", UserAttributes: { email: "a" } })
  })

  it("decodes the service answer: code delivery and the auto-sign-in session", () => {
    const response = decodeJson(
      SignUp.Response,
      `{"CodeDeliveryDetails":{"AttributeName":"email","DeliveryMedium":"EMAIL","Destination":"a***@e***"},"Session":"AYABeHsignupsession0001","UserConfirmed":false,"UserSub":"5f1b6a8e-0000-4000-8000-00000000abcd","Extra":true}`
    )
    assert.isFalse(response.UserConfirmed)
    assert.strictEqual(response.UserSub, "5f1b6a8e-0000-4000-8000-00000000abcd")
    assert.deepStrictEqual(response.CodeDeliveryDetails, {
      AttributeName: "email",
      DeliveryMedium: "EMAIL",
      Destination: "a***@e***"
    })
    assertSecret(response.Session, "AYABeHsignupsession0001")
  })

  it("requires UserConfirmed and UserSub in the answer", () => {
    assertRefused(SignUp.Response, { UserSub: "x" })
    assertRefused(SignUp.Response, { UserConfirmed: true })
    assertRefused(SignUp.Response, { UserConfirmed: true, UserSub: "x", CodeDeliveryDetails: { DeliveryMedium: "PIGEON" } })
  })

  it.prop("request encode → JSON → decode round-trips", [SignUp.Request], ([request]) => {
    const json = wireJson(SignUp.Request, request)
    assert.deepStrictEqual(wireJson(SignUp.Request, Schema.decodeUnknownSync(SignUp.Request)(json)), json)
  })
})
