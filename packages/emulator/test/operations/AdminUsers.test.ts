import { assert, describe, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { call, claimsOf, fails, makePool, makeUser, ok, srpClient, srpSignIn, TestEmulator, uniqueName } from "../Harness.js"

const password = "Passw0rd!"

const attributesOf = (list: ReadonlyArray<{ Name: string; Value: string }>) => Object.fromEntries(list.map((a) => [a.Name, a.Value]))

layer(TestEmulator.layer())("admin user operations", (it) => {
  describe("AdminCreateUser", () => {
    it.effect("a temporary password leads to NEW_PASSWORD_REQUIRED, then a new password signs in", () =>
      Effect.gen(function* () {
        const emulator = yield* TestEmulator
        const { userPoolId, clientId } = yield* makePool({ Schema: [{ Name: "name", Required: true }] })
        const username = uniqueName()
        const created = yield* ok("AdminCreateUser", {
          UserPoolId: userPoolId,
          Username: username,
          TemporaryPassword: "Temp0rary!",
          DesiredDeliveryMediums: ["EMAIL"],
          UserAttributes: [{ Name: "email", Value: `${username}@example.com` }, { Name: "name", Value: "Temp" }]
        })
        assert.strictEqual(created.User.Username, username)
        assert.strictEqual(created.User.UserStatus, "FORCE_CHANGE_PASSWORD")
        assert.strictEqual(created.User.Enabled, true)
        assert.isNumber(created.User.UserCreateDate)
        assert.strictEqual(emulator.latestCode(username, "TEMPORARY_PASSWORD"), "Temp0rary!")
        const challenge = (yield* srpSignIn({ userPoolId, clientId, username, password: "Temp0rary!" })).body
        assert.strictEqual(challenge.ChallengeName, "NEW_PASSWORD_REQUIRED")
        assert.isString(challenge.Session)
        assert.strictEqual(challenge.ChallengeParameters.USER_ID_FOR_SRP, username)
        assert.deepStrictEqual(JSON.parse(challenge.ChallengeParameters.requiredAttributes), [])
        assert.strictEqual(JSON.parse(challenge.ChallengeParameters.userAttributes).name, "Temp")
        const weak = yield* fails("RespondToAuthChallenge", {
          ChallengeName: "NEW_PASSWORD_REQUIRED",
          ClientId: clientId,
          Session: challenge.Session,
          ChallengeResponses: { USERNAME: username, NEW_PASSWORD: "weak" }
        })
        assert.strictEqual(weak[0], "InvalidPasswordException")
        // The session was spent by the refused answer: sign in again.
        const again = (yield* srpSignIn({ userPoolId, clientId, username, password: "Temp0rary!" })).body
        const done = yield* ok("RespondToAuthChallenge", {
          ChallengeName: "NEW_PASSWORD_REQUIRED",
          ClientId: clientId,
          Session: again.Session,
          ChallengeResponses: { USERNAME: username, NEW_PASSWORD: password, "userAttributes.name": "Ada" }
        })
        assert.strictEqual(claimsOf(done.AuthenticationResult.IdToken)["name"], "Ada")
        const user = yield* ok("AdminGetUser", { UserPoolId: userPoolId, Username: username })
        assert.strictEqual(user.UserStatus, "CONFIRMED")
        assert.strictEqual((yield* srpSignIn({ userPoolId, clientId, username, password })).status, 200)
      }))

    it.effect("NEW_PASSWORD_REQUIRED lists missing required attributes and insists on them", () =>
      Effect.gen(function* () {
        const { userPoolId, clientId } = yield* makePool({ Schema: [{ Name: "given_name", Required: true }] })
        const username = uniqueName()
        // An admin may create a user without a required attribute; the user supplies it.
        yield* ok("AdminCreateUser", { UserPoolId: userPoolId, Username: username, TemporaryPassword: "Temp0rary!", MessageAction: "SUPPRESS" })
        const signIn = () =>
          ok("InitiateAuth", { AuthFlow: "USER_PASSWORD_AUTH", ClientId: clientId, AuthParameters: { USERNAME: username, PASSWORD: "Temp0rary!" } })
        const challenge = yield* signIn()
        assert.strictEqual(challenge.ChallengeName, "NEW_PASSWORD_REQUIRED")
        assert.deepStrictEqual(JSON.parse(challenge.ChallengeParameters.requiredAttributes), ["userAttributes.given_name"])
        const without = yield* fails("RespondToAuthChallenge", {
          ChallengeName: "NEW_PASSWORD_REQUIRED",
          ClientId: clientId,
          Session: challenge.Session,
          ChallengeResponses: { USERNAME: username, NEW_PASSWORD: password }
        })
        assert.strictEqual(without[0], "InvalidParameterException")
        assert.include(without[1], "given_name: The attribute is required")
        const done = yield* ok("RespondToAuthChallenge", {
          ChallengeName: "NEW_PASSWORD_REQUIRED",
          ClientId: clientId,
          Session: (yield* signIn()).Session,
          ChallengeResponses: { USERNAME: username, NEW_PASSWORD: password, "userAttributes.given_name": "Grace" }
        })
        assert.strictEqual(claimsOf(done.AuthenticationResult.IdToken)["given_name"], "Grace")
      }))

    it.effect("generates a temporary password that meets the policy when none is given", () =>
      Effect.gen(function* () {
        const emulator = yield* TestEmulator
        const { userPoolId, clientId } = yield* makePool({ Policies: { PasswordPolicy: { MinimumLength: 16 } } })
        const username = uniqueName()
        yield* ok("AdminCreateUser", { UserPoolId: userPoolId, Username: username, UserAttributes: [{ Name: "phone_number", Value: "+15555550100" }] })
        const temporary = emulator.latestCode(username, "TEMPORARY_PASSWORD")!
        assert.isAtLeast(temporary.length, 16)
        const challenge = (yield* srpSignIn({ userPoolId, clientId, username, password: temporary })).body
        assert.strictEqual(challenge.ChallengeName, "NEW_PASSWORD_REQUIRED")
      }))

    it.effect("refuses an existing user name and a policy-breaking temporary password", () =>
      Effect.gen(function* () {
        const { userPoolId } = yield* makePool()
        const username = uniqueName()
        yield* makeUser(userPoolId, username, password)
        assert.strictEqual((yield* fails("AdminCreateUser", { UserPoolId: userPoolId, Username: username }))[0], "UsernameExistsException")
        assert.strictEqual((yield* fails("AdminCreateUser", { UserPoolId: userPoolId, Username: uniqueName(), TemporaryPassword: "x" }))[0], "InvalidPasswordException")
        assert.strictEqual((yield* fails("AdminCreateUser", { UserPoolId: "us-east-1_none", Username: "x" }))[0], "ResourceNotFoundException")
      }))

    it.effect("an expired temporary password can no longer be used", () =>
      Effect.gen(function* () {
        const emulator = yield* TestEmulator
        const { userPoolId, clientId } = yield* makePool({ Policies: { PasswordPolicy: { TemporaryPasswordValidityDays: 1 } } })
        const username = uniqueName()
        yield* ok("AdminCreateUser", { UserPoolId: userPoolId, Username: username, TemporaryPassword: "Temp0rary!", MessageAction: "SUPPRESS" })
        yield* Effect.sync(() => emulator.clock.adjust("25 hours"))
        const answer = yield* call("InitiateAuth", { AuthFlow: "USER_PASSWORD_AUTH", ClientId: clientId, AuthParameters: { USERNAME: username, PASSWORD: "Temp0rary!" } })
        assert.deepStrictEqual(answer.body, {
          __type: "NotAuthorizedException",
          message: "Temporary password has expired and must be reset by an administrator."
        })
      }))
  })

  describe("AdminSetUserPassword", () => {
    it.effect("permanent makes the user CONFIRMED; temporary makes them choose a new one", () =>
      Effect.gen(function* () {
        const { userPoolId, clientId } = yield* makePool()
        const username = uniqueName()
        yield* makeUser(userPoolId, username, password)
        yield* ok("AdminSetUserPassword", { UserPoolId: userPoolId, Username: username, Password: "Another0ne!", Permanent: false })
        assert.strictEqual((yield* ok("AdminGetUser", { UserPoolId: userPoolId, Username: username })).UserStatus, "FORCE_CHANGE_PASSWORD")
        assert.strictEqual((yield* srpSignIn({ userPoolId, clientId, username, password: "Another0ne!" })).body.ChallengeName, "NEW_PASSWORD_REQUIRED")
        assert.strictEqual((yield* srpSignIn({ userPoolId, clientId, username, password })).body.__type, "NotAuthorizedException")
      }))
  })

  describe("AdminConfirmSignUp", () => {
    it.effect("confirms an unconfirmed user once", () =>
      Effect.gen(function* () {
        const { userPoolId, clientId } = yield* makePool()
        const username = uniqueName()
        yield* ok("SignUp", { ClientId: clientId, Username: username, Password: password })
        assert.deepStrictEqual(yield* ok("AdminConfirmSignUp", { UserPoolId: userPoolId, Username: username }), {})
        assert.strictEqual((yield* srpSignIn({ userPoolId, clientId, username, password })).status, 200)
        assert.deepStrictEqual(yield* fails("AdminConfirmSignUp", { UserPoolId: userPoolId, Username: username }), [
          "NotAuthorizedException",
          "User cannot be confirmed. Current status is CONFIRMED"
        ])
      }))
  })

  describe("AdminGetUser / AdminUpdateUserAttributes", () => {
    it.effect("updates attributes; a changed e-mail becomes unverified and gets a code", () =>
      Effect.gen(function* () {
        const emulator = yield* TestEmulator
        const { userPoolId } = yield* makePool({ AutoVerifiedAttributes: ["email"] })
        const username = uniqueName()
        yield* makeUser(userPoolId, username, password, { email: "old@example.com", email_verified: "true" })
        yield* ok("AdminUpdateUserAttributes", {
          UserPoolId: userPoolId,
          Username: username,
          UserAttributes: [{ Name: "email", Value: "new@example.com" }, { Name: "name", Value: "Ada" }]
        })
        const user = yield* ok("AdminGetUser", { UserPoolId: userPoolId, Username: username })
        const attributes = attributesOf(user.UserAttributes)
        assert.strictEqual(attributes["email"], "new@example.com")
        assert.strictEqual(attributes["email_verified"], "false")
        assert.strictEqual(attributes["name"], "Ada")
        assert.strictEqual(emulator.inbox(username, { purpose: "VERIFY_ATTRIBUTE" }).at(-1)?.destination, "new@example.com")
        assert.strictEqual((yield* fails("AdminUpdateUserAttributes", { UserPoolId: userPoolId, Username: username, UserAttributes: [{ Name: "sub", Value: "x" }] }))[0], "InvalidParameterException")
      }))

    it.effect("keeps a verified original until the new value is verified, unless the same request verifies it", () =>
      Effect.gen(function* () {
        const emulator = yield* TestEmulator
        const { userPoolId } = yield* makePool({
          UsernameAttributes: ["email"],
          AutoVerifiedAttributes: ["email"],
          UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ["email"] }
        })
        const email = `${uniqueName("old")}@example.com`
        const waiting = `${uniqueName("waiting")}@example.com`
        const direct = `${uniqueName("direct")}@example.com`
        yield* makeUser(userPoolId, email, password, { email_verified: "true" })
        yield* ok("AdminUpdateUserAttributes", { UserPoolId: userPoolId, Username: email, UserAttributes: [{ Name: "email", Value: waiting }] })
        const kept = attributesOf((yield* ok("AdminGetUser", { UserPoolId: userPoolId, Username: email })).UserAttributes)
        assert.strictEqual(kept["email"], email)
        assert.strictEqual(kept["email_verified"], "true")
        assert.strictEqual(emulator.inbox(waiting, { purpose: "VERIFY_ATTRIBUTE" }).at(-1)?.destination, waiting)

        yield* ok("AdminUpdateUserAttributes", {
          UserPoolId: userPoolId,
          Username: email,
          UserAttributes: [{ Name: "email", Value: direct }, { Name: "email_verified", Value: "true" }]
        })
        const moved = attributesOf((yield* ok("AdminGetUser", { UserPoolId: userPoolId, Username: direct })).UserAttributes)
        assert.strictEqual(moved["email"], direct)
        assert.strictEqual(moved["email_verified"], "true")
        assert.deepStrictEqual(emulator.inbox(direct, { purpose: "VERIFY_ATTRIBUTE" }).filter((message) => message.destination === direct), [])
        assert.strictEqual((yield* fails("AdminGetUser", { UserPoolId: userPoolId, Username: email }))[0], "UserNotFoundException")
        // An administrator's changes do not count against the user's limit on codes.
        for (let i = 0; i < 7; i++) {
          yield* ok("AdminUpdateUserAttributes", { UserPoolId: userPoolId, Username: direct, UserAttributes: [{ Name: "email", Value: `${i}-${waiting}` }] })
        }
      }))

    it.effect("a waiting value another user holds is refused at once", () =>
      Effect.gen(function* () {
        const { userPoolId } = yield* makePool({
          AliasAttributes: ["email"],
          AutoVerifiedAttributes: ["email"],
          UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ["email"] }
        })
        const first = uniqueName()
        const second = uniqueName()
        yield* makeUser(userPoolId, first, password, { email: `${first}@example.com`, email_verified: "true" })
        yield* makeUser(userPoolId, second, password, { email: `${second}@example.com`, email_verified: "true" })
        const [type] = yield* fails("AdminUpdateUserAttributes", {
          UserPoolId: userPoolId,
          Username: second,
          UserAttributes: [{ Name: "email", Value: `${first}@example.com` }]
        })
        assert.strictEqual(type, "AliasExistsException")
        assert.strictEqual(attributesOf((yield* ok("AdminGetUser", { UserPoolId: userPoolId, Username: second })).UserAttributes)["email"], `${second}@example.com`)
      }))

    it.effect("a verified alias already taken is AliasExistsException", () =>
      Effect.gen(function* () {
        const { userPoolId } = yield* makePool({ AliasAttributes: ["email"] })
        const first = uniqueName()
        const second = uniqueName()
        yield* makeUser(userPoolId, first, password, { email: "shared@example.com", email_verified: "true" })
        yield* makeUser(userPoolId, second, password)
        const [type] = yield* fails("AdminUpdateUserAttributes", {
          UserPoolId: userPoolId,
          Username: second,
          UserAttributes: [{ Name: "email", Value: "shared@example.com" }, { Name: "email_verified", Value: "true" }]
        })
        assert.strictEqual(type, "AliasExistsException")
      }))

    it.effect("an unknown user is UserNotFoundException", () =>
      Effect.gen(function* () {
        const { userPoolId } = yield* makePool()
        assert.deepStrictEqual(yield* fails("AdminGetUser", { UserPoolId: userPoolId, Username: "ghost" }), ["UserNotFoundException", "User does not exist."])
      }))
  })

  describe("AdminDisableUser / AdminDeleteUser", () => {
    it.effect("disabling revokes the user's tokens", () =>
      Effect.gen(function* () {
        const { userPoolId, clientId } = yield* makePool()
        const username = uniqueName()
        yield* makeUser(userPoolId, username, password)
        const tokens = (yield* srpSignIn({ userPoolId, clientId, username, password })).body.AuthenticationResult
        yield* ok("AdminDisableUser", { UserPoolId: userPoolId, Username: username })
        assert.strictEqual((yield* fails("GetUser", { AccessToken: tokens.AccessToken }))[0], "NotAuthorizedException")
        assert.strictEqual((yield* fails("GetTokensFromRefreshToken", { ClientId: clientId, RefreshToken: tokens.RefreshToken }))[0], "NotAuthorizedException")
        assert.isFalse((yield* ok("AdminGetUser", { UserPoolId: userPoolId, Username: username })).Enabled)
      }))

    it.effect("deleting removes the user and ends their sessions", () =>
      Effect.gen(function* () {
        const { userPoolId, clientId } = yield* makePool({}, { PreventUserExistenceErrors: "LEGACY" })
        const username = uniqueName()
        yield* makeUser(userPoolId, username, password)
        const tokens = (yield* srpSignIn({ userPoolId, clientId, username, password })).body.AuthenticationResult
        yield* ok("AdminDeleteUser", { UserPoolId: userPoolId, Username: username })
        assert.strictEqual((yield* fails("GetUser", { AccessToken: tokens.AccessToken }))[0], "NotAuthorizedException")
        const again = yield* call("InitiateAuth", { AuthFlow: "USER_SRP_AUTH", ClientId: clientId, AuthParameters: { USERNAME: username, SRP_A: srpClient().srpA } })
        assert.strictEqual(again.body.__type, "UserNotFoundException")
        // The name is free again.
        yield* makeUser(userPoolId, username, password)
      }))
  })

  describe("ListUsers", () => {
    it.effect("lists, filters and pages", () =>
      Effect.gen(function* () {
        const { userPoolId } = yield* makePool()
        for (const name of ["anna", "annabel", "bob"]) yield* makeUser(userPoolId, name, password, { email: `${name}@example.com` })
        yield* ok("AdminDisableUser", { UserPoolId: userPoolId, Username: "bob" })
        const all = yield* ok("ListUsers", { UserPoolId: userPoolId })
        assert.deepStrictEqual(all.Users.map((u: { Username: string }) => u.Username), ["anna", "annabel", "bob"])
        const prefix = yield* ok("ListUsers", { UserPoolId: userPoolId, Filter: 'username ^= "ann"' })
        assert.strictEqual(prefix.Users.length, 2)
        const exact = yield* ok("ListUsers", { UserPoolId: userPoolId, Filter: 'email = "bob@example.com"', AttributesToGet: ["email"] })
        assert.deepStrictEqual(exact.Users[0].Attributes, [{ Name: "email", Value: "bob@example.com" }])
        const disabled = yield* ok("ListUsers", { UserPoolId: userPoolId, Filter: 'status = "Disabled"' })
        assert.deepStrictEqual(disabled.Users.map((u: { Username: string }) => u.Username), ["bob"])
        const page = yield* ok("ListUsers", { UserPoolId: userPoolId, Limit: 2 })
        assert.strictEqual(page.Users.length, 2)
        const rest = yield* ok("ListUsers", { UserPoolId: userPoolId, Limit: 2, PaginationToken: page.PaginationToken })
        assert.deepStrictEqual(rest.Users.map((u: { Username: string }) => u.Username), ["bob"])
        assert.isUndefined(rest.PaginationToken)
        assert.strictEqual((yield* fails("ListUsers", { UserPoolId: userPoolId, Filter: "nonsense" }))[0], "InvalidParameterException")
      }))
  })
})
