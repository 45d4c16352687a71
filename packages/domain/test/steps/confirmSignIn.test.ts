import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import { CognitoServiceError } from "@cognito-effect/domain/AuthError"
import { Authenticator } from "@cognito-effect/domain/services/Authenticator"
import { ModExp } from "@cognito-effect/domain/services/ModExp"
import { SecureRandom } from "@cognito-effect/domain/services/SecureRandom"
import { type PendingSignIn, SignInStateStore } from "@cognito-effect/domain/services/SignInStateStore"
import { confirmSignIn, isDeadSession } from "@cognito-effect/domain/steps/confirmSignIn"
import * as TestLayer from "./TestLayer.js"

const pending: PendingSignIn = {
  username: TestLayer.username,
  challengeName: "SMS_MFA",
  session: Redacted.make("AYABeSession"),
  signInDetails: { loginId: TestLayer.username, authFlowType: "USER_SRP_AUTH" },
  expiresAt: Number.MAX_SAFE_INTEGER
}

const layer = (reply: TestLayer.Reply) =>
  Layer.mergeAll(
    TestLayer.layer({ session: null, pendingSignIn: pending, replies: { RespondToAuthChallenge: reply } }),
    ModExp.layerBigInt,
    SecureRandom.layer,
    Authenticator.layerUnsupported
  )

const stillPending = Effect.flatMap(SignInStateStore, (store) => Effect.map(store.load, Option.isSome))

describe("confirmSignIn at an MFA code step", () => {
  it.effect("keeps the pending sign-in after a wrong code, so the same step can be answered again", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(confirmSignIn({ challengeResponse: "000000" }))
      assert.instanceOf(error, CognitoServiceError)
      assert.strictEqual(error.amplifyName, "CodeMismatchException")
      assert.isTrue(yield* stillPending)
      assert.deepStrictEqual((yield* TestLayer.onlyRequest).body, {
        ChallengeName: "SMS_MFA",
        ClientId: TestLayer.clientId,
        ChallengeResponses: { USERNAME: TestLayer.username, SMS_MFA_CODE: "000000" },
        Session: "AYABeSession"
      })
    }).pipe(Effect.provide(layer(TestLayer.serviceError("CodeMismatchException", "Invalid code or auth state for the user.")))))

  // Regression: an expired challenge left its pending sign-in behind, so every later confirmSignIn
  // resent the dead session instead of saying that a new sign-in is needed.
  it.effect("forgets the pending sign-in when Cognito says the session is expired", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(confirmSignIn({ challengeResponse: "492039" }))
      assert.instanceOf(error, CognitoServiceError)
      assert.strictEqual(error.message, "Invalid session for the user, session is expired.")
      assert.isFalse(yield* stillPending)
      const next = yield* Effect.flip(confirmSignIn({ challengeResponse: "492039" }))
      assert.strictEqual(next.amplifyName, "SignInException")
      assert.strictEqual((yield* TestLayer.requests).length, 1)
    }).pipe(
      Effect.provide(layer(TestLayer.serviceError("NotAuthorizedException", "Invalid session for the user, session is expired.")))
    ))

  it("reads only Cognito's session refusals as a dead session", () => {
    const refusal = (exception: string, message: string) =>
      new CognitoServiceError({ exception, message, operation: "RespondToAuthChallenge", metadata: { httpStatusCode: 400 } })
    assert.isTrue(isDeadSession(refusal("NotAuthorizedException", "Invalid session for the user.")))
    assert.isTrue(isDeadSession(refusal("NotAuthorizedException", "Invalid session for the user, session is expired.")))
    assert.isFalse(isDeadSession(refusal("NotAuthorizedException", "Incorrect username or password.")))
    assert.isFalse(isDeadSession(refusal("CodeMismatchException", "Invalid session for the user.")))
  })
})
