import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as ClientSecret from "@cognito-effect/domain/ClientSecret"
import { CognitoClient } from "@cognito-effect/domain/services/CognitoClient"
import { confirmResetPassword } from "@cognito-effect/domain/steps/confirmResetPassword"
import { confirmSignUp } from "@cognito-effect/domain/steps/confirmSignUp"
import { fetchAuthSession } from "@cognito-effect/domain/steps/fetchAuthSession"
import { resendSignUpCode } from "@cognito-effect/domain/steps/resendSignUpCode"
import { resetPassword } from "@cognito-effect/domain/steps/resetPassword"
import { signOut } from "@cognito-effect/domain/steps/signOut"
import { signUp } from "@cognito-effect/domain/steps/signUp"
import { TokenProvider } from "@cognito-effect/domain/TokenProvider"
import * as GetUser from "@cognito-effect/domain/wire/GetUser"
import * as InitiateAuth from "@cognito-effect/domain/wire/InitiateAuth"
import * as RespondToAuthChallenge from "@cognito-effect/domain/wire/RespondToAuthChallenge"
import * as TestLayer from "./steps/TestLayer.js"

const secret = Redacted.make("clientsecret0123456789abcdefghij")
const hashFor = (username: string) => Redacted.value(ClientSecret.secretHash(secret, username, TestLayer.clientId))

/** Runs `program` with the test environment's Cognito client signing with the secret. */
const signed = <A, E, R>(program: Effect.Effect<A, E, R>) =>
  Effect.flatMap(CognitoClient, (client) =>
    Effect.provideService(program, CognitoClient, ClientSecret.signing(client, secret)))

const delivery = { CodeDeliveryDetails: { Destination: "a***@e***.com", DeliveryMedium: "EMAIL", AttributeName: "email" } }
const challenge = {
  ChallengeName: "PASSWORD_VERIFIER",
  ChallengeParameters: { USER_ID_FOR_SRP: "alice", SALT: "00", SRP_B: "01", SECRET_BLOCK: "AA==", USERNAME: "alice" },
  Session: "a".repeat(40)
}

/**
 * Runs `program` with a token provider built over the signing client (a Layer-provided service
 * keeps the client it was built with).
 */
const withSigningProvider = <A, E, R>(program: Effect.Effect<A, E, R>) =>
  program.pipe(
    Effect.provide(TokenProvider.layer),
    Effect.provide(Layer.effect(CognitoClient, Effect.map(CognitoClient, (client) => ClientSecret.signing(client, secret))))
  )

describe("ClientSecret", () => {
  it("computes the SECRET_HASH of protocol.md §5", () => {
    const hash = ClientSecret.secretHash(Redacted.make("clientsecret0123456789abcdefghij"), "alice", "1example23456789")
    assert.strictEqual(Redacted.value(hash), "5tJL5mN6zMjhVyY/GUcb2zFSkNVKUTpzViY+0OPAarQ=")
    assert.notInclude(String(hash), "5tJL5mN6")
  })

  it.effect("puts SECRET_HASH in AuthParameters and ChallengeResponses, next to USERNAME", () =>
    Effect.gen(function* () {
      yield* signed(
        Effect.flatMap(CognitoClient, (signing) =>
          Effect.zipRight(
            signing.call(InitiateAuth.operation, {
              AuthFlow: "USER_SRP_AUTH",
              ClientId: TestLayer.clientId,
              AuthParameters: { USERNAME: Redacted.make("alice"), SRP_A: Redacted.make("abc") }
            }),
            signing.call(RespondToAuthChallenge.operation, {
              ClientId: TestLayer.clientId,
              ChallengeName: "PASSWORD_VERIFIER",
              ChallengeResponses: { USERNAME: Redacted.make("alice-canonical"), PASSWORD_CLAIM_SIGNATURE: Redacted.make("sig") }
            })
          ))
      )
      const [initiate, respond] = yield* TestLayer.requests
      assert.deepStrictEqual(initiate?.body, {
        AuthFlow: "USER_SRP_AUTH",
        ClientId: TestLayer.clientId,
        AuthParameters: { USERNAME: "alice", SRP_A: "abc", SECRET_HASH: hashFor("alice") }
      })
      assert.deepStrictEqual((respond?.body as { ChallengeResponses: unknown }).ChallengeResponses, {
        USERNAME: "alice-canonical",
        PASSWORD_CLAIM_SIGNATURE: "sig",
        SECRET_HASH: hashFor("alice-canonical")
      })
    }).pipe(
      Effect.provide(
        TestLayer.layer({ replies: { InitiateAuth: TestLayer.ok(challenge), RespondToAuthChallenge: TestLayer.ok({}) } })
      )
    ))

  it.effect("adds SecretHash to the sign-up and password-reset calls, computed over their Username", () =>
    Effect.gen(function* () {
      yield* signed(signUp({ username: "bob", password: "Passw0rd!", options: { userAttributes: { email: "bob@example.com" } } }))
      yield* signed(confirmSignUp({ username: "bob", confirmationCode: "123456" }))
      yield* signed(resendSignUpCode({ username: "bob" }))
      yield* signed(resetPassword({ username: "bob" }))
      yield* signed(confirmResetPassword({ username: "bob", confirmationCode: "123456", newPassword: "N3w-passw0rd!" }))
      const sent = yield* TestLayer.requests
      assert.deepStrictEqual(sent.map((request) => request.operation), [
        "SignUp",
        "ConfirmSignUp",
        "ResendConfirmationCode",
        "ForgotPassword",
        "ConfirmForgotPassword"
      ])
      for (const request of sent) assert.strictEqual((request.body as { SecretHash?: string }).SecretHash, hashFor("bob"))
    }).pipe(
      Effect.provide(
        TestLayer.layer({
          session: null,
          replies: {
            SignUp: TestLayer.ok({ UserConfirmed: false, UserSub: "5b0f4e1c-8a4d-4d3e-9c61-0a2b3c4d5e6f", ...delivery }),
            ConfirmSignUp: TestLayer.ok({}),
            ResendConfirmationCode: TestLayer.ok(delivery),
            ForgotPassword: TestLayer.ok(delivery),
            ConfirmForgotPassword: TestLayer.ok({})
          }
        })
      )
    ))

  it.effect("sends the raw secret as ClientSecret to refresh and to revoke", () =>
    Effect.gen(function* () {
      yield* withSigningProvider(Effect.zipRight(fetchAuthSession({ forceRefresh: true }), signOut()))
      const sent = yield* TestLayer.requests
      assert.deepStrictEqual(sent.map((request) => request.operation), ["GetTokensFromRefreshToken", "RevokeToken"])
      for (const request of sent) {
        assert.strictEqual((request.body as { ClientSecret?: string }).ClientSecret, "clientsecret0123456789abcdefghij")
      }
    }).pipe(
      Effect.provide(
        TestLayer.layer({
          session: TestLayer.session({ revocable: true }),
          replies: {
            GetTokensFromRefreshToken: TestLayer.ok({
              AuthenticationResult: { AccessToken: TestLayer.accessTokenString({ revocable: true }), IdToken: TestLayer.idTokenString() }
            }),
            RevokeToken: TestLayer.ok({})
          }
        })
      )
    ))

  it.effect("leaves calls that name no user unchanged", () =>
    Effect.gen(function* () {
      yield* signed(Effect.flatMap(CognitoClient, (client) => client.call(GetUser.operation, { AccessToken: Redacted.make("token") })))
      assert.deepStrictEqual((yield* TestLayer.onlyRequest).body, { AccessToken: "token" })
    }).pipe(Effect.provide(TestLayer.layer({ replies: { GetUser: TestLayer.ok({ Username: "alice", UserAttributes: [] }) } }))))

  it.effect("is what a transport Layer becomes with ClientSecret.layer", () =>
    Effect.gen(function* () {
      const client = yield* CognitoClient
      const wrapped = yield* Effect.provide(CognitoClient, ClientSecret.layer(secret)(Layer.succeed(CognitoClient, client)))
      yield* wrapped.call(InitiateAuth.operation, {
        AuthFlow: "USER_PASSWORD_AUTH",
        ClientId: TestLayer.clientId,
        AuthParameters: { USERNAME: Redacted.make("carol"), PASSWORD: Redacted.make("pw") }
      })
      const body = (yield* TestLayer.onlyRequest).body as { AuthParameters: Record<string, string> }
      assert.strictEqual(body.AuthParameters["SECRET_HASH"], hashFor("carol"))
    }).pipe(Effect.provide(TestLayer.layer({ replies: { InitiateAuth: TestLayer.ok(challenge) } }))))
})

