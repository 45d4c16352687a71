import { assert, describe, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { fails, ok, TestEmulator } from "../Harness.js"

layer(TestEmulator.layer())("user pools and app clients", (it) => {
  describe("CreateUserPool / DescribeUserPool", () => {
    it.effect("creates a pool with Cognito's defaults and describes it back", () =>
      Effect.gen(function* () {
        const created = (yield* ok("CreateUserPool", {
          PoolName: "shop",
          UsernameAttributes: ["email"],
          AutoVerifiedAttributes: ["email"],
          MfaConfiguration: "OFF",
          DeviceConfiguration: { ChallengeRequiredOnNewDevice: true },
          Schema: [
            { Name: "email", Required: true, Mutable: true },
            { Name: "tenant", AttributeDataType: "String", Mutable: true }
          ],
          UserPoolTags: { team: "auth" }
        })).UserPool
        assert.match(created.Id, /^us-east-1_[0-9a-zA-Z]{9}$/)
        assert.strictEqual(created.Name, "shop")
        assert.strictEqual(created.Arn, `arn:aws:cognito-idp:us-east-1:000000000000:userpool/${created.Id}`)
        assert.deepStrictEqual(created.Policies.PasswordPolicy, {
          MinimumLength: 8,
          RequireUppercase: true,
          RequireLowercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
          TemporaryPasswordValidityDays: 7
        })
        assert.deepStrictEqual(created.DeviceConfiguration, { ChallengeRequiredOnNewDevice: true })
        assert.deepStrictEqual(created.UserPoolTags, { team: "auth" })
        assert.isNumber(created.CreationDate)
        const names = created.SchemaAttributes.map((a: { Name: string }) => a.Name)
        assert.includeMembers(names, ["sub", "email", "email_verified", "phone_number", "custom:tenant"])
        assert.isTrue(created.SchemaAttributes.find((a: { Name: string }) => a.Name === "email").Required)
        const described = (yield* ok("DescribeUserPool", { UserPoolId: created.Id })).UserPool
        assert.deepStrictEqual(described, { ...created, EstimatedNumberOfUsers: 0 })
      }))

    it.effect("refuses both username and alias attributes, and bad names", () =>
      Effect.gen(function* () {
        assert.strictEqual(
          (yield* fails("CreateUserPool", { PoolName: "both", UsernameAttributes: ["email"], AliasAttributes: ["email"] }))[0],
          "InvalidParameterException"
        )
        assert.strictEqual((yield* fails("CreateUserPool", { PoolName: "no/slashes" }))[0], "InvalidParameterException")
        assert.strictEqual((yield* fails("CreateUserPool", { PoolName: "required-custom", Schema: [{ Name: "x", Required: true }] }))[0], "InvalidParameterException")
      }))
  })

  describe("UserAttributeUpdateSettings / UpdateUserPool", () => {
    it.effect("keeps original values only of auto-verified attributes; UpdateUserPool replaces the settings", () =>
      Effect.gen(function* () {
        const keep = { AttributesRequireVerificationBeforeUpdate: ["email"] }
        const refusal = ["InvalidParameterException", "All attributes in AttributesRequireVerificationBeforeUpdate must exist in AutoVerifiedAttributes"] as const
        const created = (yield* ok("CreateUserPool", {
          PoolName: "keeps",
          UsernameAttributes: ["email"],
          AutoVerifiedAttributes: ["email"],
          UserAttributeUpdateSettings: keep
        })).UserPool
        assert.deepStrictEqual(created.UserAttributeUpdateSettings, keep)
        assert.deepStrictEqual((yield* ok("DescribeUserPool", { UserPoolId: created.Id })).UserPool.UserAttributeUpdateSettings, keep)
        assert.deepStrictEqual(yield* fails("CreateUserPool", { PoolName: "unverified", UserAttributeUpdateSettings: keep }), refusal)

        // What UpdateUserPool leaves out goes back to its default: here AutoVerifiedAttributes.
        assert.deepStrictEqual(yield* fails("UpdateUserPool", { UserPoolId: created.Id, UserAttributeUpdateSettings: keep }), refusal)
        assert.deepStrictEqual(
          yield* ok("UpdateUserPool", { UserPoolId: created.Id, AutoVerifiedAttributes: ["email"], UserPoolTags: { team: "auth" } }),
          {}
        )
        const updated = (yield* ok("DescribeUserPool", { UserPoolId: created.Id })).UserPool
        assert.isUndefined(updated.UserAttributeUpdateSettings)
        assert.deepStrictEqual(updated.UserPoolTags, { team: "auth" })
        assert.deepStrictEqual(updated.UsernameAttributes, ["email"])
        assert.strictEqual(updated.Name, "keeps")
        assert.deepStrictEqual(updated.SchemaAttributes, created.SchemaAttributes)
        assert.isAtLeast(updated.LastModifiedDate, created.LastModifiedDate)
        yield* ok("UpdateUserPool", { UserPoolId: created.Id, PoolName: "renamed", AutoVerifiedAttributes: ["email"], UserAttributeUpdateSettings: keep })
        const renamed = (yield* ok("DescribeUserPool", { UserPoolId: created.Id })).UserPool
        assert.strictEqual(renamed.Name, "renamed")
        assert.deepStrictEqual(renamed.UserAttributeUpdateSettings, keep)
        assert.strictEqual((yield* fails("UpdateUserPool", { UserPoolId: "us-east-1_Nope12345" }))[0], "ResourceNotFoundException")
      }))
  })

  describe("CreateUserPoolClient / DescribeUserPoolClient", () => {
    it.effect("creates a public client with default validities", () =>
      Effect.gen(function* () {
        const pool = (yield* ok("CreateUserPool", { PoolName: "clients" })).UserPool
        const client = (yield* ok("CreateUserPoolClient", { UserPoolId: pool.Id, ClientName: "web" })).UserPoolClient
        assert.match(client.ClientId, /^[a-z0-9]{26}$/)
        assert.isUndefined(client.ClientSecret)
        assert.strictEqual(client.AccessTokenValidity, 60)
        assert.strictEqual(client.RefreshTokenValidity, 30)
        assert.deepStrictEqual(client.TokenValidityUnits, { AccessToken: "minutes", IdToken: "minutes", RefreshToken: "days" })
        assert.strictEqual(client.EnableTokenRevocation, true)
        assert.strictEqual(client.AuthSessionValidity, 3)
        const described = (yield* ok("DescribeUserPoolClient", { UserPoolId: pool.Id, ClientId: client.ClientId })).UserPoolClient
        assert.deepStrictEqual(described, client)
      }))

    it.effect("generates a secret on request and keeps rotation settings", () =>
      Effect.gen(function* () {
        const pool = (yield* ok("CreateUserPool", { PoolName: "secret" })).UserPool
        const client = (yield* ok("CreateUserPoolClient", {
          UserPoolId: pool.Id,
          ClientName: "server",
          GenerateSecret: true,
          RefreshTokenRotation: { Feature: "ENABLED", RetryGracePeriodSeconds: 30 },
          AccessTokenValidity: 2,
          TokenValidityUnits: { AccessToken: "hours" }
        })).UserPoolClient
        assert.match(client.ClientSecret, /^[a-z0-9]{51}$/)
        assert.deepStrictEqual(client.RefreshTokenRotation, { Feature: "ENABLED", RetryGracePeriodSeconds: 30 })
        assert.strictEqual(client.AccessTokenValidity, 2)
        assert.strictEqual(client.TokenValidityUnits.AccessToken, "hours")
      }))

    it.effect("refuses out-of-range validities and unknown pools or clients", () =>
      Effect.gen(function* () {
        const pool = (yield* ok("CreateUserPool", { PoolName: "ranges" })).UserPool
        assert.strictEqual(
          (yield* fails("CreateUserPoolClient", { UserPoolId: pool.Id, ClientName: "c", AccessTokenValidity: 2, TokenValidityUnits: { AccessToken: "days" } }))[0],
          "InvalidParameterException"
        )
        assert.strictEqual(
          (yield* fails("CreateUserPoolClient", { UserPoolId: pool.Id, ClientName: "c", RefreshTokenRotation: { Feature: "ENABLED", RetryGracePeriodSeconds: 61 } }))[0],
          "InvalidParameterException"
        )
        assert.strictEqual((yield* fails("CreateUserPoolClient", { UserPoolId: "us-east-1_none", ClientName: "c" }))[0], "ResourceNotFoundException")
        assert.deepStrictEqual(yield* fails("DescribeUserPoolClient", { UserPoolId: pool.Id, ClientId: "nope" }), [
          "ResourceNotFoundException",
          "User pool client nope does not exist."
        ])
      }))
  })
})
