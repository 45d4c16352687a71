import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as AuthConfig from "@cognito-effect/domain/AuthConfig"
import type { AuthConfigError } from "@cognito-effect/domain/AuthError"

const ok = (input: unknown): AuthConfig.ResolvedAuthConfig => {
  const result = AuthConfig.parse(input)
  if (Either.isLeft(result)) assert.fail(`expected a config, got ${result.left.code} at ${result.left.field}: ${result.left.message}`)
  return result.right
}

const fails = (input: unknown): AuthConfigError => {
  const result = AuthConfig.parse(input)
  if (Either.isRight(result)) assert.fail(`expected an error, got ${JSON.stringify(result.right)}`)
  return result.left
}

const left = <A, E>(result: Either.Either<A, E>): E => {
  if (Either.isRight(result)) assert.fail(`expected a failure, got ${JSON.stringify(result.right)}`)
  return result.left
}

/** A configuration accepted with a mistyped member: no pool, and the reason every user-pool call gets. */
const invalid = (input: unknown): AuthConfigError => {
  const config = ok(input)
  if (config.invalid === undefined) assert.fail(`expected an invalid config, got ${JSON.stringify(config)}`)
  assert.isUndefined(config.userPool)
  assert.isUndefined(config.identityPool)
  assert.strictEqual(left(AuthConfig.requireUserPool(config)), config.invalid)
  return config.invalid
}

const cognito = (fields: Record<string, unknown>) => ({ Auth: { Cognito: fields } })

describe("AuthConfig.parse — ResourcesConfig", () => {
  it("resolves a user pool and an identity pool with regional endpoints and defaults", () => {
    const config = ok({
      Auth: {
        Cognito: {
          userPoolId: "us-east-1_AbCdEf123",
          userPoolClientId: "4tq7ab1gnf0sbnm3vdtj2sqg6q",
          identityPoolId: "us-east-1:00000000-0000-0000-0000-000000000000",
          loginWith: { email: true }
        }
      },
      API: { GraphQL: { endpoint: "https://example.com/graphql" } },
      Storage: { S3: { bucket: "b" } }
    })
    assert.deepStrictEqual(config, {
      userPool: {
        userPoolId: "us-east-1_AbCdEf123",
        userPoolClientId: "4tq7ab1gnf0sbnm3vdtj2sqg6q",
        region: "us-east-1",
        poolName: "AbCdEf123",
        endpoint: "https://cognito-idp.us-east-1.amazonaws.com/",
        endpointOverridden: false,
        signUpVerificationMethod: "code",
        loginWith: { email: true }
      },
      identityPool: {
        identityPoolId: "us-east-1:00000000-0000-0000-0000-000000000000",
        region: "us-east-1",
        endpoint: "https://cognito-identity.us-east-1.amazonaws.com/",
        allowGuestAccess: false
      }
    })
  })

  it("uses the amazonaws.com.cn suffix for China regions", () => {
    const config = ok(cognito({
      userPoolId: "cn-north-1_AbC",
      userPoolClientId: "c",
      identityPoolId: "cn-northwest-1:00000000-0000-0000-0000-000000000000"
    }))
    assert.strictEqual(config.userPool?.endpoint, "https://cognito-idp.cn-north-1.amazonaws.com.cn/")
    assert.strictEqual(config.identityPool?.endpoint, "https://cognito-identity.cn-northwest-1.amazonaws.com.cn/")
    assert.strictEqual(config.identityPool?.region, "cn-northwest-1")
  })

  it("uses endpoint overrides verbatim", () => {
    const config = ok(cognito({
      userPoolId: "us-east-1_LocalPool1",
      userPoolClientId: "localclient123",
      userPoolEndpoint: "http://127.0.0.1:9229",
      identityPoolId: "us-east-1:00000000-0000-0000-0000-000000000000",
      identityPoolEndpoint: "http://127.0.0.1:9230/identity",
      allowGuestAccess: true
    }))
    assert.strictEqual(config.userPool?.endpoint, "http://127.0.0.1:9229")
    assert.isTrue(config.userPool?.endpointOverridden)
    assert.strictEqual(config.userPool?.region, "us-east-1")
    assert.strictEqual(config.identityPool?.endpoint, "http://127.0.0.1:9230/identity")
    assert.isTrue(config.identityPool?.allowGuestAccess)
  })

  it("keeps every optional user-pool setting and drops explicit undefined", () => {
    const config = ok(cognito({
      userPoolId: "eu-west-1_X",
      userPoolClientId: "c",
      userPoolEndpoint: undefined,
      signUpVerificationMethod: "link",
      loginWith: {
        oauth: {
          domain: "auth.example.com",
          scopes: ["openid", "email"],
          redirectSignIn: ["http://localhost:3000/"],
          redirectSignOut: ["http://localhost:3000/"],
          responseType: "code",
          providers: ["Google", { custom: "MySAML" }]
        },
        username: true
      },
      userAttributes: { email: { required: true } },
      mfa: { status: "optional", totpEnabled: true, smsEnabled: undefined },
      passwordFormat: { minLength: 10, requireNumbers: true },
      passwordless: { emailOtpEnabled: true, webAuthn: { relyingPartyId: "example.com" }, preferredChallenge: "WEB_AUTHN" },
      groups: [{ admins: { precedence: 0 } }]
    }))
    const pool = config.userPool!
    assert.strictEqual(pool.signUpVerificationMethod, "link")
    assert.strictEqual(pool.endpoint, "https://cognito-idp.eu-west-1.amazonaws.com/")
    assert.deepStrictEqual(pool.loginWith?.oauth?.providers, ["Google", { custom: "MySAML" }])
    assert.deepStrictEqual(pool.mfa, { status: "optional", totpEnabled: true })
    assert.isFalse("smsEnabled" in pool.mfa!)
    assert.deepStrictEqual(pool.passwordFormat, { minLength: 10, requireNumbers: true })
    assert.deepStrictEqual(pool.passwordless, { emailOtpEnabled: true, webAuthn: { relyingPartyId: "example.com" }, preferredChallenge: "WEB_AUTHN" })
    assert.deepStrictEqual(pool.groups, [{ admins: { precedence: 0 } }])
    assert.deepStrictEqual(pool.userAttributes, { email: { required: true } })
    assert.deepStrictEqual(Either.getOrThrow(AuthConfig.requireOAuth(config)).redirectSignIn, ["http://localhost:3000/"])
  })

  it("resolves an identity-pool-only config and an empty one", () => {
    const identityOnly = ok(cognito({ identityPoolId: "ap-south-1:00000000-0000-0000-0000-000000000000" }))
    assert.isUndefined(identityOnly.userPool)
    assert.strictEqual(identityOnly.identityPool?.region, "ap-south-1")
    assert.deepStrictEqual(ok({}), {})
    assert.deepStrictEqual(ok({ Auth: {} }), {})
  })

  it("accepts half a user pool as none: the calls that need one fail (AuthUserPoolException)", () => {
    for (const fields of [{ userPoolId: "us-east-1_X" }, { userPoolClientId: "c", userPoolId: "" }]) {
      const config = ok(cognito({ ...fields, identityPoolId: "us-east-1:00000000-0000-0000-0000-000000000000" }))
      assert.isUndefined(config.userPool)
      assert.strictEqual(config.identityPool?.region, "us-east-1")
      const error = left(AuthConfig.requireUserPool(config))
      assert.strictEqual(error.code, "AuthUserPoolException")
      assert.strictEqual(error.message, "Auth UserPool not configured.")
    }
  })

  it("accepts a user pool id without a region prefix; each request fails with InvalidUserPoolId, even with an endpoint override", () => {
    for (const [userPoolId, poolName] of [["LocalPool1", ""], ["_LocalPool1", "LocalPool1"]] as const) {
      const overridden = ok(cognito({ userPoolId, userPoolClientId: "c", userPoolEndpoint: "http://127.0.0.1:9229" }))
      const pool = Either.getOrThrow(AuthConfig.requireUserPool(overridden))
      assert.deepStrictEqual(pool, {
        userPoolId,
        userPoolClientId: "c",
        poolName,
        endpoint: "http://127.0.0.1:9229",
        endpointOverridden: true,
        signUpVerificationMethod: "code"
      })
      const error = left(AuthConfig.userPoolRegion(pool))
      assert.strictEqual(error._tag, "InvalidPoolIdError")
      assert.strictEqual(error.amplifyName, "InvalidUserPoolId")
      assert.strictEqual(error.message, "Invalid user pool id provided.")
      assert.isUndefined(error.recoverySuggestion)
      assert.strictEqual(left(AuthConfig.userPoolEndpoint(pool)).amplifyName, "InvalidUserPoolId")
      const plain = ok(cognito({ userPoolId, userPoolClientId: "c" })).userPool!
      assert.isUndefined(plain.region)
      assert.isUndefined(plain.endpoint)
    }
    const valid = ok(cognito({ userPoolId: "eu-west-1_X", userPoolClientId: "c" })).userPool!
    assert.deepStrictEqual(AuthConfig.userPoolRegion(valid), Either.right("eu-west-1"))
    assert.deepStrictEqual(AuthConfig.userPoolEndpoint(valid), Either.right("https://cognito-idp.eu-west-1.amazonaws.com/"))
  })

  it("accepts an identity pool id without ':'; each request fails with InvalidIdentityPoolIdException", () => {
    const pool = ok(cognito({ identityPoolId: "us-east-1-00000000", allowGuestAccess: true })).identityPool!
    assert.deepStrictEqual(pool, { identityPoolId: "us-east-1-00000000", allowGuestAccess: true })
    const error = left(AuthConfig.identityPoolRegion(pool))
    assert.strictEqual(error.amplifyName, "InvalidIdentityPoolIdException")
    assert.strictEqual(error.message, "Invalid identity pool id provided.")
    assert.strictEqual(error.recoverySuggestion, "Make sure a valid identityPoolId is given in the config.")
  })

  it("keeps a mistyped member as the reason every user-pool call fails (InvalidConfig naming its path)", () => {
    const cases: ReadonlyArray<readonly [unknown, string]> = [
      [cognito({ userPoolId: "us-east-1_X", userPoolClientId: 42 }), "Auth.Cognito.userPoolClientId"],
      [cognito({ userPoolId: "us-east-1_X", userPoolClientId: "c", signUpVerificationMethod: "email" }), "Auth.Cognito.signUpVerificationMethod"],
      [cognito({ loginWith: { oauth: { redirectSignIn: "http://localhost/" } } }), "Auth.Cognito.loginWith.oauth.redirectSignIn"],
      [cognito({ loginWith: { oauth: { redirectSignOut: ["ok", 5] } } }), "Auth.Cognito.loginWith.oauth.redirectSignOut[1]"],
      [cognito({ allowGuestAccess: "yes" }), "Auth.Cognito.allowGuestAccess"],
      [cognito({ userAttributes: { email: { required: "true" } } }), "Auth.Cognito.userAttributes.email.required"],
      [{ Auth: "cognito" }, "Auth"],
      [{ Auth: { Cognito: [] } }, "Auth.Cognito"]
    ]
    for (const [input, field] of cases) {
      const error = invalid(input)
      assert.strictEqual(error.code, "InvalidConfig", field)
      assert.strictEqual(error.field, field)
      assert.include(error.message, field)
    }
  })

  it("refuses only what Amplify's configure refuses: something that is not an object", () => {
    for (const input of [null, undefined, "config", 3]) {
      const error = fails(input)
      assert.strictEqual(error.code, "InvalidConfig")
      assert.strictEqual(error.field, "(root)")
    }
    assert.deepStrictEqual(ok([]), {})
  })
})

describe("AuthConfig.parse — amplify_outputs.json", () => {
  const outputs = {
    version: "1.3",
    auth: {
      aws_region: "us-west-2",
      user_pool_id: "us-west-2_vYo9733aH",
      user_pool_client_id: "3brafu5quo3m63fsghm2sb10f7",
      identity_pool_id: "us-west-2:e9654dd4-eb29-46b0-9cf2-8beae5bfa80e",
      mfa_methods: ["SMS", "TOTP"],
      mfa_configuration: "REQUIRED",
      standard_required_attributes: ["email"],
      username_attributes: ["email", "phone_number"],
      user_verification_types: ["email"],
      groups: [{ ADMINS: { precedence: 0 } }],
      password_policy: { require_lowercase: true, require_numbers: true, require_symbols: false, require_uppercase: true },
      unauthenticated_identities_enabled: true,
      oauth: {
        identity_providers: ["GOOGLE", "SIGN_IN_WITH_APPLE", "LOGIN_WITH_AMAZON", "FACEBOOK"],
        domain: "example.auth.us-west-2.amazoncognito.com",
        scopes: ["openid", "email", "profile"],
        redirect_sign_in_uri: ["http://localhost:3000/"],
        redirect_sign_out_uri: ["http://localhost:3000/signout"],
        response_type: "code"
      },
      passwordless: {
        email_otp_enabled: true,
        sms_otp_enabled: false,
        web_authn: { relying_party_id: "localhost", user_verification: "preferred" },
        preferred_challenge: "EMAIL_OTP"
      }
    },
    data: { url: "https://example.appsync-api.us-west-2.amazonaws.com/graphql" }
  }

  it("maps every auth key", () => {
    assert.deepStrictEqual(ok(outputs), {
      userPool: {
        userPoolId: "us-west-2_vYo9733aH",
        userPoolClientId: "3brafu5quo3m63fsghm2sb10f7",
        region: "us-west-2",
        poolName: "vYo9733aH",
        endpoint: "https://cognito-idp.us-west-2.amazonaws.com/",
        endpointOverridden: false,
        signUpVerificationMethod: "code",
        loginWith: {
          oauth: {
            domain: "example.auth.us-west-2.amazoncognito.com",
            scopes: ["openid", "email", "profile"],
            redirectSignIn: ["http://localhost:3000/"],
            redirectSignOut: ["http://localhost:3000/signout"],
            responseType: "code",
            providers: ["Google", "Apple", "Amazon", "Facebook"]
          },
          email: true,
          phone: true,
          username: false
        },
        userAttributes: { email: { required: true } },
        mfa: { status: "on", smsEnabled: true, totpEnabled: true },
        passwordFormat: {
          minLength: 6,
          requireLowercase: true,
          requireUppercase: true,
          requireNumbers: true,
          requireSpecialCharacters: false
        },
        passwordless: {
          emailOtpEnabled: true,
          smsOtpEnabled: false,
          preferredChallenge: "EMAIL_OTP",
          webAuthn: { relyingPartyId: "localhost", userVerification: "preferred" }
        },
        groups: [{ ADMINS: { precedence: 0 } }]
      },
      identityPool: {
        identityPoolId: "us-west-2:e9654dd4-eb29-46b0-9cf2-8beae5bfa80e",
        region: "us-west-2",
        endpoint: "https://cognito-identity.us-west-2.amazonaws.com/",
        allowGuestAccess: true
      }
    })
  })

  it("maps OPTIONAL / NONE MFA, a token response type and a minimal document", () => {
    const config = ok({
      version: "1",
      auth: {
        user_pool_id: "us-east-1_X",
        user_pool_client_id: "c",
        mfa_configuration: "OPTIONAL",
        mfa_methods: ["TOTP"],
        oauth: { domain: "d", scopes: [], redirect_sign_in_uri: ["a"], redirect_sign_out_uri: ["b"], response_type: "token" }
      }
    })
    assert.deepStrictEqual(config.userPool?.mfa, { status: "optional", smsEnabled: false, totpEnabled: true })
    assert.strictEqual(config.userPool?.loginWith?.oauth?.responseType, "token")
    assert.isUndefined(config.identityPool)
    const none = ok({ version: "1", auth: { user_pool_id: "us-east-1_X", user_pool_client_id: "c", mfa_configuration: "NONE" } })
    assert.strictEqual(none.userPool?.mfa?.status, "off")
    assert.isUndefined(none.userPool?.mfa?.smsEnabled)
  })

  it("accepts this project's endpoint extension keys", () => {
    const config = ok({
      version: "1.4",
      auth: {
        user_pool_id: "us-east-1_LocalPool1",
        user_pool_client_id: "c",
        identity_pool_id: "us-east-1:00000000-0000-0000-0000-000000000000",
        user_pool_endpoint: "http://127.0.0.1:9229/",
        identity_pool_endpoint: "http://127.0.0.1:9229/identity"
      }
    })
    assert.strictEqual(config.userPool?.endpoint, "http://127.0.0.1:9229/")
    assert.isTrue(config.userPool?.endpointOverridden)
    assert.strictEqual(config.identityPool?.endpoint, "http://127.0.0.1:9229/identity")
  })

  it("resolves a document without an auth section to nothing", () => {
    assert.deepStrictEqual(ok({ version: "1", storage: { bucket_name: "b", aws_region: "us-east-1" } }), {})
  })

  it("leaves out identity providers Amplify has no name for", () => {
    const config = ok({
      version: "1",
      auth: {
        user_pool_id: "us-east-1_X",
        user_pool_client_id: "c",
        oauth: {
          identity_providers: ["GOOGLE", "MyOidcProvider"],
          domain: "d",
          scopes: ["openid"],
          redirect_sign_in_uri: ["a"],
          redirect_sign_out_uri: ["b"],
          response_type: "code"
        }
      }
    })
    assert.deepStrictEqual(config.userPool?.loginWith?.oauth?.providers, ["Google"])
  })

  it("names outputs paths for mistyped members, and defers the rest to the calls", () => {
    const mistyped = invalid({ version: "1", auth: { user_pool_id: "us-east-1_X", user_pool_client_id: 42 } })
    assert.strictEqual(mistyped.code, "InvalidConfig")
    assert.strictEqual(mistyped.field, "auth.user_pool_client_id")
    assert.strictEqual(invalid({ version: "1", auth: { mfa_configuration: "SOMETIMES" } }).field, "auth.mfa_configuration")
    assert.isUndefined(ok({ version: "1", auth: { user_pool_id: "us-east-1_X" } }).userPool)
    assert.isUndefined(ok({ version: "1", auth: { user_pool_id: "nounderscore", user_pool_client_id: "c" } }).userPool?.region)
    assert.isUndefined(ok({ version: "1", auth: { identity_pool_id: "nocolon" } }).identityPool?.region)
  })

  it("treats a non-1.x version as a ResourcesConfig, as Amplify does", () => {
    assert.deepStrictEqual(ok({ version: "2", auth: { user_pool_id: "us-east-1_X", user_pool_client_id: "c" } }), {})
  })
})

describe("AuthConfig.resourcesConfig — what Amplify.getConfig answers", () => {
  it("is a ResourcesConfig itself, other categories included", () => {
    const input = { Auth: { Cognito: { userPoolId: "us-east-1_X", userPoolClientId: "c" } }, API: { GraphQL: { endpoint: "e" } } }
    assert.strictEqual(Either.getOrThrow(AuthConfig.resourcesConfig(input)), input)
    const half = cognito({ userPoolId: "badpool" })
    assert.strictEqual(Either.getOrThrow(AuthConfig.resourcesConfig(half)), half)
  })

  it("maps amplify_outputs.json onto Auth.Cognito as Amplify does, leaving other sections out", () => {
    const mapped = Either.getOrThrow(AuthConfig.resourcesConfig({
      version: "1.3",
      auth: {
        aws_region: "us-east-1",
        user_pool_id: "us-east-1_X",
        user_pool_client_id: "c",
        identity_pool_id: "us-east-1:abc",
        unauthenticated_identities_enabled: false,
        username_attributes: ["email"],
        mfa_configuration: "OPTIONAL",
        mfa_methods: ["TOTP"]
      },
      storage: { bucket_name: "b", aws_region: "us-east-1" }
    }))
    assert.deepStrictEqual(mapped, {
      Auth: {
        Cognito: {
          userPoolId: "us-east-1_X",
          userPoolClientId: "c",
          identityPoolId: "us-east-1:abc",
          mfa: { status: "optional", smsEnabled: false, totpEnabled: true },
          loginWith: { email: true, phone: false, username: false }
        }
      }
    })
    assert.deepStrictEqual(Either.getOrThrow(AuthConfig.resourcesConfig({ version: "1", data: {} })), {})
  })

  it("stands for a generated document of the wrong shape itself", () => {
    const broken = { version: "1", auth: { user_pool_id: 5 } }
    assert.strictEqual(Either.getOrThrow(AuthConfig.resourcesConfig(broken)), broken)
  })

  it("fails only for something that is not an object", () => {
    assert.isTrue(Either.isLeft(AuthConfig.resourcesConfig(null)))
    assert.isTrue(Either.isLeft(AuthConfig.resourcesConfig("config")))
    assert.deepStrictEqual(Either.getOrThrow(AuthConfig.resourcesConfig([])), [])
  })
})

describe("AuthConfig assertions", () => {
  it("requireUserPool fails with Amplify's AuthUserPoolException", () => {
    const result = AuthConfig.requireUserPool({})
    assert.isTrue(Either.isLeft(result))
    if (Either.isLeft(result)) {
      assert.strictEqual(result.left.code, "AuthUserPoolException")
      assert.strictEqual(result.left.amplifyName, "AuthUserPoolException")
      assert.strictEqual(result.left.message, "Auth UserPool not configured.")
      assert.strictEqual(
        result.left.recoverySuggestion,
        "Make sure to call Amplify.configure in your app with userPoolId and userPoolClientId."
      )
    }
  })

  it("requireOAuth fails without a complete oauth block", () => {
    const incomplete = ok(cognito({
      userPoolId: "us-east-1_X",
      userPoolClientId: "c",
      loginWith: { oauth: { domain: "auth.example.com", scopes: ["openid"], redirectSignIn: ["http://localhost/"], responseType: "code" } }
    }))
    assert.isUndefined(incomplete.userPool?.loginWith?.oauth)
    const result = AuthConfig.requireOAuth(incomplete)
    assert.isTrue(Either.isLeft(result))
    if (Either.isLeft(result)) {
      assert.strictEqual(result.left.code, "OAuthNotConfigureException")
      assert.strictEqual(result.left.message, "oauth param not configured.")
      assert.strictEqual(result.left.recoverySuggestion, "Make sure to call Amplify.configure with oauth parameter in your app.")
      assert.strictEqual(result.left.field, "Auth.Cognito.loginWith.oauth")
    }
  })

  it("requireOAuth checks the user pool first", () => {
    const result = AuthConfig.requireOAuth({})
    assert.isTrue(Either.isLeft(result) && result.left.code === "AuthUserPoolException")
  })

  it.effect("userPool reads the AuthConfig service", () =>
    Effect.gen(function*() {
      const config = ok(cognito({ userPoolId: "us-east-1_X", userPoolClientId: "c" }))
      const pool = yield* AuthConfig.userPool.pipe(Effect.provideService(AuthConfig.AuthConfig, config))
      assert.strictEqual(pool.poolName, "X")
      const error = yield* AuthConfig.userPool.pipe(Effect.provideService(AuthConfig.AuthConfig, {}), Effect.flip)
      assert.strictEqual(error.code, "AuthUserPoolException")
      const oauthError = yield* AuthConfig.oauth.pipe(Effect.provideService(AuthConfig.AuthConfig, config), Effect.flip)
      assert.strictEqual(oauthError.code, "OAuthNotConfigureException")
    }))
})
