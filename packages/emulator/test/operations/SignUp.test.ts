import { assert, describe, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as NodeCrypto from "node:crypto"
import { call, fails, makePool, ok, srpSignIn, TestEmulator, uniqueName } from "../Harness.js"

const password = "Passw0rd!"

const latestCode = (username: string) => Effect.map(TestEmulator, (emulator) => emulator.latestCode(username, "SIGN_UP")!)

const advanceClock = (hours: number) => Effect.flatMap(TestEmulator, (emulator) => Effect.sync(() => emulator.clock.adjust(`${hours} hours`)))

const emailPool = makePool({ UsernameAttributes: ["email"], AutoVerifiedAttributes: ["email"] })

layer(TestEmulator.layer())("sign-up", (it) => {
  describe("SignUp", () => {
    it.effect("creates an unconfirmed user and sends a code to the auto-verified e-mail", () =>
      Effect.gen(function* () {
        const { userPoolId, clientId } = yield* emailPool
        const email = `${uniqueName()}@example.com`
        const answer = yield* ok("SignUp", { ClientId: clientId, Username: email, Password: password, UserAttributes: [{ Name: "name", Value: "Ada" }] })
        assert.strictEqual(answer.UserConfirmed, false)
        assert.match(answer.UserSub, /^[0-9a-f-]{36}$/)
        assert.deepStrictEqual(answer.CodeDeliveryDetails, { Destination: `${email[0]}***@e***`, DeliveryMedium: "EMAIL", AttributeName: "email" })
        const user = yield* ok("AdminGetUser", { UserPoolId: userPoolId, Username: email })
        assert.strictEqual(user.Username, answer.UserSub)
        assert.strictEqual(user.UserStatus, "UNCONFIRMED")
        assert.deepInclude(user.UserAttributes, { Name: "email", Value: email })
        assert.match(yield* latestCode(email), /^\d{6}$/)
      }))

    it.effect("sends a text when the phone number is auto-verified", () =>
      Effect.gen(function* () {
        const { clientId } = yield* makePool({ AutoVerifiedAttributes: ["phone_number"] })
        const answer = yield* ok("SignUp", { ClientId: clientId, Username: uniqueName(), Password: password, UserAttributes: [{ Name: "phone_number", Value: "+15555550123" }] })
        assert.deepStrictEqual(answer.CodeDeliveryDetails, { Destination: "+*******0123", DeliveryMedium: "SMS", AttributeName: "phone_number" })
      }))

    it.effect("without auto-verified attributes no code is sent", () =>
      Effect.gen(function* () {
        const { clientId } = yield* makePool()
        const answer = yield* ok("SignUp", { ClientId: clientId, Username: uniqueName(), Password: password })
        assert.isUndefined(answer.CodeDeliveryDetails)
      }))

    it.effect("refuses a taken user name, a taken e-mail user name, a weak password and missing required attributes", () =>
      Effect.gen(function* () {
        const { clientId } = yield* makePool({ Schema: [{ Name: "email", Required: true }] })
        const username = uniqueName()
        yield* ok("SignUp", { ClientId: clientId, Username: username, Password: password, UserAttributes: [{ Name: "email", Value: "a@example.com" }] })
        assert.deepStrictEqual(
          yield* fails("SignUp", { ClientId: clientId, Username: username.toUpperCase(), Password: password, UserAttributes: [{ Name: "email", Value: "b@example.com" }] }),
          ["UsernameExistsException", "User already exists"]
        )
        assert.deepStrictEqual(
          yield* fails("SignUp", { ClientId: clientId, Username: uniqueName(), Password: "password", UserAttributes: [{ Name: "email", Value: "c@example.com" }] }),
          ["InvalidPasswordException", "Password did not conform with policy: Password must have uppercase characters"]
        )
        assert.deepStrictEqual(
          yield* fails("SignUp", { ClientId: clientId, Username: uniqueName(), Password: "Sh0rt!" }),
          ["InvalidPasswordException", "Password did not conform with policy: Password not long enough"]
        )
        const [type, message] = yield* fails("SignUp", { ClientId: clientId, Username: uniqueName(), Password: password })
        assert.strictEqual(type, "InvalidParameterException")
        assert.include(message, "email: The attribute is required")
        const email = yield* emailPool
        const taken = `${uniqueName()}@example.com`
        yield* ok("SignUp", { ClientId: email.clientId, Username: taken, Password: password })
        assert.deepStrictEqual(yield* fails("SignUp", { ClientId: email.clientId, Username: taken, Password: password }), [
          "UsernameExistsException",
          "An account with the given email already exists."
        ])
        assert.deepStrictEqual(yield* fails("SignUp", { ClientId: email.clientId, Username: "not-an-email", Password: password }), [
          "InvalidParameterException",
          "Username should be an email."
        ])
      }))

    it.effect("refuses unknown and malformed attributes, and writes the client may not make", () =>
      Effect.gen(function* () {
        const { clientId } = yield* makePool()
        const [unknown] = yield* fails("SignUp", { ClientId: clientId, Username: uniqueName(), Password: password, UserAttributes: [{ Name: "shoe_size", Value: "44" }] })
        assert.strictEqual(unknown, "InvalidParameterException")
        assert.deepStrictEqual(
          yield* fails("SignUp", { ClientId: clientId, Username: uniqueName(), Password: password, UserAttributes: [{ Name: "email", Value: "nope" }] }),
          ["InvalidParameterException", "Invalid email address format."]
        )
        assert.deepStrictEqual(
          yield* fails("SignUp", { ClientId: clientId, Username: uniqueName(), Password: password, UserAttributes: [{ Name: "email_verified", Value: "true" }] }),
          ["NotAuthorizedException", "A client attempted to write unauthorized attribute"]
        )
      }))

    it.effect("needs SecretHash when the client has a secret", () =>
      Effect.gen(function* () {
        const { clientId, client } = yield* makePool({}, { GenerateSecret: true })
        const username = uniqueName()
        assert.strictEqual((yield* fails("SignUp", { ClientId: clientId, Username: username, Password: password }))[0], "NotAuthorizedException")
        const hash = NodeCrypto.createHmac("sha256", client.ClientSecret).update(username + clientId).digest("base64")
        yield* ok("SignUp", { ClientId: clientId, Username: username, Password: password, SecretHash: hash })
      }))
  })

  describe("ConfirmSignUp", () => {
    it.effect("the code confirms the user and verifies the e-mail; then sign-in works", () =>
      Effect.gen(function* () {
        const { userPoolId, clientId } = yield* emailPool
        const email = `${uniqueName()}@example.com`
        yield* ok("SignUp", { ClientId: clientId, Username: email, Password: password })
        assert.deepStrictEqual(yield* ok("ConfirmSignUp", { ClientId: clientId, Username: email, ConfirmationCode: yield* latestCode(email) }), {})
        const user = yield* ok("AdminGetUser", { UserPoolId: userPoolId, Username: email })
        assert.strictEqual(user.UserStatus, "CONFIRMED")
        assert.deepInclude(user.UserAttributes, { Name: "email_verified", Value: "true" })
        assert.strictEqual((yield* srpSignIn({ userPoolId, clientId, username: email, password })).status, 200)
      }))

    it.effect("a wrong code is CodeMismatchException; a code is single use", () =>
      Effect.gen(function* () {
        const { clientId } = yield* emailPool
        const email = `${uniqueName()}@example.com`
        yield* ok("SignUp", { ClientId: clientId, Username: email, Password: password })
        const code = yield* latestCode(email)
        const wrong = code === "000000" ? "000001" : "000000"
        assert.deepStrictEqual(yield* fails("ConfirmSignUp", { ClientId: clientId, Username: email, ConfirmationCode: wrong }), [
          "CodeMismatchException",
          "Invalid verification code provided, please try again."
        ])
        yield* ok("ConfirmSignUp", { ClientId: clientId, Username: email, ConfirmationCode: code })
        // Not a byte-identical retry (members reordered): the code is spent and the user confirmed.
        assert.deepStrictEqual(yield* fails("ConfirmSignUp", { ConfirmationCode: code, Username: email, ClientId: clientId }), [
          "NotAuthorizedException",
          "User cannot be confirmed. Current status is CONFIRMED"
        ])
      }))

    it.effect("an identical retry after success gets the same success", () =>
      Effect.gen(function* () {
        const { clientId } = yield* emailPool
        const email = `${uniqueName()}@example.com`
        yield* ok("SignUp", { ClientId: clientId, Username: email, Password: password })
        const request = { ClientId: clientId, Username: email, ConfirmationCode: yield* latestCode(email) }
        assert.deepStrictEqual(yield* ok("ConfirmSignUp", request), {})
        assert.deepStrictEqual(yield* ok("ConfirmSignUp", request), {})
      }))

    it.effect("a resent code replaces the old one", () =>
      Effect.gen(function* () {
        const { clientId } = yield* emailPool
        const email = `${uniqueName()}@example.com`
        yield* ok("SignUp", { ClientId: clientId, Username: email, Password: password })
        const first = yield* latestCode(email)
        const resent = yield* ok("ResendConfirmationCode", { ClientId: clientId, Username: email })
        assert.strictEqual(resent.CodeDeliveryDetails.DeliveryMedium, "EMAIL")
        const second = yield* latestCode(email)
        if (first !== second) {
          assert.strictEqual((yield* fails("ConfirmSignUp", { ClientId: clientId, Username: email, ConfirmationCode: first }))[0], "CodeMismatchException")
        }
        yield* ok("ConfirmSignUp", { ClientId: clientId, Username: email, ConfirmationCode: second })
      }))

    it.effect("codes expire after 24 hours", () =>
      Effect.gen(function* () {
        const { clientId } = yield* emailPool
        const email = `${uniqueName()}@example.com`
        yield* ok("SignUp", { ClientId: clientId, Username: email, Password: password })
        const code = yield* latestCode(email)
        yield* advanceClock(25)
        assert.deepStrictEqual(yield* fails("ConfirmSignUp", { ClientId: clientId, Username: email, ConfirmationCode: code }), [
          "ExpiredCodeException",
          "Invalid code provided, please request a code again."
        ])
      }))

    it.effect("five wrong codes discard the code", () =>
      Effect.gen(function* () {
        const { clientId } = yield* emailPool
        const email = `${uniqueName()}@example.com`
        yield* ok("SignUp", { ClientId: clientId, Username: email, Password: password })
        const code = yield* latestCode(email)
        for (let i = 0; i < 5; i++) {
          const wrong = String((Number(code) + 1 + i) % 1_000_000).padStart(6, "0")
          yield* fails("ConfirmSignUp", { ClientId: clientId, Username: email, ConfirmationCode: wrong })
        }
        assert.strictEqual((yield* fails("ConfirmSignUp", { ClientId: clientId, Username: email, ConfirmationCode: code }))[0], "CodeMismatchException")
      }))

    it.effect("unknown users: UserNotFoundException, or CodeMismatchException when the client hides users", () =>
      Effect.gen(function* () {
        const legacy = yield* makePool()
        assert.strictEqual((yield* fails("ConfirmSignUp", { ClientId: legacy.clientId, Username: "ghost", ConfirmationCode: "123456" }))[0], "UserNotFoundException")
        const hidden = yield* makePool({}, { PreventUserExistenceErrors: "ENABLED" })
        assert.strictEqual((yield* fails("ConfirmSignUp", { ClientId: hidden.clientId, Username: "ghost", ConfirmationCode: "123456" }))[0], "CodeMismatchException")
        const simulated = yield* ok("ResendConfirmationCode", { ClientId: hidden.clientId, Username: "ghost@example.com" })
        assert.strictEqual(simulated.CodeDeliveryDetails.DeliveryMedium, "EMAIL")
      }))
  })

  describe("ResendConfirmationCode", () => {
    it.effect("more than five resends in an hour is LimitExceededException; the sign-up's own code does not count", () =>
      Effect.gen(function* () {
        const emulator = yield* TestEmulator
        const { clientId } = yield* emailPool
        const email = `${uniqueName()}@example.com`
        yield* ok("SignUp", { ClientId: clientId, Username: email, Password: password })
        for (let i = 0; i < 5; i++) yield* ok("ResendConfirmationCode", { ClientId: clientId, Username: email })
        assert.deepStrictEqual(yield* fails("ResendConfirmationCode", { ClientId: clientId, Username: email }), [
          "LimitExceededException",
          "Attempt limit exceeded, please try after some time."
        ])
        assert.strictEqual(emulator.inbox(email, { purpose: "SIGN_UP" }).length, 6)
        yield* ok("ConfirmSignUp", { ClientId: clientId, Username: email, ConfirmationCode: yield* latestCode(email) })
      }))


    it.effect("refuses confirmed users", () =>
      Effect.gen(function* () {
        const { clientId } = yield* emailPool
        const email = `${uniqueName()}@example.com`
        yield* ok("SignUp", { ClientId: clientId, Username: email, Password: password })
        yield* ok("ConfirmSignUp", { ClientId: clientId, Username: email, ConfirmationCode: yield* latestCode(email) })
        assert.deepStrictEqual(yield* fails("ResendConfirmationCode", { ClientId: clientId, Username: email }), [
          "InvalidParameterException",
          "User is already confirmed."
        ])
      }))

    it.effect("SignUp is refused when only admins may create users", () =>
      Effect.gen(function* () {
        const { clientId } = yield* makePool({ AdminCreateUserConfig: { AllowAdminCreateUserOnly: true } })
        const answer = yield* call("SignUp", { ClientId: clientId, Username: uniqueName(), Password: password })
        assert.strictEqual(answer.body.__type, "NotAuthorizedException")
      }))
  })
})
