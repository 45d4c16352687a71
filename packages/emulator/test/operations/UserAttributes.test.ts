import { assert, describe, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { fails, makePool, makeUser, ok, srpSignIn, TestEmulator, uniqueName } from "../Harness.js"

const password = "Passw0rd!"

const signedIn = (pool: Record<string, unknown> = {}, attributes: Record<string, string> = {}) =>
  Effect.gen(function* () {
    const { userPoolId, clientId } = yield* makePool(pool)
    const username = uniqueName()
    yield* makeUser(userPoolId, username, password, attributes)
    const tokens = (yield* srpSignIn({ userPoolId, clientId, username, password })).body.AuthenticationResult
    return { userPoolId, clientId, username, accessToken: tokens.AccessToken as string }
  })

const attributesOf = (user: { UserAttributes: ReadonlyArray<{ Name: string; Value: string }> }) =>
  Object.fromEntries(user.UserAttributes.map((a) => [a.Name, a.Value]))

layer(TestEmulator.layer())("user attributes", (it) => {
  describe("UpdateUserAttributes / VerifyUserAttribute", () => {
    it.effect("a new e-mail is unverified until its code comes back", () =>
      Effect.gen(function* () {
        const emulator = yield* TestEmulator
        const { username, accessToken } = yield* signedIn({ AutoVerifiedAttributes: ["email"] }, { email: "old@example.com", email_verified: "true" })
        const updated = yield* ok("UpdateUserAttributes", { AccessToken: accessToken, UserAttributes: [{ Name: "email", Value: "new@example.com" }, { Name: "name", Value: "Ada" }] })
        assert.deepStrictEqual(updated.CodeDeliveryDetailsList, [{ Destination: "n***@e***", DeliveryMedium: "EMAIL", AttributeName: "email" }])
        assert.strictEqual(attributesOf(yield* ok("GetUser", { AccessToken: accessToken }))["email_verified"], "false")
        const code = emulator.latestCode(username, "VERIFY_ATTRIBUTE")!
        assert.strictEqual((yield* fails("VerifyUserAttribute", { AccessToken: accessToken, AttributeName: "email", Code: code === "000000" ? "000001" : "000000" }))[0], "CodeMismatchException")
        assert.deepStrictEqual(yield* ok("VerifyUserAttribute", { AccessToken: accessToken, AttributeName: "email", Code: code }), {})
        const user = attributesOf(yield* ok("GetUser", { AccessToken: accessToken }))
        assert.strictEqual(user["email"], "new@example.com")
        assert.strictEqual(user["email_verified"], "true")
        assert.strictEqual(user["name"], "Ada")
      }))

    it.effect("GetUserAttributeVerificationCode sends a fresh code", () =>
      Effect.gen(function* () {
        const emulator = yield* TestEmulator
        const { username, accessToken } = yield* signedIn({}, { phone_number: "+15555550142" })
        const sent = yield* ok("GetUserAttributeVerificationCode", { AccessToken: accessToken, AttributeName: "phone_number" })
        assert.strictEqual(sent.CodeDeliveryDetails.DeliveryMedium, "SMS")
        yield* ok("VerifyUserAttribute", { AccessToken: accessToken, AttributeName: "phone_number", Code: emulator.latestCode(username, "VERIFY_ATTRIBUTE") })
        assert.strictEqual(attributesOf(yield* ok("GetUser", { AccessToken: accessToken }))["phone_number_verified"], "true")
        assert.strictEqual((yield* fails("GetUserAttributeVerificationCode", { AccessToken: accessToken, AttributeName: "name" }))[0], "InvalidParameterException")
      }))

    it.effect("clients may not write service-managed attributes", () =>
      Effect.gen(function* () {
        const { accessToken } = yield* signedIn()
        assert.deepStrictEqual(yield* fails("UpdateUserAttributes", { AccessToken: accessToken, UserAttributes: [{ Name: "email_verified", Value: "true" }] }), [
          "NotAuthorizedException",
          "A client attempted to write unauthorized attribute"
        ])
      }))
  })

  describe("DeleteUserAttributes", () => {
    it.effect("removes optional attributes, refuses required ones", () =>
      Effect.gen(function* () {
        const { accessToken } = yield* signedIn({ Schema: [{ Name: "given_name", Required: true }] }, { given_name: "G", nickname: "N" })
        yield* ok("DeleteUserAttributes", { AccessToken: accessToken, UserAttributeNames: ["nickname"] })
        assert.notProperty(attributesOf(yield* ok("GetUser", { AccessToken: accessToken })), "nickname")
        assert.strictEqual((yield* fails("DeleteUserAttributes", { AccessToken: accessToken, UserAttributeNames: ["given_name"] }))[0], "InvalidParameterException")
        assert.strictEqual((yield* fails("DeleteUserAttributes", { AccessToken: accessToken, UserAttributeNames: ["sub"] }))[0], "InvalidParameterException")
      }))
  })

  describe("ChangePassword / DeleteUser", () => {
    it.effect("ChangePassword needs the previous password", () =>
      Effect.gen(function* () {
        const { userPoolId, clientId, username, accessToken } = yield* signedIn()
        assert.deepStrictEqual(yield* fails("ChangePassword", { AccessToken: accessToken, PreviousPassword: "Wrong0rd!", ProposedPassword: "N3w-Passw0rd" }), [
          "NotAuthorizedException",
          "Incorrect username or password."
        ])
        assert.strictEqual((yield* fails("ChangePassword", { AccessToken: accessToken, PreviousPassword: password, ProposedPassword: "short" }))[0], "InvalidPasswordException")
        assert.deepStrictEqual(yield* ok("ChangePassword", { AccessToken: accessToken, PreviousPassword: password, ProposedPassword: "N3w-Passw0rd" }), {})
        assert.strictEqual((yield* srpSignIn({ userPoolId, clientId, username, password: "N3w-Passw0rd" })).status, 200)
      }))

    it.effect("DeleteUser removes the user and ends the session", () =>
      Effect.gen(function* () {
        const { userPoolId, username, accessToken } = yield* signedIn()
        assert.deepStrictEqual(yield* ok("DeleteUser", { AccessToken: accessToken }), {})
        assert.strictEqual((yield* fails("GetUser", { AccessToken: accessToken }))[0], "NotAuthorizedException")
        assert.strictEqual((yield* fails("AdminGetUser", { UserPoolId: userPoolId, Username: username }))[0], "UserNotFoundException")
      }))
  })
})
