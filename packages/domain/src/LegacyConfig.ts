/**
 * Gen1 configuration files (`aws-exports.js`, `amplifyconfiguration.json`: Amplify's
 * `LegacyConfig`), the auth part. Amplify takes any object with a key starting `aws_` for one,
 * insists on `aws_project_region`, and maps the Cognito keys onto a `ResourcesConfig`'s
 * `Auth.Cognito`; `toResourcesConfig` is that mapping, key for key. The region of each pool
 * comes from its id (`aws_cognito_region` is not read), and the format has no endpoint key.
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import type { CognitoInput } from "./AuthConfig.js"
import { AuthConfigError } from "./AuthError.js"

const Str = Schema.String
const StrList = Schema.Array(Schema.String)

/**
 * The keys of a legacy document that configure auth; the others (API, Storage, …) are ignored.
 * @since 0.1.0
 * @category schemas
 */
export const LegacyConfigInput = Schema.Struct({
  aws_user_pools_id: Schema.optional(Str),
  aws_user_pools_web_client_id: Schema.optional(Str),
  aws_cognito_identity_pool_id: Schema.optional(Str),
  aws_cognito_sign_up_verification_method: Schema.optional(Schema.Literal("code", "link")),
  aws_cognito_mfa_configuration: Schema.optional(Schema.Literal("OFF", "ON", "OPTIONAL", "off", "on", "optional")),
  aws_cognito_mfa_types: Schema.optional(StrList),
  aws_cognito_password_protection_settings: Schema.optional(
    Schema.Struct({
      passwordPolicyMinLength: Schema.optional(Schema.Number),
      passwordPolicyCharacters: Schema.optional(StrList)
    })
  ),
  aws_cognito_verification_mechanisms: Schema.optional(StrList),
  aws_cognito_signup_attributes: Schema.optional(StrList),
  aws_cognito_social_providers: Schema.optional(StrList),
  aws_cognito_username_attributes: Schema.optional(StrList),
  aws_mandatory_sign_in: Schema.optional(Str),
  oauth: Schema.optional(
    Schema.Struct({
      domain: Schema.optional(Str),
      scope: Schema.optional(StrList),
      redirectSignIn: Schema.optional(Str),
      redirectSignOut: Schema.optional(Str),
      responseType: Schema.optional(Schema.Literal("code", "token"))
    })
  )
})

/** @since 0.1.0 @category schemas */
export type LegacyConfigInput = typeof LegacyConfigInput.Type

/**
 * Amplify's test: some key starts with `aws_`.
 * @since 0.1.0
 * @category guards
 */
export const isLegacyConfig = (input: object): boolean => Object.keys(input).some((key) => key.startsWith("aws_"))

/**
 * What Amplify throws at `configure` for a legacy document without `aws_project_region`
 * (the two spaces in its suggestion are Amplify's).
 * @since 0.1.0
 * @category errors
 */
export const missingProjectRegion = new AuthConfigError({
  code: "InvalidParameterException",
  field: "aws_project_region",
  message: "Invalid config parameter.",
  recoverySuggestion: "Ensure passing the config object imported from  `amplifyconfiguration.json`."
})

/**
 * Checks that a legacy document names its project region (present, whatever its value).
 * @since 0.1.0
 * @category guards
 */
export const requireProjectRegion = (input: object): Either.Either<object, AuthConfigError> =>
  Object.prototype.hasOwnProperty.call(input, "aws_project_region") ? Either.right(input) : Either.left(missingProjectRegion)

/** `"GOOGLE"` → `"Google"`, as Amplify spells providers. */
const providerName = (provider: string): string => {
  const lower = provider.toLowerCase()
  return lower.charAt(0).toUpperCase() + lower.slice(1)
}

/** A comma-separated list of URLs; absent is none. */
const urls = (list: string | undefined): ReadonlyArray<string> => list?.split(",") ?? []

const has = (list: ReadonlyArray<string> | undefined, item: string): boolean => list?.includes(item) ?? false

/**
 * The `ResourcesConfig` of a legacy document: `Auth.Cognito` when it names a user pool or an
 * identity pool, else nothing. As in Amplify, every sign-up and verification attribute becomes
 * required, guests are allowed unless `aws_mandatory_sign_in` is `"enable"`, sign-in by username
 * is on when neither email nor phone is a username attribute, and the OAuth redirects are
 * comma-separated lists.
 * @since 0.1.0
 * @category mapping
 */
export const toResourcesConfig = (legacy: LegacyConfigInput): { readonly Auth?: { readonly Cognito: CognitoInput } } => {
  if (!legacy.aws_user_pools_id && !legacy.aws_cognito_identity_pool_id) return {}
  const email = has(legacy.aws_cognito_username_attributes, "EMAIL")
  const phone = has(legacy.aws_cognito_username_attributes, "PHONE_NUMBER")
  const attributes = new Set([...(legacy.aws_cognito_verification_mechanisms ?? []), ...(legacy.aws_cognito_signup_attributes ?? [])])
  const mfa = legacy.aws_cognito_mfa_configuration
  const passwords = legacy.aws_cognito_password_protection_settings
  const characters = passwords?.passwordPolicyCharacters
  const oauth = legacy.oauth !== undefined && Object.keys(legacy.oauth).length > 0 ? legacy.oauth : undefined
  const providers = legacy.aws_cognito_social_providers ?? []
  return {
    Auth: {
      Cognito: {
        userPoolId: legacy.aws_user_pools_id,
        userPoolClientId: legacy.aws_user_pools_web_client_id,
        identityPoolId: legacy.aws_cognito_identity_pool_id,
        allowGuestAccess: legacy.aws_mandatory_sign_in !== "enable",
        signUpVerificationMethod: legacy.aws_cognito_sign_up_verification_method,
        userAttributes: Object.fromEntries([...attributes].map((name) => [name.toLowerCase(), { required: true }])),
        mfa: mfa === undefined ? undefined : {
          status: mfa === "ON" || mfa === "on" ? "on" : mfa === "OPTIONAL" || mfa === "optional" ? "optional" : "off",
          totpEnabled: has(legacy.aws_cognito_mfa_types, "TOTP"),
          smsEnabled: has(legacy.aws_cognito_mfa_types, "SMS")
        },
        passwordFormat: passwords === undefined ? undefined : {
          minLength: passwords.passwordPolicyMinLength,
          requireLowercase: has(characters, "REQUIRES_LOWERCASE"),
          requireUppercase: has(characters, "REQUIRES_UPPERCASE"),
          requireNumbers: has(characters, "REQUIRES_NUMBERS"),
          requireSpecialCharacters: has(characters, "REQUIRES_SYMBOLS")
        },
        loginWith: {
          username: !(email || phone),
          email,
          phone,
          ...(oauth === undefined ? {} : {
            oauth: {
              domain: oauth.domain,
              scopes: oauth.scope,
              redirectSignIn: urls(oauth.redirectSignIn),
              redirectSignOut: urls(oauth.redirectSignOut),
              responseType: oauth.responseType,
              ...(providers.length > 0 ? { providers: providers.map(providerName) } : {})
            }
          })
        }
      }
    }
  }
}
