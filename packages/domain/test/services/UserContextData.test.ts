import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as AuthConfig from "@cognito-effect/domain/AuthConfig"
import type * as Passkey from "@cognito-effect/domain/Passkey"
import { Authenticator } from "@cognito-effect/domain/services/Authenticator"
import { ModExp, modPowBigInt } from "@cognito-effect/domain/services/ModExp"
import { SecureRandom } from "@cognito-effect/domain/services/SecureRandom"
import * as UserContextData from "@cognito-effect/domain/services/UserContextData"
import * as Srp from "@cognito-effect/domain/Srp"
import { confirmResetPassword } from "@cognito-effect/domain/steps/confirmResetPassword"
import { confirmSignIn } from "@cognito-effect/domain/steps/confirmSignIn"
import { confirmSignUp } from "@cognito-effect/domain/steps/confirmSignUp"
import { resendSignUpCode } from "@cognito-effect/domain/steps/resendSignUpCode"
import { resetPassword } from "@cognito-effect/domain/steps/resetPassword"
import { signIn } from "@cognito-effect/domain/steps/signIn"
import { signUp } from "@cognito-effect/domain/steps/signUp"
import * as TestLayer from "../steps/TestLayer.js"

const { clientId, userPoolId, sub, device } = TestLayer

/** Data that spells out what it was asked for, so a body shows which username was passed. */
const encoded = (username: string) => `ctx|${username}|${userPoolId}|${clientId}`

const collecting = Layer.succeed(UserContextData.UserContextData, {
  encodedData: (username, pool, client) => Effect.succeed(Option.some(`ctx|${username}|${pool}|${client}`))
})

const contextData = (username: string) => ({ UserContextData: { EncodedData: encoded(username) } })

const assertion: Passkey.AuthenticationResponse = {
  id: "1oG8PrTycHFuWdHAjIelCnsVx7XsrGIL44Whwr_8F8k",
  rawId: "1oG8PrTycHFuWdHAjIelCnsVx7XsrGIL44Whwr_8F8k",
  type: "public-key",
  clientExtensionResults: {},
  response: { clientDataJSON: "eyJ0eXBlIjoid2ViYXV0aG4uZ2V0In0", authenticatorData: "SZYN5YgOjGh0NBcPZHZgW4", signature: "MEUCIQDtest" }
}

const env = (options: TestLayer.Options, data: Layer.Layer<never> | typeof collecting = collecting) =>
  Layer.mergeAll(
    TestLayer.layer({ session: null, ...options }),
    ModExp.layerBigInt,
    SecureRandom.layer,
    Layer.succeed(Authenticator, { create: () => Effect.die("not used"), get: () => Effect.succeed(assertion) }),
    data
  )

const tokens = TestLayer.ok({
  ChallengeParameters: {},
  AuthenticationResult: {
    AccessToken: TestLayer.accessTokenString(),
    IdToken: TestLayer.idTokenString(),
    RefreshToken: TestLayer.refreshTokenString,
    ExpiresIn: 3600,
    TokenType: "Bearer"
  }
})

const delivery = { CodeDeliveryDetails: { Destination: "a***@e***.com", DeliveryMedium: "EMAIL", AttributeName: "email" } }

/** One pass over the seven operations: sign up, confirm, resend, reset, confirm the reset, sign in with an SMS code. */
const sevenOperations = {
  replies: {
    SignUp: TestLayer.ok({ UserConfirmed: false, UserSub: sub, ...delivery }),
    ConfirmSignUp: TestLayer.ok({}),
    ResendConfirmationCode: TestLayer.ok(delivery),
    ForgotPassword: TestLayer.ok(delivery),
    ConfirmForgotPassword: TestLayer.ok({}),
    InitiateAuth: TestLayer.ok({
      ChallengeName: "SMS_MFA",
      Session: "AYABeSmsSession",
      ChallengeParameters: { CODE_DELIVERY_DELIVERY_MEDIUM: "SMS", CODE_DELIVERY_DESTINATION: "+*******0100", USERNAME: sub }
    }),
    RespondToAuthChallenge: tokens
  }
}

const runSeven = Effect.gen(function* () {
  yield* signUp({ username: "alice@example.com", password: "Passw0rd!", options: { userAttributes: { email: "alice@example.com" } } })
  yield* confirmSignUp({ username: "alice@example.com", confirmationCode: "123456" })
  yield* resendSignUpCode({ username: "alice@example.com" })
  yield* resetPassword({ username: "alice@example.com" })
  yield* confirmResetPassword({ username: "alice@example.com", newPassword: "N3wPassw0rd!", confirmationCode: "654321" })
  yield* signIn({ username: "alice@example.com", password: "N3wPassw0rd!", options: { authFlowType: "USER_PASSWORD_AUTH" } })
  assert.deepStrictEqual(yield* confirmSignIn({ challengeResponse: "112233" }), { isSignedIn: true, nextStep: { signInStep: "DONE" } })
  return yield* TestLayer.requests
})

/** The seven bodies, each with `extra` (the typed username's data, or the active one's for the challenge answer). */
const sevenBodies = (typed: object, active: object) => [
  {
    ClientId: clientId,
    Username: "alice@example.com",
    Password: "Passw0rd!",
    UserAttributes: [{ Name: "email", Value: "alice@example.com" }],
    ...typed
  },
  { ClientId: clientId, Username: "alice@example.com", ConfirmationCode: "123456", ...typed },
  { ClientId: clientId, Username: "alice@example.com", ...typed },
  { ClientId: clientId, Username: "alice@example.com", ...typed },
  { ClientId: clientId, Username: "alice@example.com", ConfirmationCode: "654321", Password: "N3wPassw0rd!", ...typed },
  {
    AuthFlow: "USER_PASSWORD_AUTH",
    ClientId: clientId,
    AuthParameters: { USERNAME: "alice@example.com", PASSWORD: "N3wPassw0rd!" },
    ...typed
  },
  {
    ChallengeName: "SMS_MFA",
    ClientId: clientId,
    ChallengeResponses: { USERNAME: sub, SMS_MFA_CODE: "112233" },
    Session: "AYABeSmsSession",
    ...active
  }
]

/** A PASSWORD_VERIFIER challenge the client can answer (any B that is not 0 mod N). */
const passwordVerifier = (userId: string) =>
  TestLayer.ok({
    ChallengeName: "PASSWORD_VERIFIER",
    Session: "AYABePasswordVerifier",
    ChallengeParameters: {
      SALT: "5a3c",
      SRP_B: Srp.bigIntToHex(modPowBigInt(Srp.g, 0x5eed5eedn)),
      SECRET_BLOCK: "c2VjcmV0LWJsb2Nr",
      USER_ID_FOR_SRP: userId,
      USERNAME: userId
    }
  })

describe("UserContextData", () => {
  it.effect("gives no data unless a Layer provides some", () =>
    Effect.gen(function* () {
      const pool = yield* AuthConfig.userPool
      assert.deepStrictEqual(yield* UserContextData.member(pool, "alice"), {})
      assert.deepStrictEqual(
        yield* Effect.provide(UserContextData.member(pool, "alice"), collecting),
        { UserContextData: { EncodedData: encoded("alice") } }
      )
      assert.deepStrictEqual(yield* Effect.provide(UserContextData.member(pool, "alice"), UserContextData.UserContextData.layerNone), {})
    }).pipe(Effect.provide(TestLayer.layer())))

  it.effect("is sent on all seven operations, for the typed username, and for the active one in a challenge answer", () =>
    Effect.gen(function* () {
      const sent = yield* runSeven
      assert.deepStrictEqual(sent.map((request) => request.operation), [
        "SignUp",
        "ConfirmSignUp",
        "ResendConfirmationCode",
        "ForgotPassword",
        "ConfirmForgotPassword",
        "InitiateAuth",
        "RespondToAuthChallenge"
      ])
      assert.deepStrictEqual(
        sent.map((request) => request.body),
        sevenBodies(contextData("alice@example.com"), contextData(sub))
      )
    }).pipe(Effect.provide(env(sevenOperations))))

  it.effect("is left out of the same seven requests when there is no data", () =>
    Effect.gen(function* () {
      const sent = yield* runSeven
      assert.deepStrictEqual(sent.map((request) => request.body), sevenBodies({}, {}))
    }).pipe(Effect.provide(env(sevenOperations, Layer.empty))))

  it.effect("SRP: InitiateAuth for the typed username, PASSWORD_VERIFIER for USER_ID_FOR_SRP", () =>
    Effect.gen(function* () {
      yield* signIn({ username: "alice@example.com", password: "Passw0rd!" })
      const [initiate, verifier] = (yield* TestLayer.requests).map((request) => request.body as any)
      assert.deepStrictEqual(initiate, {
        AuthFlow: "USER_SRP_AUTH",
        ClientId: clientId,
        AuthParameters: { USERNAME: "alice@example.com", SRP_A: initiate.AuthParameters.SRP_A },
        ...contextData("alice@example.com")
      })
      assert.deepStrictEqual(verifier, {
        ChallengeName: "PASSWORD_VERIFIER",
        ClientId: clientId,
        ChallengeResponses: {
          USERNAME: sub,
          PASSWORD_CLAIM_SECRET_BLOCK: "c2VjcmV0LWJsb2Nr",
          TIMESTAMP: "Thu Jan 1 00:00:00 UTC 1970",
          PASSWORD_CLAIM_SIGNATURE: verifier.ChallengeResponses.PASSWORD_CLAIM_SIGNATURE
        },
        Session: "AYABePasswordVerifier",
        ...contextData(sub)
      })
    }).pipe(Effect.provide(env({ replies: { InitiateAuth: passwordVerifier(sub), RespondToAuthChallenge: tokens } }))))

  it.effect("device SRP: both DEVICE_SRP_AUTH and DEVICE_PASSWORD_VERIFIER carry it", () =>
    Effect.gen(function* () {
      yield* signIn({ username: "alice", password: "Passw0rd!", options: { authFlowType: "USER_PASSWORD_AUTH" } })
      const sent = yield* TestLayer.requests
      assert.deepStrictEqual(sent.map((request) => request.operation), ["InitiateAuth", "RespondToAuthChallenge", "RespondToAuthChallenge"])
      const [initiate, srpAuth, proof] = sent.map((request) => request.body as any)
      assert.deepStrictEqual(initiate.UserContextData, { EncodedData: encoded("alice") })
      assert.deepStrictEqual(srpAuth, {
        ChallengeName: "DEVICE_SRP_AUTH",
        ClientId: clientId,
        ChallengeResponses: { USERNAME: "alice", SRP_A: srpAuth.ChallengeResponses.SRP_A, DEVICE_KEY: device.deviceKey },
        Session: "AYABeDeviceSrp",
        ...contextData("alice")
      })
      assert.strictEqual(proof.ChallengeName, "DEVICE_PASSWORD_VERIFIER")
      assert.deepStrictEqual(proof.UserContextData, { EncodedData: encoded("alice") })
    }).pipe(
      Effect.provide(
        env({
          devices: { alice: device },
          replies: {
            InitiateAuth: TestLayer.ok({ ChallengeName: "DEVICE_SRP_AUTH", Session: "AYABeDeviceSrp", ChallengeParameters: { USERNAME: "alice" } }),
            RespondToAuthChallenge: [
              TestLayer.ok({
                ChallengeName: "DEVICE_PASSWORD_VERIFIER",
                Session: "AYABeDevicePasswordVerifier",
                ChallengeParameters: {
                  SALT: "5a3c",
                  SRP_B: Srp.bigIntToHex(modPowBigInt(Srp.g, 0x5eed5eedn)),
                  SECRET_BLOCK: "c2VjcmV0LWJsb2Nr",
                  USERNAME: "alice",
                  DEVICE_KEY: device.deviceKey
                }
              }),
              tokens
            ]
          }
        })
      )
    ))

  it.effect("custom auth: the InitiateAuth and the answer to CUSTOM_CHALLENGE", () =>
    Effect.gen(function* () {
      yield* signIn({ username: "alice@example.com", options: { authFlowType: "CUSTOM_WITHOUT_SRP" } })
      yield* confirmSignIn({ challengeResponse: "the-answer" })
      const [initiate, answer] = (yield* TestLayer.requests).map((request) => request.body)
      assert.deepStrictEqual(initiate, {
        AuthFlow: "CUSTOM_AUTH",
        ClientId: clientId,
        AuthParameters: { USERNAME: "alice@example.com" },
        ...contextData("alice@example.com")
      })
      assert.deepStrictEqual(answer, {
        ChallengeName: "CUSTOM_CHALLENGE",
        ClientId: clientId,
        ChallengeResponses: { USERNAME: sub, ANSWER: "the-answer" },
        Session: "AYABeCustom",
        ...contextData(sub)
      })
    }).pipe(
      Effect.provide(
        env({
          replies: {
            InitiateAuth: TestLayer.ok({ ChallengeName: "CUSTOM_CHALLENGE", Session: "AYABeCustom", ChallengeParameters: { USERNAME: sub } }),
            RespondToAuthChallenge: tokens
          }
        })
      )
    ))

  it.effect("passwordless: USER_AUTH with EMAIL_OTP, then the code", () =>
    Effect.gen(function* () {
      yield* signIn({ username: "alice@example.com", options: { authFlowType: "USER_AUTH", preferredChallenge: "EMAIL_OTP" } })
      yield* confirmSignIn({ challengeResponse: "12345678" })
      const [initiate, answer] = (yield* TestLayer.requests).map((request) => request.body)
      assert.deepStrictEqual(initiate, {
        AuthFlow: "USER_AUTH",
        ClientId: clientId,
        AuthParameters: { USERNAME: "alice@example.com", PREFERRED_CHALLENGE: "EMAIL_OTP" },
        ...contextData("alice@example.com")
      })
      assert.deepStrictEqual(answer, {
        ChallengeName: "EMAIL_OTP",
        ClientId: clientId,
        ChallengeResponses: { USERNAME: "alice@example.com", EMAIL_OTP_CODE: "12345678" },
        Session: "AYABeEmailOtp",
        ...contextData("alice@example.com")
      })
    }).pipe(
      Effect.provide(
        env({
          replies: {
            InitiateAuth: TestLayer.ok({
              ChallengeName: "EMAIL_OTP",
              Session: "AYABeEmailOtp",
              ChallengeParameters: { CODE_DELIVERY_DELIVERY_MEDIUM: "EMAIL", CODE_DELIVERY_DESTINATION: "a***@e***.com" }
            }),
            RespondToAuthChallenge: tokens
          }
        })
      )
    ))

  it.effect("passkeys: the WEB_AUTHN answer", () =>
    Effect.gen(function* () {
      yield* signIn({ username: "alice@example.com", options: { authFlowType: "USER_AUTH", preferredChallenge: "WEB_AUTHN" } })
      const [initiate, answer] = (yield* TestLayer.requests).map((request) => request.body)
      assert.deepStrictEqual((initiate as any).UserContextData, { EncodedData: encoded("alice@example.com") })
      assert.deepStrictEqual(answer, {
        ChallengeName: "WEB_AUTHN",
        ClientId: clientId,
        ChallengeResponses: { USERNAME: "alice@example.com", CREDENTIAL: JSON.stringify(assertion) },
        Session: "AYABeWebAuthn",
        ...contextData("alice@example.com")
      })
    }).pipe(
      Effect.provide(
        env({
          replies: {
            InitiateAuth: TestLayer.ok({
              ChallengeName: "WEB_AUTHN",
              Session: "AYABeWebAuthn",
              ChallengeParameters: { CREDENTIAL_REQUEST_OPTIONS: JSON.stringify({ challenge: "9DAxgg4vPiaxvAxc-JbMuw", rpId: "localhost" }) }
            }),
            RespondToAuthChallenge: tokens
          }
        })
      )
    ))

  it.effect("a first-factor choice answered with a password (SELECT_CHALLENGE)", () =>
    Effect.gen(function* () {
      yield* signIn({ username: "alice@example.com", options: { authFlowType: "USER_AUTH" } })
      yield* confirmSignIn({ challengeResponse: "PASSWORD" })
      yield* confirmSignIn({ challengeResponse: "Passw0rd!" })
      const [, answer] = (yield* TestLayer.requests).map((request) => request.body)
      assert.deepStrictEqual(answer, {
        ChallengeName: "SELECT_CHALLENGE",
        ClientId: clientId,
        ChallengeResponses: { USERNAME: "alice@example.com", ANSWER: "PASSWORD", PASSWORD: "Passw0rd!" },
        Session: "AYABeSelect",
        ...contextData("alice@example.com")
      })
    }).pipe(
      Effect.provide(
        env({
          replies: {
            InitiateAuth: TestLayer.ok({
              ChallengeName: "SELECT_CHALLENGE",
              Session: "AYABeSelect",
              AvailableChallenges: ["PASSWORD", "EMAIL_OTP"],
              ChallengeParameters: {}
            }),
            RespondToAuthChallenge: tokens
          }
        })
      )
    ))
})
