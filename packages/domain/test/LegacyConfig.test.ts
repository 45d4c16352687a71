/**
 * Gen1 `aws-exports` documents: what Amplify's `parseAWSExports` (core 6.19) makes of them —
 * the expected `ResourcesConfig`s below are the real package's output for the same documents,
 * without its `undefined` members — and what they resolve to.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Either from "effect/Either"
import * as AuthConfig from "@cognito-effect/domain/AuthConfig"
import * as LegacyConfig from "@cognito-effect/domain/LegacyConfig"

/** What the Amplify CLI writes for a pool with OAuth, an identity pool and email sign-in. */
const awsExports = {
  aws_project_region: "us-east-1",
  aws_cognito_region: "us-east-1",
  aws_user_pools_id: "us-east-1_AbCdEf123",
  aws_user_pools_web_client_id: "4tq7ab1gnf0sbnm3vdtj2sqg6q",
  aws_cognito_identity_pool_id: "us-east-1:00000000-0000-0000-0000-000000000000",
  aws_mandatory_sign_in: "enable",
  oauth: {
    domain: "app.auth.us-east-1.amazoncognito.com",
    scope: ["phone", "email", "openid", "profile", "aws.cognito.signin.user.admin"],
    redirectSignIn: "http://localhost:3000/,https://app.example.com/",
    redirectSignOut: "http://localhost:3000/",
    responseType: "code"
  },
  federationTarget: "COGNITO_USER_POOLS",
  aws_cognito_username_attributes: ["EMAIL"],
  aws_cognito_social_providers: ["GOOGLE", "FACEBOOK", "AMAZON", "APPLE"],
  aws_cognito_signup_attributes: ["EMAIL", "NAME"],
  aws_cognito_mfa_configuration: "OPTIONAL",
  aws_cognito_mfa_types: ["SMS", "TOTP"],
  aws_cognito_password_protection_settings: {
    passwordPolicyMinLength: 8,
    passwordPolicyCharacters: ["REQUIRES_LOWERCASE", "REQUIRES_NUMBERS"]
  },
  aws_cognito_verification_mechanisms: ["EMAIL"],
  aws_cognito_sign_up_verification_method: "link",
  aws_user_files_s3_bucket: "bucket",
  aws_user_files_s3_bucket_region: "us-east-1"
}

/** Drops `undefined` members at every level, to compare with Amplify's output as JSON shows it. */
const defined = (value: unknown): unknown => JSON.parse(JSON.stringify(value))

const resources = (input: unknown) => defined(Either.getOrThrow(AuthConfig.resourcesConfig(input)))

describe("LegacyConfig", () => {
  it("recognises a document by a key starting with aws_", () => {
    assert.isTrue(LegacyConfig.isLegacyConfig({ aws_project_region: "eu-west-1" }))
    assert.isTrue(LegacyConfig.isLegacyConfig({ Auth: {}, aws_appsync_graphqlEndpoint: "x" }))
    assert.isFalse(LegacyConfig.isLegacyConfig({ Auth: { Cognito: {} } }))
    assert.isFalse(LegacyConfig.isLegacyConfig({ version: "1", auth: { aws_region: "us-east-1" } }))
  })

  it("maps a full document as Amplify does", () => {
    assert.deepStrictEqual(resources(awsExports), {
      Auth: {
        Cognito: {
          identityPoolId: "us-east-1:00000000-0000-0000-0000-000000000000",
          allowGuestAccess: false,
          signUpVerificationMethod: "link",
          userAttributes: { email: { required: true }, name: { required: true } },
          userPoolClientId: "4tq7ab1gnf0sbnm3vdtj2sqg6q",
          userPoolId: "us-east-1_AbCdEf123",
          mfa: { status: "optional", totpEnabled: true, smsEnabled: true },
          passwordFormat: {
            minLength: 8,
            requireLowercase: true,
            requireUppercase: false,
            requireNumbers: true,
            requireSpecialCharacters: false
          },
          loginWith: {
            username: false,
            email: true,
            phone: false,
            oauth: {
              domain: "app.auth.us-east-1.amazoncognito.com",
              scopes: ["phone", "email", "openid", "profile", "aws.cognito.signin.user.admin"],
              redirectSignIn: ["http://localhost:3000/", "https://app.example.com/"],
              redirectSignOut: ["http://localhost:3000/"],
              responseType: "code",
              providers: ["Google", "Facebook", "Amazon", "Apple"]
            }
          }
        }
      }
    })
  })

  it("maps a minimal user pool, an identity pool alone, and a document without either", () => {
    assert.deepStrictEqual(
      resources({ aws_project_region: "eu-west-1", aws_user_pools_id: "eu-west-1_X", aws_user_pools_web_client_id: "c" }),
      {
        Auth: {
          Cognito: {
            allowGuestAccess: true,
            userAttributes: {},
            userPoolClientId: "c",
            userPoolId: "eu-west-1_X",
            loginWith: { username: true, email: false, phone: false }
          }
        }
      }
    )
    assert.deepStrictEqual(resources({ aws_project_region: "eu-west-1", aws_cognito_identity_pool_id: "eu-west-1:abc" }), {
      Auth: {
        Cognito: {
          identityPoolId: "eu-west-1:abc",
          allowGuestAccess: true,
          userAttributes: {},
          loginWith: { username: true, email: false, phone: false }
        }
      }
    })
    assert.deepStrictEqual(resources({ aws_project_region: "eu-west-1", aws_user_files_s3_bucket: "b", oauth: { domain: "d" } }), {})
  })

  it("maps phone sign-in, MFA on, an empty password policy and a partial OAuth block as Amplify does", () => {
    assert.deepStrictEqual(
      resources({
        aws_project_region: "eu-west-1",
        aws_user_pools_id: "eu-west-1_X",
        aws_user_pools_web_client_id: "c",
        aws_mandatory_sign_in: "disable",
        oauth: { domain: "d", redirectSignIn: "a" },
        aws_cognito_username_attributes: ["PHONE_NUMBER"],
        aws_cognito_mfa_configuration: "ON",
        aws_cognito_password_protection_settings: {},
        aws_cognito_social_providers: []
      }),
      {
        Auth: {
          Cognito: {
            allowGuestAccess: true,
            userAttributes: {},
            userPoolClientId: "c",
            userPoolId: "eu-west-1_X",
            mfa: { status: "on", totpEnabled: false, smsEnabled: false },
            passwordFormat: { requireLowercase: false, requireUppercase: false, requireNumbers: false, requireSpecialCharacters: false },
            loginWith: { username: false, email: false, phone: true, oauth: { domain: "d", redirectSignIn: ["a"], redirectSignOut: [] } }
          }
        }
      }
    )
    // An empty oauth block is none.
    const emptyOAuth = resources({ aws_project_region: "x", aws_user_pools_id: "eu-west-1_X", aws_user_pools_web_client_id: "c", oauth: {} })
    assert.deepStrictEqual(emptyOAuth, {
      Auth: {
        Cognito: {
          allowGuestAccess: true,
          userAttributes: {},
          userPoolClientId: "c",
          userPoolId: "eu-west-1_X",
          loginWith: { username: true, email: false, phone: false }
        }
      }
    })
  })

  it("refuses a document without aws_project_region, as Amplify's configure does", () => {
    for (const read of [AuthConfig.resourcesConfig, AuthConfig.parse]) {
      const result = read({ aws_user_pools_id: "us-east-1_X", aws_user_pools_web_client_id: "c" })
      assert.isTrue(Either.isLeft(result))
      if (Either.isLeft(result)) {
        assert.strictEqual(result.left.code, "InvalidParameterException")
        assert.strictEqual(result.left.amplifyName, "InvalidParameterException")
        assert.strictEqual(result.left.message, "Invalid config parameter.")
        assert.strictEqual(result.left.recoverySuggestion, "Ensure passing the config object imported from  `amplifyconfiguration.json`.")
      }
    }
  })

  it("resolves to the pools, endpoints and OAuth settings the calls use", () => {
    const config = Either.getOrThrow(AuthConfig.parse(awsExports))
    assert.isUndefined(config.invalid)
    const pool = config.userPool!
    assert.strictEqual(pool.userPoolId, "us-east-1_AbCdEf123")
    assert.strictEqual(pool.endpoint, "https://cognito-idp.us-east-1.amazonaws.com/")
    assert.strictEqual(pool.signUpVerificationMethod, "link")
    assert.deepStrictEqual(Either.getOrThrow(AuthConfig.requireOAuth(config)), {
      domain: "app.auth.us-east-1.amazoncognito.com",
      scopes: ["phone", "email", "openid", "profile", "aws.cognito.signin.user.admin"],
      redirectSignIn: ["http://localhost:3000/", "https://app.example.com/"],
      redirectSignOut: ["http://localhost:3000/"],
      responseType: "code",
      providers: ["Google", "Facebook", "Amazon", "Apple"]
    })
    assert.deepStrictEqual(config.identityPool, {
      identityPoolId: "us-east-1:00000000-0000-0000-0000-000000000000",
      region: "us-east-1",
      endpoint: "https://cognito-identity.us-east-1.amazonaws.com/",
      allowGuestAccess: false
    })
  })

  it("keeps a mistyped key as the reason the calls fail, naming the key", () => {
    const config = Either.getOrThrow(
      AuthConfig.parse({ aws_project_region: "us-east-1", aws_user_pools_id: "us-east-1_X", aws_user_pools_web_client_id: "c", aws_cognito_mfa_types: "TOTP" })
    )
    assert.isUndefined(config.userPool)
    assert.strictEqual(config.invalid?.code, "InvalidConfig")
    assert.strictEqual(config.invalid?.field, "aws_cognito_mfa_types")
  })
})
