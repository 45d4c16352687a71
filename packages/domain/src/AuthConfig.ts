/**
 * The auth configuration as one explicit service. `parse` turns Amplify's `ResourcesConfig`
 * (`{ Auth: { Cognito: {...} } }`), an `amplify_outputs.json` document or a Gen1 `aws-exports`
 * document into a `ResolvedAuthConfig` with regions and endpoints worked out; nothing else reads
 * configuration. `requireUserPool` / `requireOAuth` are Amplify's configuration assertions.
 *
 * As in Amplify, a configuration is accepted whole and judged by each call: a missing user pool
 * fails the call that needs it (`AuthUserPoolException`), a pool id that names no region fails the
 * request built from it (`InvalidPoolIdError`, see `PoolIdCheck`), and a member of the wrong type
 * fails every call that asserts the user pool (`InvalidConfig`, kept as `invalid`).
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import { AuthConfigError, InvalidPoolIdError } from "./AuthError.js"
import * as LegacyConfig from "./LegacyConfig.js"

/** @since 0.1.0 */
export interface OAuthConfig {
  readonly domain: string
  readonly scopes: ReadonlyArray<string>
  readonly redirectSignIn: ReadonlyArray<string>
  readonly redirectSignOut: ReadonlyArray<string>
  readonly responseType: "code" | "token"
  readonly providers?: ReadonlyArray<string | { readonly custom: string }>
}

/** @since 0.1.0 */
export interface PasswordFormat {
  readonly minLength?: number
  readonly requireLowercase?: boolean
  readonly requireUppercase?: boolean
  readonly requireNumbers?: boolean
  readonly requireSpecialCharacters?: boolean
}

/** @since 0.1.0 */
export interface PasswordlessConfig {
  readonly emailOtpEnabled?: boolean
  readonly smsOtpEnabled?: boolean
  readonly webAuthn?: { readonly relyingPartyId?: string; readonly userVerification?: string }
  readonly preferredChallenge?: "EMAIL_OTP" | "SMS_OTP" | "WEB_AUTHN"
}

/**
 * The user-pool part, present when `userPoolId` and `userPoolClientId` are both configured.
 * `endpoint` is resolved: the override verbatim, else `https://cognito-idp.<region>.<dnsSuffix>/`.
 * @since 0.1.0
 */
export interface UserPoolConfig {
  readonly userPoolId: string
  readonly userPoolClientId: string
  /**
   * `userPoolId` before the `_`; absent when the id has no `_` or nothing before it, and then
   * every request to the pool fails with `InvalidUserPoolId` (`userPoolRegion`).
   */
  readonly region?: string
  /** `userPoolId` after the `_` (the SRP "pool name") */
  readonly poolName: string
  /** absent only when there is no region and no override */
  readonly endpoint?: string
  readonly endpointOverridden: boolean
  readonly signUpVerificationMethod: "code" | "link"
  readonly loginWith?: {
    readonly oauth?: OAuthConfig
    readonly username?: boolean
    readonly email?: boolean
    readonly phone?: boolean
  }
  readonly userAttributes?: Readonly<Record<string, { readonly required: boolean }>>
  readonly mfa?: { readonly status?: "on" | "off" | "optional"; readonly totpEnabled?: boolean; readonly smsEnabled?: boolean }
  readonly passwordFormat?: PasswordFormat
  readonly passwordless?: PasswordlessConfig
  readonly groups?: ReadonlyArray<Readonly<Record<string, Readonly<Record<string, number>>>>>
}

/** @since 0.1.0 */
export interface IdentityPoolConfig {
  readonly identityPoolId: string
  /**
   * `identityPoolId` before the `:`; absent when the id has no `:`, and then every request to
   * the pool fails with `InvalidIdentityPoolIdException` (`identityPoolRegion`).
   */
  readonly region?: string
  /** absent only when there is no region and no override */
  readonly endpoint?: string
  readonly allowGuestAccess: boolean
}

/**
 * The resolved configuration. `invalid`: a member had the wrong type; no pool is resolved and
 * every call that asserts the user pool fails with it.
 * @since 0.1.0
 */
export interface ResolvedAuthConfig {
  readonly userPool?: UserPoolConfig
  readonly identityPool?: IdentityPoolConfig
  readonly invalid?: AuthConfigError
}

/** @since 0.1.0 @category tags */
export class AuthConfig extends Context.Tag("@cognito-effect/domain/AuthConfig")<AuthConfig, ResolvedAuthConfig>() {}

// --- endpoints ----------------------------------------------------------------------------

/** The AWS DNS suffix of a region: `amazonaws.com.cn` in China, else `amazonaws.com`. @since 0.1.0 @category endpoints */
export const dnsSuffix = (region: string): string => (region.startsWith("cn-") ? "amazonaws.com.cn" : "amazonaws.com")

/** `https://cognito-idp.<region>.<dnsSuffix>/`. @since 0.1.0 @category endpoints */
export const defaultUserPoolEndpoint = (region: string): string => `https://cognito-idp.${region}.${dnsSuffix(region)}/`

/** `https://cognito-identity.<region>.<dnsSuffix>/`. @since 0.1.0 @category endpoints */
export const defaultIdentityPoolEndpoint = (region: string): string =>
  `https://cognito-identity.${region}.${dnsSuffix(region)}/`

// --- input Schemas ------------------------------------------------------------------------

const Str = Schema.String
const Bool = Schema.Boolean
const StrList = Schema.Array(Schema.String)
const Groups = Schema.Array(Schema.Record({ key: Str, value: Schema.Record({ key: Str, value: Schema.Number }) }))
const PreferredChallenge = Schema.Literal("EMAIL_OTP", "SMS_OTP", "WEB_AUTHN")

/**
 * `Auth.Cognito` of a `ResourcesConfig`. Every member is optional here: what a call needs is
 * asserted when it runs (`requireUserPool`, `requireOAuth`). An `oauth` block missing one of
 * `domain`, `redirectSignIn`, `redirectSignOut`, `responseType` is left out of the resolved config.
 * @since 0.1.0
 * @category schemas
 */
export const CognitoInput = Schema.Struct({
  userPoolId: Schema.optional(Str),
  userPoolClientId: Schema.optional(Str),
  userPoolEndpoint: Schema.optional(Str),
  signUpVerificationMethod: Schema.optional(Schema.Literal("code", "link")),
  loginWith: Schema.optional(
    Schema.Struct({
      oauth: Schema.optional(
        Schema.Struct({
          domain: Schema.optional(Str),
          scopes: Schema.optional(StrList),
          redirectSignIn: Schema.optional(StrList),
          redirectSignOut: Schema.optional(StrList),
          responseType: Schema.optional(Schema.Literal("code", "token")),
          providers: Schema.optional(Schema.Array(Schema.Union(Str, Schema.Struct({ custom: Str }))))
        })
      ),
      username: Schema.optional(Bool),
      email: Schema.optional(Bool),
      phone: Schema.optional(Bool)
    })
  ),
  userAttributes: Schema.optional(Schema.Record({ key: Str, value: Schema.Struct({ required: Bool }) })),
  mfa: Schema.optional(
    Schema.Struct({
      status: Schema.optional(Schema.Literal("on", "off", "optional")),
      totpEnabled: Schema.optional(Bool),
      smsEnabled: Schema.optional(Bool)
    })
  ),
  passwordFormat: Schema.optional(
    Schema.Struct({
      minLength: Schema.optional(Schema.Number),
      requireLowercase: Schema.optional(Bool),
      requireUppercase: Schema.optional(Bool),
      requireNumbers: Schema.optional(Bool),
      requireSpecialCharacters: Schema.optional(Bool)
    })
  ),
  passwordless: Schema.optional(
    Schema.Struct({
      emailOtpEnabled: Schema.optional(Bool),
      smsOtpEnabled: Schema.optional(Bool),
      webAuthn: Schema.optional(
        Schema.Struct({ relyingPartyId: Schema.optional(Str), userVerification: Schema.optional(Str) })
      ),
      preferredChallenge: Schema.optional(PreferredChallenge)
    })
  ),
  groups: Schema.optional(Groups),
  identityPoolId: Schema.optional(Str),
  identityPoolEndpoint: Schema.optional(Str),
  allowGuestAccess: Schema.optional(Bool)
})
/** @since 0.1.0 @category schemas */
export type CognitoInput = typeof CognitoInput.Type

/** Amplify's `ResourcesConfig`; categories other than `Auth` are ignored. @since 0.1.0 @category schemas */
export const ResourcesConfigInput = Schema.Struct({
  Auth: Schema.optional(Schema.Struct({ Cognito: Schema.optional(CognitoInput) }))
})

/**
 * The `auth` section of `amplify_outputs.json`. `user_pool_endpoint` / `identity_pool_endpoint`
 * are this project's extension (Amplify maps no endpoint override from outputs).
 * @since 0.1.0
 * @category schemas
 */
export const OutputsAuthInput = Schema.Struct({
  aws_region: Schema.optional(Str),
  user_pool_id: Schema.optional(Str),
  user_pool_client_id: Schema.optional(Str),
  identity_pool_id: Schema.optional(Str),
  user_pool_endpoint: Schema.optional(Str),
  identity_pool_endpoint: Schema.optional(Str),
  password_policy: Schema.optional(
    Schema.Struct({
      min_length: Schema.optional(Schema.Number),
      require_lowercase: Schema.optional(Bool),
      require_numbers: Schema.optional(Bool),
      require_uppercase: Schema.optional(Bool),
      require_symbols: Schema.optional(Bool)
    })
  ),
  mfa_configuration: Schema.optional(Schema.Literal("NONE", "OPTIONAL", "REQUIRED")),
  mfa_methods: Schema.optional(StrList),
  unauthenticated_identities_enabled: Schema.optional(Bool),
  oauth: Schema.optional(
    Schema.Struct({
      identity_providers: Schema.optional(StrList),
      domain: Schema.optional(Str),
      scopes: Schema.optional(StrList),
      redirect_sign_in_uri: Schema.optional(StrList),
      redirect_sign_out_uri: Schema.optional(StrList),
      response_type: Schema.optional(Schema.Literal("code", "token"))
    })
  ),
  username_attributes: Schema.optional(StrList),
  standard_required_attributes: Schema.optional(StrList),
  groups: Schema.optional(Groups),
  passwordless: Schema.optional(
    Schema.Struct({
      email_otp_enabled: Schema.optional(Bool),
      sms_otp_enabled: Schema.optional(Bool),
      web_authn: Schema.optional(
        Schema.Struct({ relying_party_id: Schema.optional(Str), user_verification: Schema.optional(Str) })
      ),
      preferred_challenge: Schema.optional(PreferredChallenge)
    })
  )
})
type OutputsAuthInput = typeof OutputsAuthInput.Type

/** `amplify_outputs.json`; sections other than `auth` are ignored. @since 0.1.0 @category schemas */
export const AmplifyOutputsInput = Schema.Struct({
  version: Str,
  auth: Schema.optional(OutputsAuthInput)
})

// --- parsing ------------------------------------------------------------------------------

/** Drops `undefined` members, so optional fields are absent rather than `undefined`. */
type Compact<T> = { [K in keyof T]: Exclude<T[K], undefined> }
const compact = <T extends object>(value: T): Compact<T> =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Compact<T>
const nonEmpty = <T extends object>(value: T): T | undefined => (Object.keys(value).length === 0 ? undefined : value)

/** Where the configuration assertions point. */
const paths = {
  userPoolId: "Auth.Cognito.userPoolId",
  oauth: "Auth.Cognito.loginWith.oauth"
}

const formatPath = (path: ReadonlyArray<PropertyKey>): string =>
  path.reduce<string>(
    (acc, key) => (typeof key === "number" ? `${acc}[${key}]` : acc === "" ? String(key) : `${acc}.${String(key)}`),
    ""
  )

const decodeInput = <A, I>(schema: Schema.Schema<A, I>, input: unknown): Either.Either<A, AuthConfigError> =>
  Either.mapLeft(Schema.decodeUnknownEither(schema)(input), (error) => {
    const issue = ParseResult.ArrayFormatter.formatErrorSync(error)[0]
    const field = issue === undefined || issue.path.length === 0 ? "(root)" : formatPath(issue.path)
    return new AuthConfigError({
      code: "InvalidConfig",
      field,
      message: `Invalid auth configuration at ${field}: ${issue?.message ?? error.message}`
    })
  })

const userPoolNotConfigured = (field: string): AuthConfigError =>
  new AuthConfigError({
    code: "AuthUserPoolException",
    field,
    message: "Auth UserPool not configured.",
    recoverySuggestion: "Make sure to call Amplify.configure in your app with userPoolId and userPoolClientId."
  })

const oauthNotConfigured = (field: string): AuthConfigError =>
  new AuthConfigError({
    code: "OAuthNotConfigureException",
    field,
    message: "oauth param not configured.",
    recoverySuggestion: "Make sure to call Amplify.configure with oauth parameter in your app."
  })

const isSet = (value: string | undefined): value is string => value !== undefined && value !== ""

/** Amplify's region of a pool id: what comes before the first `separator`, when there is one and something before it. */
const regionOf = (id: string, separator: "_" | ":"): string | undefined => {
  const region = id.split(separator)[0]
  return id.includes(separator) && region !== undefined && region !== "" ? region : undefined
}

const resolveOAuth = (
  oauth: NonNullable<NonNullable<CognitoInput["loginWith"]>["oauth"]> | undefined
): OAuthConfig | undefined => {
  if (oauth === undefined) return undefined
  const { domain, redirectSignIn, redirectSignOut, responseType } = oauth
  if (!isSet(domain) || redirectSignIn === undefined || redirectSignOut === undefined || responseType === undefined) {
    return undefined
  }
  return compact({
    domain,
    scopes: oauth.scopes ?? [],
    redirectSignIn,
    redirectSignOut,
    responseType,
    providers: oauth.providers
  })
}

/** Both ids make a user pool (Amplify's `assertTokenProviderConfig`); whether requests can be built from it is each request's check. */
const resolveUserPool = (c: CognitoInput): UserPoolConfig | undefined => {
  const userPoolId = c.userPoolId
  const userPoolClientId = c.userPoolClientId
  if (!isSet(userPoolId) || !isSet(userPoolClientId)) return undefined
  const region = regionOf(userPoolId, "_")
  const override = isSet(c.userPoolEndpoint) ? c.userPoolEndpoint : undefined
  const loginWith = c.loginWith && nonEmpty(compact({ ...c.loginWith, oauth: resolveOAuth(c.loginWith.oauth) }))
  return compact({
    userPoolId,
    userPoolClientId,
    region,
    // Amplify's SRP pool name: the second `_`-separated segment.
    poolName: userPoolId.split("_")[1] ?? "",
    endpoint: override ?? (region === undefined ? undefined : defaultUserPoolEndpoint(region)),
    endpointOverridden: override !== undefined,
    signUpVerificationMethod: c.signUpVerificationMethod ?? "code",
    loginWith,
    userAttributes: c.userAttributes,
    mfa: c.mfa && compact(c.mfa),
    passwordFormat: c.passwordFormat && compact(c.passwordFormat),
    passwordless: c.passwordless && compact({
      ...c.passwordless,
      webAuthn: c.passwordless.webAuthn && compact(c.passwordless.webAuthn)
    }),
    groups: c.groups
  })
}

const resolveIdentityPool = (c: CognitoInput): IdentityPoolConfig | undefined => {
  const identityPoolId = c.identityPoolId
  if (!isSet(identityPoolId)) return undefined
  const region = regionOf(identityPoolId, ":")
  const override = isSet(c.identityPoolEndpoint) ? c.identityPoolEndpoint : undefined
  return compact({
    identityPoolId,
    region,
    endpoint: override ?? (region === undefined ? undefined : defaultIdentityPoolEndpoint(region)),
    allowGuestAccess: c.allowGuestAccess ?? false
  })
}

const resolve = (c: CognitoInput): ResolvedAuthConfig =>
  compact({ userPool: resolveUserPool(c), identityPool: resolveIdentityPool(c) })

/** Amplify's provider names for the outputs' identity providers; others are left out, as Amplify does. */
const outputsProviders: Record<string, string> = {
  GOOGLE: "Google",
  FACEBOOK: "Facebook",
  LOGIN_WITH_AMAZON: "Amazon",
  SIGN_IN_WITH_APPLE: "Apple"
}

/** Maps an outputs `auth` section onto the `Auth.Cognito` shape, key by key as Amplify does. */
const fromOutputs = (auth: OutputsAuthInput): CognitoInput => {
  const usernameAttributes = auth.username_attributes
  const oauth = auth.oauth && {
    domain: auth.oauth.domain,
    redirectSignIn: auth.oauth.redirect_sign_in_uri,
    redirectSignOut: auth.oauth.redirect_sign_out_uri,
    responseType: auth.oauth.response_type === "token" ? "token" as const : "code" as const,
    scopes: auth.oauth.scopes,
    providers: (auth.oauth.identity_providers ?? []).flatMap((p) => outputsProviders[p] ?? [])
  }
  const loginWith = usernameAttributes === undefined ? oauth && { oauth } : {
    ...(oauth === undefined ? {} : { oauth }),
    email: usernameAttributes.includes("email"),
    phone: usernameAttributes.includes("phone_number"),
    username: usernameAttributes.includes("username")
  }
  const policy = auth.password_policy
  const passwordless = auth.passwordless
  return compact({
    userPoolId: auth.user_pool_id,
    userPoolClientId: auth.user_pool_client_id,
    userPoolEndpoint: auth.user_pool_endpoint,
    groups: auth.groups,
    identityPoolId: auth.identity_pool_id || undefined,
    identityPoolEndpoint: auth.identity_pool_endpoint,
    passwordFormat: policy && {
      requireLowercase: policy.require_lowercase,
      requireNumbers: policy.require_numbers,
      requireUppercase: policy.require_uppercase,
      requireSpecialCharacters: policy.require_symbols,
      minLength: policy.min_length ?? 6
    },
    mfa: auth.mfa_configuration && {
      status: auth.mfa_configuration === "REQUIRED" ? "on" : auth.mfa_configuration === "OPTIONAL" ? "optional" : "off",
      smsEnabled: auth.mfa_methods?.includes("SMS"),
      totpEnabled: auth.mfa_methods?.includes("TOTP")
    },
    allowGuestAccess: auth.unauthenticated_identities_enabled || undefined,
    loginWith,
    userAttributes: auth.standard_required_attributes &&
      Object.fromEntries(auth.standard_required_attributes.map((name) => [name, { required: true }])),
    passwordless: passwordless && {
      emailOtpEnabled: passwordless.email_otp_enabled,
      smsOtpEnabled: passwordless.sms_otp_enabled,
      webAuthn: passwordless.web_authn && {
        relyingPartyId: passwordless.web_authn.relying_party_id,
        userVerification: passwordless.web_authn.user_verification
      },
      preferredChallenge: passwordless.preferred_challenge
    }
  })
}

/** Amplify's test: a string `version` starting with `1`. */
const isAmplifyOutputs = (input: object): boolean => {
  const version = (input as { readonly version?: unknown }).version
  return typeof version === "string" && version.startsWith("1")
}

/** A configuration as Amplify reads it: its `ResourcesConfig`, or why that could not be had. */
interface Document {
  readonly resources: object
  readonly invalid?: AuthConfigError
}

/** A generated document of the wrong shape stands for itself, with the reason kept. */
const mapped = <A, I>(input: object, schema: Schema.Schema<A, I>, map: (decoded: A) => object): Document =>
  Either.match(decodeInput(schema, input), {
    onLeft: (invalid) => ({ resources: input, invalid }),
    onRight: (decoded) => ({ resources: map(decoded) })
  })

const read = (input: unknown): Either.Either<Document, AuthConfigError> => {
  if (typeof input !== "object" || input === null) {
    return Either.left(
      new AuthConfigError({ code: "InvalidConfig", field: "(root)", message: "The auth configuration must be an object." })
    )
  }
  if (LegacyConfig.isLegacyConfig(input)) {
    return Either.map(
      LegacyConfig.requireProjectRegion(input),
      () => mapped(input, LegacyConfig.LegacyConfigInput, LegacyConfig.toResourcesConfig)
    )
  }
  if (isAmplifyOutputs(input)) {
    return Either.right(
      mapped(input, AmplifyOutputsInput, (outputs) => outputs.auth === undefined ? {} : { Auth: { Cognito: fromOutputs(outputs.auth) } })
    )
  }
  return Either.right({ resources: input })
}

/**
 * Amplify's `parseAmplifyConfig`, for auth: the `ResourcesConfig` a configuration stands for —
 * the input itself, or `{ Auth: { Cognito } }` mapped from an `amplify_outputs.json` document
 * (string `version` starting with `1`) or an `aws-exports` one (a key starting with `aws_`); their
 * other categories are not read, and a generated document of the wrong shape stands for itself.
 * Fails only where Amplify's `configure` throws: for something that is not an object
 * (`InvalidConfig`), and for aws-exports without `aws_project_region` (`InvalidParameterException`).
 * @since 0.1.0
 * @category parsing
 */
export const resourcesConfig = (input: unknown): Either.Either<object, AuthConfigError> =>
  Either.map(read(input), (document) => document.resources)

/**
 * Resolves a configuration (any form `resourcesConfig` reads; other categories are ignored).
 * Regions come from the pool ids, endpoints from the regions unless overridden. It fails only as
 * `resourcesConfig` does: whatever else is wrong is left for the calls to report, as in Amplify —
 * half a user pool resolves to none, a pool id that names no region to a pool without `region`,
 * and a member of the wrong type to `invalid` (an `InvalidConfig` naming its path).
 * @since 0.1.0
 * @category parsing
 */
export const parse = (input: unknown): Either.Either<ResolvedAuthConfig, AuthConfigError> =>
  Either.map(read(input), (document): ResolvedAuthConfig => {
    if (document.invalid !== undefined) return { invalid: document.invalid }
    // An array is an object too, with no `Auth` (Amplify reads it so).
    const resources = Array.isArray(document.resources) ? {} : document.resources
    return Either.match(decodeInput(ResourcesConfigInput, resources), {
      onLeft: (invalid) => ({ invalid }),
      onRight: (config) => (config.Auth?.Cognito === undefined ? {} : resolve(config.Auth.Cognito))
    })
  })

/**
 * Amplify's `assertTokenProviderConfig`: the user pool every user-pool API needs. A configuration
 * with a mistyped member fails here with its `InvalidConfig`.
 * @since 0.1.0
 * @category assertions
 */
export const requireUserPool = (config: ResolvedAuthConfig): Either.Either<UserPoolConfig, AuthConfigError> =>
  config.invalid !== undefined
    ? Either.left(config.invalid)
    : config.userPool === undefined
      ? Either.left(userPoolNotConfigured(paths.userPoolId))
      : Either.right(config.userPool)

/**
 * The region a request to the user pool is built for: Amplify's `InvalidUserPoolId` (an
 * `AuthError`) when `userPoolId` names none, whatever the endpoint.
 * @since 0.1.0
 * @category assertions
 */
export const userPoolRegion = (pool: UserPoolConfig): Either.Either<string, InvalidPoolIdError> =>
  pool.region === undefined
    ? Either.left(new InvalidPoolIdError({ pool: "userPool", message: "Invalid user pool id provided." }))
    : Either.right(pool.region)

/**
 * Where a request to the user pool goes, once `userPoolRegion` allows it.
 * @since 0.1.0
 * @category assertions
 */
export const userPoolEndpoint = (pool: UserPoolConfig): Either.Either<string, InvalidPoolIdError> =>
  Either.map(userPoolRegion(pool), (region) => pool.endpoint ?? defaultUserPoolEndpoint(region))

/**
 * The region a request to the identity pool is built for: Amplify's
 * `InvalidIdentityPoolIdException` (an `AuthError`) when `identityPoolId` names none.
 * @since 0.1.0
 * @category assertions
 */
export const identityPoolRegion = (pool: IdentityPoolConfig): Either.Either<string, InvalidPoolIdError> =>
  pool.region === undefined
    ? Either.left(
      new InvalidPoolIdError({
        pool: "identityPool",
        message: "Invalid identity pool id provided.",
        recoverySuggestion: "Make sure a valid identityPoolId is given in the config."
      })
    )
    : Either.right(pool.region)

/**
 * Amplify's `assertOAuthConfig` (after the user-pool assertion): `signInWithRedirect` needs
 * `loginWith.oauth` with `domain`, `redirectSignIn`, `redirectSignOut` and `responseType`.
 * @since 0.1.0
 * @category assertions
 */
export const requireOAuth = (config: ResolvedAuthConfig): Either.Either<OAuthConfig, AuthConfigError> =>
  Either.flatMap(requireUserPool(config), (userPool) => {
    const oauth = userPool.loginWith?.oauth
    return oauth !== undefined && oauth.domain !== "" && oauth.redirectSignIn !== undefined &&
        oauth.redirectSignOut !== undefined && oauth.responseType !== undefined
      ? Either.right(oauth)
      : Either.left(oauthNotConfigured(paths.oauth))
  })

/**
 * The configured user pool, read from the `AuthConfig` service; fails with `AuthUserPoolException`.
 * @since 0.1.0
 * @category accessors
 */
export const userPool: Effect.Effect<UserPoolConfig, AuthConfigError, AuthConfig> = Effect.flatMap(
  AuthConfig,
  requireUserPool
)

/**
 * The configured OAuth settings, read from the `AuthConfig` service; fails like `requireOAuth`.
 * @since 0.1.0
 * @category accessors
 */
export const oauth: Effect.Effect<OAuthConfig, AuthConfigError, AuthConfig> = Effect.flatMap(AuthConfig, requireOAuth)
