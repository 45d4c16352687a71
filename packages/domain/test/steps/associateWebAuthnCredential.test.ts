import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Ref from "effect/Ref"
import type * as Passkey from "@cognito-effect/domain/Passkey"
import { type PasskeyError, passkeyError } from "@cognito-effect/domain/PasskeyError"
import { Authenticator } from "@cognito-effect/domain/services/Authenticator"
import { associateWebAuthnCredential } from "@cognito-effect/domain/steps/associateWebAuthnCredential"
import * as TestLayer from "./TestLayer.js"

/** Amplify's fixture of StartWebAuthnRegistration's answer (a JSON object, not a string). */
const creationOptions = {
  rp: { id: "localhost", name: "localhost" },
  user: { id: "M2M0NjMyMGItNzAxMS00ZmY1LWE3OTEtMGFkNjE0NjE3ZGZm", name: "james", displayName: "" },
  challenge: "zsBch6DlNLUb6SgRdzHysw",
  pubKeyCredParams: [
    { type: "public-key", alg: -7 },
    { type: "public-key", alg: -257 }
  ],
  timeout: 60000,
  excludeCredentials: [{ type: "public-key", id: "M1VkZ3JJeDRHMnJ0RW1aR0pkMGotU2dCRmJIdVI3c2FqRXI4OG5LVkl2bw" }],
  authenticatorSelection: { requireResidentKey: true, residentKey: "required", userVerification: "required" }
}

const registration: Passkey.RegistrationResponse = {
  id: "vJCit9S2cglAvvW1txQ-OQ",
  rawId: "vJCit9S2cglAvvW1txQ-OQ",
  type: "public-key",
  clientExtensionResults: {},
  authenticatorAttachment: "platform",
  response: {
    clientDataJSON: "eyJ0eXBlIjoid2ViYXV0aG4uY3JlYXRlIn0",
    attestationObject: "o2NmbXRkbm9uZWdhdHRTdG10oGhhdXRoRGF0YVg",
    transports: ["internal", "hybrid"],
    publicKeyAlgorithm: -7,
    authenticatorData: "SZYN5YgOjGh0NBcPZHZgW4_krrmihjLHmVzzuoMdl2NFAAAAAA"
  }
}

const authenticator = (answer: Effect.Effect<Passkey.RegistrationResponse, PasskeyError>) =>
  Effect.gen(function* () {
    const asked = yield* Ref.make<ReadonlyArray<Passkey.CreationOptions>>([])
    const layer = Layer.succeed(Authenticator, {
      create: (options) => Effect.zipRight(Ref.update(asked, (all) => [...all, options]), answer),
      get: () => Effect.die("not used")
    })
    return { asked: Ref.get(asked), layer }
  })

const environment = (options: TestLayer.Options, layer: Layer.Layer<Authenticator>) => Layer.merge(TestLayer.layer(options), layer)

describe("associateWebAuthnCredential", () => {
  it.effect("starts, hands the options to the authenticator, completes with its credential as a JSON object", () =>
    Effect.gen(function* () {
      const { asked, layer } = yield* authenticator(Effect.succeed(registration))
      yield* Effect.gen(function* () {
        assert.isUndefined(yield* associateWebAuthnCredential())
        const sent = yield* TestLayer.requests
        assert.deepStrictEqual(sent.map((request) => [request.operation, request.body]), [
          ["StartWebAuthnRegistration", { AccessToken: TestLayer.accessTokenString() }],
          ["CompleteWebAuthnRegistration", { AccessToken: TestLayer.accessTokenString(), Credential: registration }]
        ])
      }).pipe(
        Effect.provide(
          environment(
            { replies: { StartWebAuthnRegistration: TestLayer.ok({ CredentialCreationOptions: creationOptions }), CompleteWebAuthnRegistration: TestLayer.ok() } },
            layer
          )
        )
      )
      assert.deepStrictEqual(yield* asked, [creationOptions])
    }))

  it.effect("options Amplify could not use are InvalidPasskeyRegistrationOptions, and nothing is completed", () =>
    Effect.gen(function* () {
      const { asked, layer } = yield* authenticator(Effect.succeed(registration))
      for (const broken of [{}, { ...creationOptions, user: undefined }, { ...creationOptions, challenge: "not+base64url" }]) {
        const error = yield* Effect.flip(associateWebAuthnCredential()).pipe(
          Effect.tap(() => Effect.map(TestLayer.operations, (operations) => assert.deepStrictEqual(operations, ["StartWebAuthnRegistration"]))),
          Effect.provide(environment({ replies: { StartWebAuthnRegistration: TestLayer.ok({ CredentialCreationOptions: broken }) } }, layer))
        )
        assert.strictEqual(error.amplifyName, "InvalidPasskeyRegistrationOptions")
      }
      assert.deepStrictEqual(yield* asked, [])
    }))

  it.effect("a refused ceremony keeps its passkey error name and completes nothing", () =>
    Effect.gen(function* () {
      const { layer } = yield* authenticator(Effect.fail(passkeyError("PasskeyRegistrationCanceled")))
      const error = yield* Effect.flip(associateWebAuthnCredential()).pipe(
        Effect.tap(() => Effect.map(TestLayer.operations, (operations) => assert.deepStrictEqual(operations, ["StartWebAuthnRegistration"]))),
        Effect.provide(environment({ replies: { StartWebAuthnRegistration: TestLayer.ok({ CredentialCreationOptions: creationOptions }) } }, layer))
      )
      assert.strictEqual(error.amplifyName, "PasskeyRegistrationCanceled")
    }))

  it.effect("needs a signed-in user and sends nothing otherwise", () =>
    Effect.gen(function* () {
      const { layer } = yield* authenticator(Effect.succeed(registration))
      const error = yield* Effect.flip(associateWebAuthnCredential()).pipe(
        Effect.tap(() => Effect.map(TestLayer.requests, (sent) => assert.deepStrictEqual(sent, []))),
        Effect.provide(environment({ session: null }, layer))
      )
      assert.strictEqual(error.amplifyName, "UserUnAuthenticatedException")
    }))
})
