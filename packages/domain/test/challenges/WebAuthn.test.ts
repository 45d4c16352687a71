import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Ref from "effect/Ref"
import type * as Passkey from "@cognito-effect/domain/Passkey"
import { passkeyError } from "@cognito-effect/domain/PasskeyError"
import { Authenticator } from "@cognito-effect/domain/services/Authenticator"
import { ModExp } from "@cognito-effect/domain/services/ModExp"
import { SecureRandom } from "@cognito-effect/domain/services/SecureRandom"
import { signIn } from "@cognito-effect/domain/steps/signIn"
import * as TestLayer from "../steps/TestLayer.js"

/** Amplify's fixture `passkeyCredentialRequestOptions`, as Cognito sends it: a JSON string. */
const requestOptions =
  '{"hints":[],"attestation":"none","attestationFormats":[],"challenge":"9DAxgg4vPiaxvAxc-JbMuw","timeout":180000,"rpId":"localhost","allowCredentials":[{"id":"1oG8PrTycHFuWdHAjIelCnsVx7XsrGIL44Whwr_8F8k","type":"public-key"}],"userVerification":"required"}'

const assertion: Passkey.AuthenticationResponse = {
  id: "1oG8PrTycHFuWdHAjIelCnsVx7XsrGIL44Whwr_8F8k",
  rawId: "1oG8PrTycHFuWdHAjIelCnsVx7XsrGIL44Whwr_8F8k",
  type: "public-key",
  clientExtensionResults: {},
  authenticatorAttachment: "platform",
  response: {
    clientDataJSON: "eyJ0eXBlIjoid2ViYXV0aG4uZ2V0In0",
    authenticatorData: "SZYN5YgOjGh0NBcPZHZgW4_krrmihjLHmVzzuoMdl2MFAAAAAQ",
    signature: "MEUCIQDtest",
    userHandle: "OTRmOGU0Yjg"
  }
}

const webAuthnChallenge = TestLayer.ok({
  ChallengeName: "WEB_AUTHN",
  Session: "AYABeWebAuthnSession",
  ChallengeParameters: { CREDENTIAL_REQUEST_OPTIONS: requestOptions }
})

const tokens = TestLayer.ok({
  AuthenticationResult: { AccessToken: TestLayer.accessTokenString(), IdToken: TestLayer.idTokenString(), RefreshToken: TestLayer.refreshTokenString, ExpiresIn: 3600, TokenType: "Bearer" },
  ChallengeParameters: {}
})

/** An authenticator that records the options it was asked with and answers `answer`. */
const recording = (answer: Effect.Effect<Passkey.AuthenticationResponse, ReturnType<typeof passkeyError>>) =>
  Effect.gen(function* () {
    const asked = yield* Ref.make<ReadonlyArray<Passkey.RequestOptions>>([])
    const layer = Layer.succeed(Authenticator, {
      create: () => Effect.die("not used"),
      get: (options) => Effect.zipRight(Ref.update(asked, (all) => [...all, options]), answer)
    })
    return { asked: Ref.get(asked), layer }
  })

const environment = (replies: Record<string, TestLayer.Reply>, authenticator: Layer.Layer<Authenticator>) =>
  Layer.mergeAll(TestLayer.layer({ session: null, replies }), ModExp.layerBigInt, SecureRandom.layer, authenticator)

const passkeySignIn = { username: "alice@example.com", options: { authFlowType: "USER_AUTH", preferredChallenge: "WEB_AUTHN" } } as const

describe("WEB_AUTHN in the sign-in flow", () => {
  it.effect("runs the ceremony with the decoded options and answers CREDENTIAL as a JSON string", () =>
    Effect.gen(function* () {
      const { asked, layer } = yield* recording(Effect.succeed(assertion))
      const output = yield* signIn(passkeySignIn).pipe(
        Effect.zipLeft(
          Effect.gen(function* () {
            const sent = yield* TestLayer.requests
            assert.deepStrictEqual(sent.map((request) => request.operation), ["InitiateAuth", "RespondToAuthChallenge"])
            assert.deepStrictEqual(sent[0]!.body, {
              AuthFlow: "USER_AUTH",
              ClientId: TestLayer.clientId,
              AuthParameters: { USERNAME: "alice@example.com", PREFERRED_CHALLENGE: "WEB_AUTHN" }
            })
            assert.deepStrictEqual(sent[1]!.body, {
              ChallengeName: "WEB_AUTHN",
              ClientId: TestLayer.clientId,
              ChallengeResponses: { USERNAME: "alice@example.com", CREDENTIAL: JSON.stringify(assertion) },
              Session: "AYABeWebAuthnSession"
            })
            assert.deepStrictEqual(yield* TestLayer.events, [{ event: "signedIn", data: { username: TestLayer.username, userId: TestLayer.sub, signInDetails: { loginId: "alice@example.com", authFlowType: "USER_AUTH" } } }])
          })
        ),
        Effect.provide(environment({ InitiateAuth: webAuthnChallenge, RespondToAuthChallenge: tokens }, layer))
      )
      assert.deepStrictEqual(output, { isSignedIn: true, nextStep: { signInStep: "DONE" } })
      assert.deepStrictEqual(yield* asked, [
        {
          hints: [],
          challenge: "9DAxgg4vPiaxvAxc-JbMuw",
          timeout: 180000,
          rpId: "localhost",
          allowCredentials: [{ id: "1oG8PrTycHFuWdHAjIelCnsVx7XsrGIL44Whwr_8F8k", type: "public-key" }],
          userVerification: "required"
        }
      ])
    }))

  it.effect("a refused ceremony fails with the passkey error and sends no answer", () =>
    Effect.gen(function* () {
      const { layer } = yield* recording(Effect.fail(passkeyError("PasskeyAuthenticationCanceled")))
      const error = yield* Effect.flip(signIn(passkeySignIn)).pipe(
        Effect.tap(() => Effect.map(TestLayer.operations, (operations) => assert.deepStrictEqual(operations, ["InitiateAuth"]))),
        Effect.provide(environment({ InitiateAuth: webAuthnChallenge }, layer))
      )
      assert.strictEqual(error._tag, "PasskeyError")
      assert.strictEqual(error.amplifyName, "PasskeyAuthenticationCanceled")
    }))

  it.effect("a challenge without usable options is InvalidPasskeyAuthenticationOptions", () =>
    Effect.gen(function* () {
      const { asked, layer } = yield* recording(Effect.succeed(assertion))
      for (const parameters of [{}, { CREDENTIAL_REQUEST_OPTIONS: "{" }, { CREDENTIAL_REQUEST_OPTIONS: '{"challenge":"+/="}' }]) {
        const reply = TestLayer.ok({ ChallengeName: "WEB_AUTHN", Session: "AYABe", ChallengeParameters: parameters })
        const error = yield* Effect.flip(signIn(passkeySignIn)).pipe(Effect.provide(environment({ InitiateAuth: reply }, layer)))
        assert.strictEqual(error.amplifyName, "InvalidPasskeyAuthenticationOptions")
      }
      assert.deepStrictEqual(yield* asked, [])
    }))

  it.effect("a WEB_AUTHN answered by another WEB_AUTHN is refused, as Amplify does", () =>
    Effect.gen(function* () {
      const { layer } = yield* recording(Effect.succeed(assertion))
      const error = yield* Effect.flip(signIn(passkeySignIn)).pipe(
        Effect.provide(environment({ InitiateAuth: webAuthnChallenge, RespondToAuthChallenge: webAuthnChallenge }, layer))
      )
      assert.strictEqual(error._tag, "SignInException")
      assert.strictEqual(error.message, "Sequential WEB_AUTHN challenges returned from underlying service cannot be handled.")
    }))
})
