/**
 * Sub-shapes shared by the Cognito operation codecs: attributes, code delivery, the
 * authentication result, epoch-second timestamps, JSON-in-string fields, the challenge and
 * flow names, devices, users, and the user-pool / app-client descriptions the admin
 * operations return.
 *
 * Members follow the cognito-idp 2016-04-18 service model. Secret-bearing members decode to
 * `Redacted`. Structs ignore unknown members on decode, so newer service fields never break us.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

// --- primitives ---------------------------------------------------------------------------

/** A secret string on the wire, `Redacted` once decoded. @since 0.1.0 @category primitives */
export const Secret = Schema.Redacted(Schema.String)

/** `AuthParameters` / `ChallengeResponses`: a map whose values are secrets. @since 0.1.0 @category primitives */
export const SecretRecord = Schema.Record({ key: Schema.String, value: Secret })

/** `ClientMetadata`, `UserPoolTags`: a plain string map. @since 0.1.0 @category primitives */
export const StringRecord = Schema.Record({ key: Schema.String, value: Schema.String })

/**
 * A JSON 1.1 timestamp: epoch seconds as a JSON number (possibly fractional), a `Date` once decoded.
 * @since 0.1.0
 * @category primitives
 */
export const EpochSeconds = Schema.transform(Schema.Number, Schema.DateFromSelf, {
  strict: true,
  // Rounded to whole milliseconds: `1623956729.32 * 1000` is not exactly an integer.
  decode: (seconds) => new Date(Math.round(seconds * 1000)),
  encode: (date) => date.getTime() / 1000
}).annotations({ identifier: "EpochSeconds" })

/**
 * A string member that carries JSON (`ChallengeParameters.MFAS_CAN_SETUP`, …), decoded with `schema`.
 * @since 0.1.0
 * @category primitives
 */
export const JsonString = <A, I, R>(schema: Schema.Schema<A, I, R>): Schema.Schema<A, string, R> =>
  Schema.parseJson(schema)

/** An empty output (`{}`); any JSON object is accepted. @since 0.1.0 @category primitives */
export const Empty = Schema.Struct({})

// --- names --------------------------------------------------------------------------------

/** Cognito's `ChallengeNameType`. @since 0.1.0 @category names */
export const ChallengeName = Schema.Literal(
  "SMS_MFA",
  "SMS_OTP",
  "SOFTWARE_TOKEN_MFA",
  "EMAIL_OTP",
  "SELECT_MFA_TYPE",
  "SELECT_CHALLENGE",
  "MFA_SETUP",
  "PASSWORD",
  "PASSWORD_SRP",
  "PASSWORD_VERIFIER",
  "CUSTOM_CHALLENGE",
  "DEVICE_SRP_AUTH",
  "DEVICE_PASSWORD_VERIFIER",
  "ADMIN_NO_SRP_AUTH",
  "NEW_PASSWORD_REQUIRED",
  "WEB_AUTHN"
)
/** @since 0.1.0 @category names */
export type ChallengeName = typeof ChallengeName.Type

/** Cognito's `AuthFlowType`. @since 0.1.0 @category names */
export const AuthFlow = Schema.Literal(
  "USER_SRP_AUTH",
  "REFRESH_TOKEN_AUTH",
  "REFRESH_TOKEN",
  "CUSTOM_AUTH",
  "ADMIN_NO_SRP_AUTH",
  "USER_PASSWORD_AUTH",
  "ADMIN_USER_PASSWORD_AUTH",
  "USER_AUTH"
)
/** @since 0.1.0 @category names */
export type AuthFlow = typeof AuthFlow.Type

/** @since 0.1.0 @category names */
export const DeliveryMedium = Schema.Literal("SMS", "EMAIL")
/** @since 0.1.0 @category names */
export type DeliveryMedium = typeof DeliveryMedium.Type

/** @since 0.1.0 @category names */
export const UserStatus = Schema.Literal(
  "UNCONFIRMED",
  "CONFIRMED",
  "ARCHIVED",
  "COMPROMISED",
  "UNKNOWN",
  "RESET_REQUIRED",
  "FORCE_CHANGE_PASSWORD",
  "EXTERNAL_PROVIDER"
)
/** @since 0.1.0 @category names */
export type UserStatus = typeof UserStatus.Type

/** @since 0.1.0 @category names */
export const UserPoolMfa = Schema.Literal("OFF", "ON", "OPTIONAL")
/** @since 0.1.0 @category names */
export type UserPoolMfa = typeof UserPoolMfa.Type

// --- attributes and code delivery ---------------------------------------------------------

/** `{Name, Value?}`. @since 0.1.0 @category attributes */
export const AttributeType = Schema.Struct({
  Name: Schema.String,
  Value: Schema.optional(Schema.String)
})
/** @since 0.1.0 @category attributes */
export type AttributeType = typeof AttributeType.Type

/** @since 0.1.0 @category attributes */
export const AttributeList = Schema.Array(AttributeType)

/**
 * `[{Name, Value}]` → `{name: value}`. Entries without a `Value` are left out.
 * @since 0.1.0
 * @category attributes
 */
export const attributesToRecord = (attributes: ReadonlyArray<AttributeType>): Record<string, string> => {
  const record: Record<string, string> = {}
  for (const { Name, Value } of attributes) if (Value !== undefined) record[Name] = Value
  return record
}

/**
 * `{name: value}` → `[{Name, Value}]`, in key order. An `undefined` value becomes `{Name}` (as Amplify sends it).
 * @since 0.1.0
 * @category attributes
 */
export const recordToAttributes = (record: Readonly<Record<string, string | undefined>>): Array<AttributeType> =>
  Object.entries(record).map(([Name, Value]) => (Value === undefined ? { Name } : { Name, Value }))

/** Where a code went. @since 0.1.0 @category attributes */
export const CodeDeliveryDetails = Schema.Struct({
  Destination: Schema.optional(Schema.String),
  DeliveryMedium: Schema.optional(DeliveryMedium),
  AttributeName: Schema.optional(Schema.String)
})
/** @since 0.1.0 @category attributes */
export type CodeDeliveryDetails = typeof CodeDeliveryDetails.Type

/** A legacy SMS MFA option. @since 0.1.0 @category attributes */
export const MFAOptionType = Schema.Struct({
  DeliveryMedium: Schema.optional(DeliveryMedium),
  AttributeName: Schema.optional(Schema.String)
})

/** Advanced-security context data (`{EncodedData}` in a browser). @since 0.1.0 @category attributes */
export const UserContextData = Schema.Struct({
  IpAddress: Schema.optional(Schema.String),
  EncodedData: Schema.optional(Schema.String)
})

/** @since 0.1.0 @category attributes */
export const AnalyticsMetadata = Schema.Struct({
  AnalyticsEndpointId: Schema.optional(Schema.String)
})

// --- authentication -----------------------------------------------------------------------

/** Device keys issued on sign-in when the pool tracks devices. @since 0.1.0 @category authentication */
export const NewDeviceMetadata = Schema.Struct({
  DeviceKey: Schema.optional(Schema.String),
  DeviceGroupKey: Schema.optional(Schema.String)
})

/** Tokens of a finished sign-in or refresh. Amplify ignores `ExpiresIn`/`TokenType` and reads JWT `exp`. @since 0.1.0 @category authentication */
export const AuthenticationResult = Schema.Struct({
  AccessToken: Schema.optional(Secret),
  ExpiresIn: Schema.optional(Schema.Number),
  TokenType: Schema.optional(Schema.String),
  RefreshToken: Schema.optional(Secret),
  IdToken: Schema.optional(Secret),
  NewDeviceMetadata: Schema.optional(NewDeviceMetadata)
})
/** @since 0.1.0 @category authentication */
export type AuthenticationResult = typeof AuthenticationResult.Type

/**
 * What `InitiateAuth` and `RespondToAuthChallenge` answer: tokens, or the next challenge.
 * `ChallengeName` is an open string: a challenge this client does not know must reach the sign-in
 * flow (Amplify's SignInException "… was not addressed"), not fail as an invalid response.
 * @since 0.1.0
 * @category authentication
 */
export const AuthChallengeResult = Schema.Struct({
  ChallengeName: Schema.optional(Schema.String),
  Session: Schema.optional(Secret),
  ChallengeParameters: Schema.optional(StringRecord),
  AuthenticationResult: Schema.optional(AuthenticationResult),
  AvailableChallenges: Schema.optional(Schema.Array(Schema.String))
})

/** `{Enabled?, PreferredMfa?}` of one MFA factor. @since 0.1.0 @category authentication */
export const MfaSettings = Schema.Struct({
  Enabled: Schema.optional(Schema.Boolean),
  PreferredMfa: Schema.optional(Schema.Boolean)
})

// --- devices, users, passkeys -------------------------------------------------------------

/** A remembered (or tracked) device. @since 0.1.0 @category devices */
export const DeviceType = Schema.Struct({
  DeviceKey: Schema.optional(Schema.String),
  DeviceAttributes: Schema.optional(AttributeList),
  DeviceCreateDate: Schema.optional(EpochSeconds),
  DeviceLastModifiedDate: Schema.optional(EpochSeconds),
  DeviceLastAuthenticatedDate: Schema.optional(EpochSeconds)
})
/** @since 0.1.0 @category devices */
export type DeviceType = typeof DeviceType.Type

/** @since 0.1.0 @category devices */
export const DeviceRememberedStatus = Schema.Literal("remembered", "not_remembered")

/** A user as the admin list/create operations describe it. @since 0.1.0 @category users */
export const UserType = Schema.Struct({
  Username: Schema.optional(Schema.String),
  Attributes: Schema.optional(AttributeList),
  UserCreateDate: Schema.optional(EpochSeconds),
  UserLastModifiedDate: Schema.optional(EpochSeconds),
  Enabled: Schema.optional(Schema.Boolean),
  UserStatus: Schema.optional(UserStatus),
  MFAOptions: Schema.optional(Schema.Array(MFAOptionType))
})
/** @since 0.1.0 @category users */
export type UserType = typeof UserType.Type

/** A registered passkey. @since 0.1.0 @category passkeys */
export const WebAuthnCredentialDescription = Schema.Struct({
  CredentialId: Schema.String,
  FriendlyCredentialName: Schema.String,
  RelyingPartyId: Schema.String,
  AuthenticatorAttachment: Schema.optional(Schema.String),
  AuthenticatorTransports: Schema.Array(Schema.String),
  CreatedAt: EpochSeconds
})
/** @since 0.1.0 @category passkeys */
export type WebAuthnCredentialDescription = typeof WebAuthnCredentialDescription.Type

// --- user pool description ----------------------------------------------------------------

/** @since 0.1.0 @category user pool */
export const PasswordPolicy = Schema.Struct({
  MinimumLength: Schema.optional(Schema.Number),
  RequireUppercase: Schema.optional(Schema.Boolean),
  RequireLowercase: Schema.optional(Schema.Boolean),
  RequireNumbers: Schema.optional(Schema.Boolean),
  RequireSymbols: Schema.optional(Schema.Boolean),
  PasswordHistorySize: Schema.optional(Schema.Number),
  TemporaryPasswordValidityDays: Schema.optional(Schema.Number)
})

/** @since 0.1.0 @category user pool */
export const AuthFactor = Schema.Literal("PASSWORD", "EMAIL_OTP", "SMS_OTP", "WEB_AUTHN", "SOFTWARE_TOKEN")

/** @since 0.1.0 @category user pool */
export const UserPoolPolicy = Schema.Struct({
  PasswordPolicy: Schema.optional(PasswordPolicy),
  SignInPolicy: Schema.optional(Schema.Struct({ AllowedFirstAuthFactors: Schema.optional(Schema.Array(AuthFactor)) }))
})

/** One attribute of the pool schema. Constraints are strings on the wire. @since 0.1.0 @category user pool */
export const SchemaAttribute = Schema.Struct({
  Name: Schema.optional(Schema.String),
  AttributeDataType: Schema.optional(Schema.Literal("String", "Number", "DateTime", "Boolean")),
  DeveloperOnlyAttribute: Schema.optional(Schema.Boolean),
  Mutable: Schema.optional(Schema.Boolean),
  Required: Schema.optional(Schema.Boolean),
  NumberAttributeConstraints: Schema.optional(
    Schema.Struct({ MinValue: Schema.optional(Schema.String), MaxValue: Schema.optional(Schema.String) })
  ),
  StringAttributeConstraints: Schema.optional(
    Schema.Struct({ MinLength: Schema.optional(Schema.String), MaxLength: Schema.optional(Schema.String) })
  )
})
/** @since 0.1.0 @category user pool */
export type SchemaAttribute = typeof SchemaAttribute.Type

/** @since 0.1.0 @category user pool */
export const VerifiedAttribute = Schema.Literal("email", "phone_number")
/** @since 0.1.0 @category user pool */
export const AliasAttribute = Schema.Literal("email", "phone_number", "preferred_username")
/** @since 0.1.0 @category user pool */
export const UsernameAttribute = Schema.Literal("email", "phone_number")

/** @since 0.1.0 @category user pool */
export const DeviceConfiguration = Schema.Struct({
  ChallengeRequiredOnNewDevice: Schema.optional(Schema.Boolean),
  DeviceOnlyRememberedOnUserPrompt: Schema.optional(Schema.Boolean)
})

/** @since 0.1.0 @category user pool */
export const VerificationMessageTemplate = Schema.Struct({
  SmsMessage: Schema.optional(Schema.String),
  EmailMessage: Schema.optional(Schema.String),
  EmailSubject: Schema.optional(Schema.String),
  EmailMessageByLink: Schema.optional(Schema.String),
  EmailSubjectByLink: Schema.optional(Schema.String),
  DefaultEmailOption: Schema.optional(Schema.Literal("CONFIRM_WITH_LINK", "CONFIRM_WITH_CODE"))
})

/** @since 0.1.0 @category user pool */
export const AdminCreateUserConfig = Schema.Struct({
  AllowAdminCreateUserOnly: Schema.optional(Schema.Boolean),
  UnusedAccountValidityDays: Schema.optional(Schema.Number),
  InviteMessageTemplate: Schema.optional(
    Schema.Struct({
      SMSMessage: Schema.optional(Schema.String),
      EmailMessage: Schema.optional(Schema.String),
      EmailSubject: Schema.optional(Schema.String)
    })
  )
})

/** @since 0.1.0 @category user pool */
export const AccountRecoverySetting = Schema.Struct({
  RecoveryMechanisms: Schema.optional(
    Schema.Array(
      Schema.Struct({
        Priority: Schema.Number,
        Name: Schema.Literal("verified_email", "verified_phone_number", "admin_only")
      })
    )
  )
})

/** The members of the pool-level settings an emulator acts on. @since 0.1.0 @category user pool */
const userPoolSettings = {
  Policies: Schema.optional(UserPoolPolicy),
  DeletionProtection: Schema.optional(Schema.Literal("ACTIVE", "INACTIVE")),
  AutoVerifiedAttributes: Schema.optional(Schema.Array(VerifiedAttribute)),
  AliasAttributes: Schema.optional(Schema.Array(AliasAttribute)),
  UsernameAttributes: Schema.optional(Schema.Array(UsernameAttribute)),
  SmsVerificationMessage: Schema.optional(Schema.String),
  EmailVerificationMessage: Schema.optional(Schema.String),
  EmailVerificationSubject: Schema.optional(Schema.String),
  VerificationMessageTemplate: Schema.optional(VerificationMessageTemplate),
  SmsAuthenticationMessage: Schema.optional(Schema.String),
  UserAttributeUpdateSettings: Schema.optional(
    Schema.Struct({ AttributesRequireVerificationBeforeUpdate: Schema.optional(Schema.Array(VerifiedAttribute)) })
  ),
  MfaConfiguration: Schema.optional(UserPoolMfa),
  DeviceConfiguration: Schema.optional(DeviceConfiguration),
  UserPoolTags: Schema.optional(StringRecord),
  AdminCreateUserConfig: Schema.optional(AdminCreateUserConfig),
  UsernameConfiguration: Schema.optional(Schema.Struct({ CaseSensitive: Schema.Boolean })),
  AccountRecoverySetting: Schema.optional(AccountRecoverySetting),
  UserPoolTier: Schema.optional(Schema.Literal("LITE", "ESSENTIALS", "PLUS"))
}

/** What `CreateUserPool` accepts besides `PoolName` (and `Schema`, named differently in the output). @since 0.1.0 @category user pool */
export const UserPoolSettings = Schema.Struct(userPoolSettings)

/** A user pool as `CreateUserPool` / `DescribeUserPool` return it. @since 0.1.0 @category user pool */
export const UserPoolType = Schema.Struct({
  Id: Schema.optional(Schema.String),
  Name: Schema.optional(Schema.String),
  Arn: Schema.optional(Schema.String),
  Status: Schema.optional(Schema.String),
  LastModifiedDate: Schema.optional(EpochSeconds),
  CreationDate: Schema.optional(EpochSeconds),
  SchemaAttributes: Schema.optional(Schema.Array(SchemaAttribute)),
  EstimatedNumberOfUsers: Schema.optional(Schema.Number),
  Domain: Schema.optional(Schema.String),
  CustomDomain: Schema.optional(Schema.String),
  ...userPoolSettings
})
/** @since 0.1.0 @category user pool */
export type UserPoolType = typeof UserPoolType.Type

// --- app client description ---------------------------------------------------------------

/** @since 0.1.0 @category app client */
export const ExplicitAuthFlow = Schema.Literal(
  "ADMIN_NO_SRP_AUTH",
  "CUSTOM_AUTH_FLOW_ONLY",
  "USER_PASSWORD_AUTH",
  "ALLOW_ADMIN_USER_PASSWORD_AUTH",
  "ALLOW_CUSTOM_AUTH",
  "ALLOW_USER_PASSWORD_AUTH",
  "ALLOW_USER_SRP_AUTH",
  "ALLOW_REFRESH_TOKEN_AUTH",
  "ALLOW_USER_AUTH"
)
/** @since 0.1.0 @category app client */
export type ExplicitAuthFlow = typeof ExplicitAuthFlow.Type

/** @since 0.1.0 @category app client */
export const TimeUnits = Schema.Literal("seconds", "minutes", "hours", "days")

/** @since 0.1.0 @category app client */
export const TokenValidityUnits = Schema.Struct({
  AccessToken: Schema.optional(TimeUnits),
  IdToken: Schema.optional(TimeUnits),
  RefreshToken: Schema.optional(TimeUnits)
})

/** @since 0.1.0 @category app client */
export const RefreshTokenRotation = Schema.Struct({
  Feature: Schema.Literal("ENABLED", "DISABLED"),
  RetryGracePeriodSeconds: Schema.optional(Schema.Number)
})

/** @since 0.1.0 @category app client */
export const OAuthFlow = Schema.Literal("code", "implicit", "client_credentials")

/** The app-client settings shared by `CreateUserPoolClient` input and `UserPoolClientType`. @since 0.1.0 @category app client */
const userPoolClientSettings = {
  RefreshTokenValidity: Schema.optional(Schema.Number),
  AccessTokenValidity: Schema.optional(Schema.Number),
  IdTokenValidity: Schema.optional(Schema.Number),
  TokenValidityUnits: Schema.optional(TokenValidityUnits),
  ReadAttributes: Schema.optional(Schema.Array(Schema.String)),
  WriteAttributes: Schema.optional(Schema.Array(Schema.String)),
  ExplicitAuthFlows: Schema.optional(Schema.Array(ExplicitAuthFlow)),
  SupportedIdentityProviders: Schema.optional(Schema.Array(Schema.String)),
  CallbackURLs: Schema.optional(Schema.Array(Schema.String)),
  LogoutURLs: Schema.optional(Schema.Array(Schema.String)),
  DefaultRedirectURI: Schema.optional(Schema.String),
  AllowedOAuthFlows: Schema.optional(Schema.Array(OAuthFlow)),
  AllowedOAuthScopes: Schema.optional(Schema.Array(Schema.String)),
  AllowedOAuthFlowsUserPoolClient: Schema.optional(Schema.Boolean),
  PreventUserExistenceErrors: Schema.optional(Schema.Literal("LEGACY", "ENABLED")),
  EnableTokenRevocation: Schema.optional(Schema.Boolean),
  EnablePropagateAdditionalUserContextData: Schema.optional(Schema.Boolean),
  AuthSessionValidity: Schema.optional(Schema.Number),
  RefreshTokenRotation: Schema.optional(RefreshTokenRotation)
}

/** What `CreateUserPoolClient` accepts besides its pool, name and secret members. @since 0.1.0 @category app client */
export const UserPoolClientSettings = Schema.Struct(userPoolClientSettings)

/** An app client as `CreateUserPoolClient` / `DescribeUserPoolClient` return it. @since 0.1.0 @category app client */
export const UserPoolClientType = Schema.Struct({
  UserPoolId: Schema.optional(Schema.String),
  ClientName: Schema.optional(Schema.String),
  ClientId: Schema.optional(Schema.String),
  ClientSecret: Schema.optional(Secret),
  LastModifiedDate: Schema.optional(EpochSeconds),
  CreationDate: Schema.optional(EpochSeconds),
  ...userPoolClientSettings
})
/** @since 0.1.0 @category app client */
export type UserPoolClientType = typeof UserPoolClientType.Type

// --- pool MFA configuration ---------------------------------------------------------------

/** The pool's MFA configuration, shared by `SetUserPoolMfaConfig` (in and out) and `GetUserPoolMfaConfig`. @since 0.1.0 @category mfa */
export const MfaConfigFields = {
  SmsMfaConfiguration: Schema.optional(
    Schema.Struct({
      SmsAuthenticationMessage: Schema.optional(Schema.String),
      SmsConfiguration: Schema.optional(
        Schema.Struct({
          SnsCallerArn: Schema.optional(Schema.String),
          ExternalId: Schema.optional(Schema.String),
          SnsRegion: Schema.optional(Schema.String)
        })
      )
    })
  ),
  SoftwareTokenMfaConfiguration: Schema.optional(Schema.Struct({ Enabled: Schema.optional(Schema.Boolean) })),
  EmailMfaConfiguration: Schema.optional(
    Schema.Struct({ Message: Schema.optional(Schema.String), Subject: Schema.optional(Schema.String) })
  ),
  MfaConfiguration: Schema.optional(UserPoolMfa),
  WebAuthnConfiguration: Schema.optional(
    Schema.Struct({
      RelyingPartyId: Schema.optional(Schema.String),
      UserVerification: Schema.optional(Schema.Literal("required", "preferred")),
      FactorConfiguration: Schema.optional(Schema.String)
    })
  )
}
