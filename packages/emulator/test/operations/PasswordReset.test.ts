import { assert, describe, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { call, fails, makePool, makeUser, ok, srpSignIn, TestEmulator, uniqueName } from "../Harness.js"

const password = "Passw0rd!"
const latest = (username: string) => Effect.map(TestEmulator, (emulator) => emulator.latestCode(username, "FORGOT_PASSWORD")!)

layer(TestEmulator.layer())("password reset", (it) => {
  describe("ForgotPassword / ConfirmForgotPassword", () => {
    it.effect("a code to the verified e-mail sets a new password", () =>
      Effect.gen(function* () {
        const { userPoolId, clientId } = yield* makePool()
        const username = uniqueName()
        yield* makeUser(userPoolId, username, password, { email: `${username}@example.com`, email_verified: "true" })
        const sent = yield* ok("ForgotPassword", { ClientId: clientId, Username: username })
        assert.deepStrictEqual(sent.CodeDeliveryDetails, { Destination: `${username[0]}***@e***`, DeliveryMedium: "EMAIL", AttributeName: "email" })
        const code = yield* latest(username)
        assert.strictEqual((yield* fails("ConfirmForgotPassword", { ClientId: clientId, Username: username, ConfirmationCode: code, Password: "weak" }))[0], "InvalidPasswordException")
        assert.deepStrictEqual(yield* ok("ConfirmForgotPassword", { ClientId: clientId, Username: username, ConfirmationCode: code, Password: "N3w-Passw0rd" }), {})
        assert.strictEqual((yield* srpSignIn({ userPoolId, clientId, username, password: "N3w-Passw0rd" })).status, 200)
        assert.strictEqual((yield* srpSignIn({ userPoolId, clientId, username, password })).body.__type, "NotAuthorizedException")
        // The code is spent.
        assert.strictEqual((yield* fails("ConfirmForgotPassword", { Username: username, ClientId: clientId, ConfirmationCode: code, Password: "An0ther-one" }))[0], "CodeMismatchException")
      }))

    it.effect("after AdminResetUserPassword the reset code brings the user back to CONFIRMED", () =>
      Effect.gen(function* () {
        const emulator = yield* TestEmulator
        const { userPoolId, clientId } = yield* makePool()
        const username = uniqueName()
        yield* makeUser(userPoolId, username, password, { email: `${username}@example.com`, email_verified: "true" })
        yield* ok("AdminResetUserPassword", { UserPoolId: userPoolId, Username: username })
        const code = emulator.latestCode(username, "RESET_PASSWORD")!
        yield* ok("ConfirmForgotPassword", { ClientId: clientId, Username: username, ConfirmationCode: code, Password: "N3w-Passw0rd" })
        assert.strictEqual((yield* ok("AdminGetUser", { UserPoolId: userPoolId, Username: username })).UserStatus, "CONFIRMED")
      }))

    it.effect("without a verified e-mail or phone there is nowhere to send a code", () =>
      Effect.gen(function* () {
        const { userPoolId, clientId } = yield* makePool()
        const username = uniqueName()
        yield* makeUser(userPoolId, username, password, { email: `${username}@example.com` })
        assert.strictEqual((yield* fails("ForgotPassword", { ClientId: clientId, Username: username }))[0], "InvalidParameterException")
        const adminOnly = yield* makePool({ AccountRecoverySetting: { RecoveryMechanisms: [{ Name: "admin_only", Priority: 1 }] } })
        yield* makeUser(adminOnly.userPoolId, username, password, { email: `${username}@example.com`, email_verified: "true" })
        assert.strictEqual((yield* fails("ForgotPassword", { ClientId: adminOnly.clientId, Username: username }))[0], "NotAuthorizedException")
      }))

    it.effect("unknown users: UserNotFoundException, or a simulated delivery when the client hides users", () =>
      Effect.gen(function* () {
        const legacy = yield* makePool()
        assert.strictEqual((yield* fails("ForgotPassword", { ClientId: legacy.clientId, Username: "ghost" }))[0], "UserNotFoundException")
        const hidden = yield* makePool({}, { PreventUserExistenceErrors: "ENABLED" })
        const simulated = yield* call("ForgotPassword", { ClientId: hidden.clientId, Username: "ghost@example.com" })
        assert.strictEqual(simulated.status, 200)
        assert.strictEqual((yield* fails("ConfirmForgotPassword", { ClientId: hidden.clientId, Username: "ghost", ConfirmationCode: "123456", Password: password }))[0], "CodeMismatchException")
      }))

    it.effect("more than five codes in a rolling hour is LimitExceededException, per user", () =>
      Effect.gen(function* () {
        const emulator = yield* TestEmulator
        const { userPoolId, clientId } = yield* makePool()
        const username = uniqueName()
        const other = uniqueName()
        yield* makeUser(userPoolId, username, password, { email: `${username}@example.com`, email_verified: "true" })
        yield* makeUser(userPoolId, other, password, { email: `${other}@example.com`, email_verified: "true" })
        const forgot = { ClientId: clientId, Username: username }
        const sent = () => emulator.inbox(username, { purpose: "FORGOT_PASSWORD" }).length
        for (let i = 0; i < 3; i++) yield* ok("ForgotPassword", forgot)
        yield* Effect.sync(() => emulator.clock.adjust("30 minutes"))
        for (let i = 0; i < 2; i++) yield* ok("ForgotPassword", forgot)
        assert.deepStrictEqual(yield* fails("ForgotPassword", forgot), ["LimitExceededException", "Attempt limit exceeded, please try after some time."])
        assert.strictEqual(sent(), 5)
        yield* ok("ForgotPassword", { ClientId: clientId, Username: other })
        // The code sent last still works.
        yield* ok("ConfirmForgotPassword", { ...forgot, ConfirmationCode: yield* latest(username), Password: "N3w-Passw0rd" })

        // Thirty-one minutes on, the first three requests are more than an hour old.
        yield* Effect.sync(() => emulator.clock.adjust("31 minutes"))
        for (let i = 0; i < 3; i++) yield* ok("ForgotPassword", forgot)
        assert.strictEqual((yield* fails("ForgotPassword", forgot))[0], "LimitExceededException")
        assert.strictEqual(sent(), 8)
      }))
  })
})
