import { assert, describe, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { claimsOf, fails, makePool, makeUser, ok, srpSignIn, TestEmulator, uniqueName } from "../Harness.js"

const password = "Passw0rd!"

layer(TestEmulator.layer())("groups", (it) => {
  describe("CreateGroup / AdminAddUserToGroup / AdminRemoveUserFromGroup", () => {
    it.effect("membership shows in cognito:groups, by precedence", () =>
      Effect.gen(function* () {
        const { userPoolId, clientId } = yield* makePool()
        const username = uniqueName()
        yield* makeUser(userPoolId, username, password)
        const created = yield* ok("CreateGroup", { UserPoolId: userPoolId, GroupName: "readers", Precedence: 10 })
        assert.strictEqual(created.Group.GroupName, "readers")
        assert.isNumber(created.Group.CreationDate)
        yield* ok("CreateGroup", { UserPoolId: userPoolId, GroupName: "admins", Precedence: 1 })
        assert.strictEqual((yield* fails("CreateGroup", { UserPoolId: userPoolId, GroupName: "admins" }))[0], "GroupExistsException")
        yield* ok("AdminAddUserToGroup", { UserPoolId: userPoolId, Username: username, GroupName: "readers" })
        yield* ok("AdminAddUserToGroup", { UserPoolId: userPoolId, Username: username, GroupName: "admins" })
        const tokens = (yield* srpSignIn({ userPoolId, clientId, username, password })).body.AuthenticationResult
        assert.deepStrictEqual(claimsOf(tokens.AccessToken)["cognito:groups"], ["admins", "readers"])
        assert.deepStrictEqual(claimsOf(tokens.IdToken)["cognito:groups"], ["admins", "readers"])
        yield* ok("AdminRemoveUserFromGroup", { UserPoolId: userPoolId, Username: username, GroupName: "admins" })
        const again = (yield* srpSignIn({ userPoolId, clientId, username, password })).body.AuthenticationResult
        assert.deepStrictEqual(claimsOf(again.AccessToken)["cognito:groups"], ["readers"])
        assert.strictEqual((yield* fails("AdminAddUserToGroup", { UserPoolId: userPoolId, Username: username, GroupName: "nobody" }))[0], "ResourceNotFoundException")
      }))

    it.effect("users without groups carry no cognito:groups claim", () =>
      Effect.gen(function* () {
        const { userPoolId, clientId } = yield* makePool()
        const username = uniqueName()
        yield* makeUser(userPoolId, username, password)
        const tokens = (yield* srpSignIn({ userPoolId, clientId, username, password })).body.AuthenticationResult
        assert.notProperty(claimsOf(tokens.AccessToken), "cognito:groups")
      }))
  })
})
