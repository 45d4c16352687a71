import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { listWebAuthnCredentials } from "@cognito-effect/domain/steps/listWebAuthnCredentials"
import * as TestLayer from "./TestLayer.js"

const page = {
  Credentials: [
    {
      CredentialId: "1oG8PrTycHFuWdHAjIelCnsVx7XsrGIL44Whwr_8F8k",
      FriendlyCredentialName: "iCloud Keychain",
      RelyingPartyId: "example.com",
      AuthenticatorAttachment: "platform",
      AuthenticatorTransports: ["internal", "hybrid"],
      CreatedAt: 1729807412.345
    },
    {
      CredentialId: "vJCit9S2cglAvvW1txQ-OQ",
      FriendlyCredentialName: "YubiKey 5",
      RelyingPartyId: "example.com",
      AuthenticatorTransports: ["usb", "nfc"],
      CreatedAt: 1729807500
    }
  ],
  NextToken: "eyJvZmZzZXQiOjJ9"
}

describe("listWebAuthnCredentials", () => {
  it.effect("maps a page to Amplify's shape, dates as Date, and passes the next token on", () =>
    Effect.gen(function* () {
      const output = yield* listWebAuthnCredentials({ pageSize: 2 })
      assert.deepStrictEqual(output, {
        credentials: [
          {
            credentialId: "1oG8PrTycHFuWdHAjIelCnsVx7XsrGIL44Whwr_8F8k",
            friendlyCredentialName: "iCloud Keychain",
            relyingPartyId: "example.com",
            authenticatorAttachment: "platform",
            authenticatorTransports: ["internal", "hybrid"],
            createdAt: new Date(1729807412345)
          },
          {
            credentialId: "vJCit9S2cglAvvW1txQ-OQ",
            friendlyCredentialName: "YubiKey 5",
            relyingPartyId: "example.com",
            authenticatorTransports: ["usb", "nfc"],
            createdAt: new Date(1729807500000)
          }
        ],
        nextToken: "eyJvZmZzZXQiOjJ9"
      })
      assert.deepStrictEqual((yield* TestLayer.onlyRequest).body, { AccessToken: TestLayer.accessTokenString(), MaxResults: 2 })
    }).pipe(Effect.provide(TestLayer.layer({ replies: { ListWebAuthnCredentials: TestLayer.ok(page) } }))))

  it.effect("sends MaxResults and NextToken only when given", () =>
    Effect.gen(function* () {
      const output = yield* listWebAuthnCredentials()
      assert.deepStrictEqual(output, { credentials: [] })
      yield* listWebAuthnCredentials({ nextToken: "eyJvZmZzZXQiOjJ9" })
      assert.deepStrictEqual((yield* TestLayer.requests).map((request) => request.body), [
        { AccessToken: TestLayer.accessTokenString() },
        { AccessToken: TestLayer.accessTokenString(), NextToken: "eyJvZmZzZXQiOjJ9" }
      ])
    }).pipe(Effect.provide(TestLayer.layer({ replies: { ListWebAuthnCredentials: TestLayer.ok({ Credentials: [] }) } }))))

  it.effect("a page that is not Cognito's shape is an invalid response, not a cast", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(listWebAuthnCredentials())
      assert.strictEqual(error._tag, "TransportError")
    }).pipe(Effect.provide(TestLayer.layer({ replies: { ListWebAuthnCredentials: TestLayer.ok({ Credentials: [{ CredentialId: 7 }] }) } }))))
})
