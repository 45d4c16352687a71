import { assert, describe, it } from "@effect/vitest"
import * as DescribeUserPool from "@cognito-effect/domain/wire/DescribeUserPool"
import { assertRefused, assertTarget, decodeJson, wireJson } from "./wireTest.js"

const recorded = `{
  "UserPool": {
    "AccountRecoverySetting": { "RecoveryMechanisms": [{ "Name": "verified_email", "Priority": 1 }] },
    "AdminCreateUserConfig": { "AllowAdminCreateUserOnly": false, "UnusedAccountValidityDays": 7 },
    "Arn": "arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_EXAMPLE",
    "AutoVerifiedAttributes": ["email"],
    "CreationDate": 1689721665.239,
    "DeletionProtection": "ACTIVE",
    "DeviceConfiguration": { "ChallengeRequiredOnNewDevice": true, "DeviceOnlyRememberedOnUserPrompt": true },
    "Domain": "my-domain",
    "EmailConfiguration": { "EmailSendingAccount": "COGNITO_DEFAULT" },
    "EstimatedNumberOfUsers": 12,
    "Id": "us-east-1_EXAMPLE",
    "LastModifiedDate": 1689802292.853,
    "MfaConfiguration": "OPTIONAL",
    "Name": "my-user-pool",
    "Policies": { "PasswordPolicy": { "MinimumLength": 6, "RequireLowercase": true, "RequireNumbers": true, "RequireSymbols": true, "RequireUppercase": true, "TemporaryPasswordValidityDays": 7 }, "SignInPolicy": { "AllowedFirstAuthFactors": ["PASSWORD", "EMAIL_OTP", "WEB_AUTHN"] } },
    "SchemaAttributes": [{ "AttributeDataType": "String", "Mutable": true, "Name": "email", "Required": true }],
    "UserPoolTags": { "project": "demo" },
    "UserPoolTier": "ESSENTIALS",
    "UsernameAttributes": ["email"],
    "UsernameConfiguration": { "CaseSensitive": false },
    "VerificationMessageTemplate": { "DefaultEmailOption": "CONFIRM_WITH_CODE" }
  }
}`

describe("DescribeUserPool", () => {
  it("targets AWSCognitoIdentityProviderService.DescribeUserPool", () => {
    assertTarget(DescribeUserPool.operation, "AWSCognitoIdentityProviderService.DescribeUserPool")
  })

  it("sends the pool id and requires it", () => {
    assert.deepStrictEqual(wireJson(DescribeUserPool.Request, { UserPoolId: "us-east-1_EXAMPLE" }), { UserPoolId: "us-east-1_EXAMPLE" })
    assertRefused(DescribeUserPool.Request, {})
  })

  it("decodes a recorded pool description", () => {
    const pool = decodeJson(DescribeUserPool.Response, recorded).UserPool!
    assert.strictEqual(pool.MfaConfiguration, "OPTIONAL")
    assert.deepStrictEqual(pool.Policies?.SignInPolicy?.AllowedFirstAuthFactors, ["PASSWORD", "EMAIL_OTP", "WEB_AUTHN"])
    assert.strictEqual(pool.DeviceConfiguration?.ChallengeRequiredOnNewDevice, true)
    assert.strictEqual(pool.LastModifiedDate?.toISOString(), "2023-07-19T21:31:32.853Z")
    assert.strictEqual(pool.AccountRecoverySetting?.RecoveryMechanisms?.[0]?.Name, "verified_email")
    assert.isFalse("EmailConfiguration" in pool)
  })
})
