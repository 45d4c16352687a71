import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { deleteWebAuthnCredential } from "@cognito-effect/domain/steps/deleteWebAuthnCredential"
import * as TestLayer from "./TestLayer.js"

describe("deleteWebAuthnCredential", () => {
  it.effect("deletes by credential id", () =>
    Effect.gen(function* () {
      assert.isUndefined(yield* deleteWebAuthnCredential({ credentialId: "vJCit9S2cglAvvW1txQ-OQ" }))
      assert.deepStrictEqual(yield* TestLayer.onlyRequest, {
        operation: "DeleteWebAuthnCredential",
        target: "AWSCognitoIdentityProviderService.DeleteWebAuthnCredential",
        body: { AccessToken: TestLayer.accessTokenString(), CredentialId: "vJCit9S2cglAvvW1txQ-OQ" }
      })
    }).pipe(Effect.provide(TestLayer.layer({ replies: { DeleteWebAuthnCredential: TestLayer.ok() } }))))

  it.effect("Cognito's refusal keeps its name", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(deleteWebAuthnCredential({ credentialId: "gone" }))
      assert.strictEqual(error.amplifyName, "ResourceNotFoundException")
    }).pipe(Effect.provide(TestLayer.layer({ replies: { DeleteWebAuthnCredential: TestLayer.serviceError("ResourceNotFoundException", "The credential does not exist.") } }))))

  it.effect("needs a signed-in user", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(deleteWebAuthnCredential({ credentialId: "x" }))
      assert.strictEqual(error._tag, "UserUnAuthenticatedException")
      assert.deepStrictEqual(yield* TestLayer.requests, [])
    }).pipe(Effect.provide(TestLayer.layer({ session: null }))))
})
