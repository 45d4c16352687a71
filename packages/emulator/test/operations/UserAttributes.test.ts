import { assert, describe, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { call, claimsOf, fails, makePool, makeUser, ok, srpClient, srpSignIn, TestEmulator, uniqueName } from "../Harness.js"

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

/** E-mail as user name, verified by code, and kept until a new address is verified. */
const keepsEmail = {
  UsernameAttributes: ["email"],
  AutoVerifiedAttributes: ["email"],
  UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ["email"] }
}

/** A user of a `keepsEmail` pool, signed in with their verified address. */
const signedInByEmail = () =>
  Effect.gen(function* () {
    const { userPoolId, clientId } = yield* makePool(keepsEmail)
    const email = `${uniqueName("old")}@example.com`
    yield* makeUser(userPoolId, email, password, { email_verified: "true" })
    const tokens = (yield* srpSignIn({ userPoolId, clientId, username: email, password })).body.AuthenticationResult
    return { userPoolId, clientId, email, accessToken: tokens.AccessToken as string }
  })

/** Whether a name signs in: the SRP challenge answers for a user, UserNotFoundException for nobody. */
const startsSignIn = (clientId: string, username: string) =>
  Effect.map(
    call("InitiateAuth", { AuthFlow: "USER_SRP_AUTH", ClientId: clientId, AuthParameters: { USERNAME: username, SRP_A: srpClient().srpA } }),
    (answer) => (answer.status === 200 ? answer.body.ChallengeName : answer.body.__type)
  )

const limitExceeded = ["LimitExceededException", "Attempt limit exceeded, please try after some time."] as const

const wrongCode = (code: string) => (code === "000000" ? "000001" : "000000")

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

  describe("keeping the original value until the new one is verified (AttributesRequireVerificationBeforeUpdate)", () => {
    it.effect("the verified e-mail stays, shown and signing in, until the code sent to the new address comes back", () =>
      Effect.gen(function* () {
        const emulator = yield* TestEmulator
        const { userPoolId, clientId, email, accessToken } = yield* signedInByEmail()
        const next = `${uniqueName("new")}@example.com`
        const updated = yield* ok("UpdateUserAttributes", { AccessToken: accessToken, UserAttributes: [{ Name: "email", Value: next }, { Name: "name", Value: "Ada" }] })
        assert.deepStrictEqual(updated.CodeDeliveryDetailsList, [{ Destination: "n***@e***", DeliveryMedium: "EMAIL", AttributeName: "email" }])
        const message = emulator.inbox(next, { purpose: "VERIFY_ATTRIBUTE" }).at(-1)
        assert.strictEqual(message?.destination, next)
        assert.strictEqual(message?.attributeName, "email")

        const own = attributesOf(yield* ok("GetUser", { AccessToken: accessToken }))
        assert.strictEqual(own["email"], email)
        assert.strictEqual(own["email_verified"], "true")
        assert.strictEqual(own["name"], "Ada")
        const admin = attributesOf(yield* ok("AdminGetUser", { UserPoolId: userPoolId, Username: email }))
        assert.strictEqual(admin["email"], email)
        assert.strictEqual(admin["email_verified"], "true")
        assert.notInclude(Object.values(admin), next)
        const again = (yield* srpSignIn({ userPoolId, clientId, username: email, password })).body.AuthenticationResult
        assert.strictEqual(claimsOf(again.IdToken)["email"], email)
        assert.strictEqual(yield* startsSignIn(clientId, next), "UserNotFoundException")

        assert.strictEqual((yield* fails("VerifyUserAttribute", { AccessToken: accessToken, AttributeName: "email", Code: wrongCode(message!.code) }))[0], "CodeMismatchException")
        assert.strictEqual(attributesOf(yield* ok("GetUser", { AccessToken: accessToken }))["email"], email)
        assert.deepStrictEqual(yield* ok("VerifyUserAttribute", { AccessToken: accessToken, AttributeName: "email", Code: message!.code }), {})
        const after = attributesOf(yield* ok("GetUser", { AccessToken: accessToken }))
        assert.strictEqual(after["email"], next)
        assert.strictEqual(after["email_verified"], "true")
        assert.strictEqual(yield* startsSignIn(clientId, email), "UserNotFoundException")
        assert.strictEqual((yield* srpSignIn({ userPoolId, clientId, username: next, password })).status, 200)
      }))

    it.effect("a newer update replaces the waiting value; GetUserAttributeVerificationCode sends to the waiting value", () =>
      Effect.gen(function* () {
        const emulator = yield* TestEmulator
        const { clientId, email, accessToken } = yield* signedInByEmail()
        const first = `${uniqueName("first")}@example.com`
        const second = `${uniqueName("second")}@example.com`
        yield* ok("UpdateUserAttributes", { AccessToken: accessToken, UserAttributes: [{ Name: "email", Value: first }] })
        const firstCode = emulator.latestCode(first, "VERIFY_ATTRIBUTE")!
        const replaced = yield* ok("UpdateUserAttributes", { AccessToken: accessToken, UserAttributes: [{ Name: "email", Value: second }] })
        assert.deepStrictEqual(replaced.CodeDeliveryDetailsList, [{ Destination: "s***@e***", DeliveryMedium: "EMAIL", AttributeName: "email" }])
        const secondCode = emulator.latestCode(second, "VERIFY_ATTRIBUTE")!
        if (firstCode !== secondCode) {
          assert.strictEqual((yield* fails("VerifyUserAttribute", { AccessToken: accessToken, AttributeName: "email", Code: firstCode }))[0], "CodeMismatchException")
        }
        assert.strictEqual(attributesOf(yield* ok("GetUser", { AccessToken: accessToken }))["email"], email)
        const resent = yield* ok("GetUserAttributeVerificationCode", { AccessToken: accessToken, AttributeName: "email" })
        assert.deepStrictEqual(resent.CodeDeliveryDetails, { Destination: "s***@e***", DeliveryMedium: "EMAIL", AttributeName: "email" })
        const toSecond = emulator.inbox(second, { purpose: "VERIFY_ATTRIBUTE" })
        assert.strictEqual(toSecond.length, 2)
        assert.strictEqual(emulator.inbox(email, { purpose: "VERIFY_ATTRIBUTE" }).filter((message) => message.destination === email).length, 0)
        yield* ok("VerifyUserAttribute", { AccessToken: accessToken, AttributeName: "email", Code: toSecond.at(-1)!.code })
        assert.strictEqual(attributesOf(yield* ok("GetUser", { AccessToken: accessToken }))["email"], second)
        assert.strictEqual(yield* startsSignIn(clientId, first), "UserNotFoundException")
        assert.strictEqual(yield* startsSignIn(clientId, second), "PASSWORD_VERIFIER")
      }))

    it.effect("writing the current value back abandons the waiting one and its code", () =>
      Effect.gen(function* () {
        const emulator = yield* TestEmulator
        const { email, accessToken } = yield* signedInByEmail()
        const next = `${uniqueName("new")}@example.com`
        yield* ok("UpdateUserAttributes", { AccessToken: accessToken, UserAttributes: [{ Name: "email", Value: next }] })
        const code = emulator.latestCode(next, "VERIFY_ATTRIBUTE")!
        assert.deepStrictEqual(yield* ok("UpdateUserAttributes", { AccessToken: accessToken, UserAttributes: [{ Name: "email", Value: email }] }), {})
        assert.strictEqual((yield* fails("VerifyUserAttribute", { AccessToken: accessToken, AttributeName: "email", Code: code }))[0], "CodeMismatchException")
        const user = attributesOf(yield* ok("GetUser", { AccessToken: accessToken }))
        assert.strictEqual(user["email"], email)
        assert.strictEqual(user["email_verified"], "true")
      }))

    it.effect("only the listed attributes, and only verified originals, are kept", () =>
      Effect.gen(function* () {
        const keepsPhone = {
          AutoVerifiedAttributes: ["email", "phone_number"],
          UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ["phone_number"] }
        }
        const { accessToken } = yield* signedIn(keepsPhone, {
          email: "before@example.com",
          email_verified: "true",
          phone_number: "+15555550100",
          phone_number_verified: "true"
        })
        const updated = yield* ok("UpdateUserAttributes", {
          AccessToken: accessToken,
          UserAttributes: [{ Name: "email", Value: "after@example.com" }, { Name: "phone_number", Value: "+15555550199" }]
        })
        assert.sameDeepMembers(updated.CodeDeliveryDetailsList, [
          { Destination: "a***@e***", DeliveryMedium: "EMAIL", AttributeName: "email" },
          { Destination: "+*******0199", DeliveryMedium: "SMS", AttributeName: "phone_number" }
        ])
        const user = attributesOf(yield* ok("GetUser", { AccessToken: accessToken }))
        assert.strictEqual(user["email"], "after@example.com")
        assert.strictEqual(user["email_verified"], "false")
        assert.strictEqual(user["phone_number"], "+15555550100")
        assert.strictEqual(user["phone_number_verified"], "true")

        const unverified = yield* signedIn(
          { AutoVerifiedAttributes: ["email"], UserAttributeUpdateSettings: keepsEmail.UserAttributeUpdateSettings },
          { email: "unverified@example.com" }
        )
        yield* ok("UpdateUserAttributes", { AccessToken: unverified.accessToken, UserAttributes: [{ Name: "email", Value: "replaced@example.com" }] })
        const replaced = attributesOf(yield* ok("GetUser", { AccessToken: unverified.accessToken }))
        assert.strictEqual(replaced["email"], "replaced@example.com")
        assert.strictEqual(replaced["email_verified"], "false")
      }))
  })

  describe("how often codes may be asked for", () => {
    it.effect("per attribute, UpdateUserAttributes' codes count against GetUserAttributeVerificationCode; the update itself is never refused", () =>
      Effect.gen(function* () {
        const { accessToken } = yield* signedIn(
          { AutoVerifiedAttributes: ["email"] },
          { email: "limited@example.com", email_verified: "true", phone_number: "+15555550123" }
        )
        for (let i = 0; i < 3; i++) yield* ok("GetUserAttributeVerificationCode", { AccessToken: accessToken, AttributeName: "email" })
        for (let i = 0; i < 2; i++) {
          yield* ok("UpdateUserAttributes", { AccessToken: accessToken, UserAttributes: [{ Name: "email", Value: `limited${i}@example.com` }] })
        }
        assert.deepStrictEqual(yield* fails("GetUserAttributeVerificationCode", { AccessToken: accessToken, AttributeName: "email" }), limitExceeded)
        // UpdateUserAttributes has no LimitExceededException in Cognito's API: it still applies.
        const updated = yield* ok("UpdateUserAttributes", {
          AccessToken: accessToken,
          UserAttributes: [{ Name: "email", Value: "later@example.com" }, { Name: "name", Value: "Later" }]
        })
        assert.strictEqual(updated.CodeDeliveryDetailsList[0].AttributeName, "email")
        const user = attributesOf(yield* ok("GetUser", { AccessToken: accessToken }))
        assert.strictEqual(user["email"], "later@example.com")
        assert.strictEqual(user["name"], "Later")
        assert.deepStrictEqual(yield* fails("GetUserAttributeVerificationCode", { AccessToken: accessToken, AttributeName: "email" }), limitExceeded)
        // Other attributes are not held back.
        assert.strictEqual((yield* ok("GetUserAttributeVerificationCode", { AccessToken: accessToken, AttributeName: "phone_number" })).CodeDeliveryDetails.DeliveryMedium, "SMS")
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
