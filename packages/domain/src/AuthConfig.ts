/**
 * The auth configuration as one explicit service. `parse` (added with the config Schema) turns
 * Amplify's `ResourcesConfig` or an `amplify_outputs.json` document into a `ResolvedAuthConfig`;
 * nothing else reads configuration.
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"

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
  /** `userPoolId` before the `_` */
  readonly region: string
  /** `userPoolId` after the `_` (the SRP "pool name") */
  readonly poolName: string
  readonly endpoint: string
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
  readonly region: string
  readonly endpoint: string
  readonly allowGuestAccess: boolean
}

/** The resolved configuration. @since 0.1.0 */
export interface ResolvedAuthConfig {
  readonly userPool?: UserPoolConfig
  readonly identityPool?: IdentityPoolConfig
}

/** @since 0.1.0 @category tags */
export class AuthConfig extends Context.Tag("@cognito-effect/domain/AuthConfig")<AuthConfig, ResolvedAuthConfig>() {}
