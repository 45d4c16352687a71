/**
 * Multi-factor authentication as Cognito decides it: which factors a pool offers (its MFA mode
 * and `SetUserPoolMfaConfig`), which a user has enabled and prefers (`SetUserMFAPreference`),
 * what a sign-in owes after the password, and TOTP checks with the domain's `Totp` (RFC 6238,
 * one step of drift, each step accepted once).
 *
 * The decision after a correct password:
 * - MFA `OFF`: nothing.
 * - The user's usable factors are the enabled ones the pool offers and the user can receive
 *   (SMS needs `phone_number`, e-mail needs `email`, TOTP a verified authenticator). The
 *   preferred one, or the only one, is challenged; several without a preference get
 *   `SELECT_MFA_TYPE`.
 * - None usable: `OPTIONAL` lets the user in; `ON` sends an SMS code when the pool offers SMS and
 *   the user has a phone, else `MFA_SETUP` listing what the pool offers.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Totp from "@cognito-effect/domain/Totp"
import type * as GetUserPoolMfaConfig from "@cognito-effect/domain/wire/GetUserPoolMfaConfig"
import type * as Shapes from "@cognito-effect/domain/wire/Shapes"
import * as CognitoException from "./CognitoException.js"
import * as Ids from "./Ids.js"
import type * as Store from "./Store.js"

/** @since 0.1.0 */
export type Factor = Store.MfaFactor

/** Every factor, in the order Cognito lists them. @since 0.1.0 */
export const factors: ReadonlyArray<Factor> = ["SMS_MFA", "SOFTWARE_TOKEN_MFA", "EMAIL_OTP"]

/** @since 0.1.0 */
export type Mode = Shapes.UserPoolMfa

/** @since 0.1.0 */
export const modeOf = (pool: Store.Pool): Mode => pool.settings.MfaConfiguration ?? "OFF"

/** @since 0.1.0 */
export type PoolConfig = NonNullable<Store.Pool["mfaConfig"]>

/** The pool's factor configuration; a pool created with MFA but never configured offers SMS, as CreateUserPool does. @since 0.1.0 */
export const configOf = (pool: Store.Pool): PoolConfig =>
  pool.mfaConfig ?? (modeOf(pool) === "OFF" ? {} : { SmsMfaConfiguration: {} })

/** The factors a pool offers (none while MFA is OFF). @since 0.1.0 */
export const offered = (pool: Store.Pool): ReadonlyArray<Factor> => {
  if (modeOf(pool) === "OFF") return []
  const config = configOf(pool)
  return factors.filter((factor) =>
    factor === "SMS_MFA"
      ? config.SmsMfaConfiguration !== undefined
      : factor === "SOFTWARE_TOKEN_MFA"
        ? config.SoftwareTokenMfaConfiguration?.Enabled === true
        : config.EmailMfaConfiguration !== undefined
  )
}

/** `GetUserPoolMfaConfig` / `SetUserPoolMfaConfig` output. @since 0.1.0 */
export const describePool = (pool: Store.Pool): GetUserPoolMfaConfig.Response => {
  const config = configOf(pool)
  return {
    MfaConfiguration: modeOf(pool),
    SoftwareTokenMfaConfiguration: { Enabled: config.SoftwareTokenMfaConfiguration?.Enabled === true },
    ...(config.SmsMfaConfiguration !== undefined ? { SmsMfaConfiguration: config.SmsMfaConfiguration } : {}),
    ...(config.EmailMfaConfiguration !== undefined ? { EmailMfaConfiguration: config.EmailMfaConfiguration } : {})
  }
}

/**
 * A pool with a new MFA configuration. Like Cognito's SetUserPoolMfaConfig, the factors given
 * replace the previous ones (SMS and e-mail are on when their member is present, TOTP when
 * `Enabled`); the mode is kept when not given. ON and OPTIONAL need at least one factor.
 * @since 0.1.0
 */
export const configure = (
  pool: Store.Pool,
  input: PoolConfig & { readonly MfaConfiguration?: Mode | undefined },
  now: number
): Either.Either<Store.Pool, CognitoException.CognitoException> => {
  const mode = input.MfaConfiguration ?? modeOf(pool)
  const config: PoolConfig = {
    ...(input.SmsMfaConfiguration !== undefined ? { SmsMfaConfiguration: input.SmsMfaConfiguration } : {}),
    SoftwareTokenMfaConfiguration: { Enabled: input.SoftwareTokenMfaConfiguration?.Enabled === true },
    ...(input.EmailMfaConfiguration !== undefined ? { EmailMfaConfiguration: input.EmailMfaConfiguration } : {})
  }
  return requireOffered({ ...pool, settings: { ...pool.settings, MfaConfiguration: mode }, mfaConfig: config, modifiedAt: now })
}

/**
 * `pool`, or Cognito's refusal when MFA is on or optional and no factor is enabled.
 * @since 0.1.0
 */
export const requireOffered = (pool: Store.Pool): Either.Either<Store.Pool, CognitoException.CognitoException> => {
  const mode = modeOf(pool)
  return mode !== "OFF" && offered(pool).length === 0
    ? Either.left(CognitoException.invalidParameter(`At least one of SMS, TOTP or email MFA must be enabled when MfaConfiguration is ${mode}.`))
    : Either.right(pool)
}

/** The user's MFA settings (none enabled when never set). @since 0.1.0 */
export const settingsOf = (user: Store.User): Store.UserMfa => user.mfa ?? { enabled: [] }

/** Whether the user can receive or answer a factor at all. @since 0.1.0 */
export const capable = (user: Store.User, factor: Factor): boolean => {
  switch (factor) {
    case "SMS_MFA":
      return Boolean(user.attributes["phone_number"])
    case "EMAIL_OTP":
      return Boolean(user.attributes["email"])
    case "SOFTWARE_TOKEN_MFA":
      return settingsOf(user).softwareToken !== undefined
  }
}

/** The factors that can challenge this user at sign-in. @since 0.1.0 */
export const usable = (pool: Store.Pool, user: Store.User): ReadonlyArray<Factor> => {
  const enabled = settingsOf(user).enabled
  return offered(pool).filter((factor) => enabled.includes(factor) && capable(user, factor))
}

/** What a sign-in owes after its password. @since 0.1.0 */
export type Requirement =
  | { readonly _tag: "None" }
  | { readonly _tag: "Challenge"; readonly factor: Factor }
  | { readonly _tag: "Select"; readonly factors: ReadonlyArray<Factor> }
  | { readonly _tag: "Setup"; readonly factors: ReadonlyArray<Factor> }

/** @since 0.1.0 */
export const requirement = (pool: Store.Pool, user: Store.User): Requirement => {
  const mode = modeOf(pool)
  if (mode === "OFF") return { _tag: "None" }
  const choices = usable(pool, user)
  if (choices.length === 0) {
    if (mode === "OPTIONAL") return { _tag: "None" }
    if (offered(pool).includes("SMS_MFA") && capable(user, "SMS_MFA")) return { _tag: "Challenge", factor: "SMS_MFA" }
    return { _tag: "Setup", factors: offered(pool) }
  }
  const preferred = settingsOf(user).preferred
  if (preferred !== undefined && choices.includes(preferred)) return { _tag: "Challenge", factor: preferred }
  if (choices.length === 1) return { _tag: "Challenge", factor: choices[0]! }
  return { _tag: "Select", factors: choices }
}

/** A user with `factor` enabled, and preferred when nothing else is. @since 0.1.0 */
export const enable = (user: Store.User, factor: Factor): Store.User => {
  const settings = settingsOf(user)
  return {
    ...user,
    mfa: {
      ...settings,
      enabled: settings.enabled.includes(factor) ? settings.enabled : factors.filter((f) => f === factor || settings.enabled.includes(f)),
      preferred: settings.preferred ?? factor
    }
  }
}

/** One factor's `{Enabled?, PreferredMfa?}`. @since 0.1.0 */
export type Settings = typeof Shapes.MfaSettings.Type

/** `SetUserMFAPreference` input, by factor. @since 0.1.0 */
export type Preferences = Partial<Record<Factor, Settings>>

/**
 * New settings from `SetUserMFAPreference`: a factor left out keeps its setting; enabling needs
 * the pool to offer it and the user to be able to receive it; at most one can be preferred.
 * @since 0.1.0
 */
export const applyPreferences = (
  pool: Store.Pool,
  user: Store.User,
  preferences: Preferences
): Either.Either<Store.UserMfa, CognitoException.CognitoException> => {
  const settings = settingsOf(user)
  const given = factors.flatMap((factor) => (preferences[factor] === undefined ? [] : [[factor, preferences[factor]!] as const]))
  const preferred = given.filter(([, setting]) => setting.PreferredMfa === true).map(([factor]) => factor)
  if (preferred.length > 1) return Either.left(CognitoException.invalidParameter("Only one MFA method can be preferred."))
  let enabled = settings.enabled
  let choice = settings.preferred
  for (const [factor, setting] of given) {
    if (setting.Enabled === true) {
      if (!offered(pool).includes(factor)) {
        return Either.left(CognitoException.invalidParameter(`${factor} is not enabled for the user pool.`))
      }
      if (!capable(user, factor)) {
        return Either.left(CognitoException.invalidParameter(`User does not have delivery config set to turn on ${factor}`))
      }
      if (!enabled.includes(factor)) enabled = factors.filter((f) => f === factor || enabled.includes(f))
      if (setting.PreferredMfa === true) choice = factor
      else if (setting.PreferredMfa === false && choice === factor) choice = undefined
    } else {
      if (setting.PreferredMfa === true) {
        return Either.left(CognitoException.invalidParameter(`${factor} cannot be preferred without being enabled.`))
      }
      enabled = enabled.filter((f) => f !== factor)
      if (choice === factor) choice = undefined
    }
  }
  const { preferred: _previous, ...rest } = settings
  return Either.right({ ...rest, enabled, ...(choice !== undefined ? { preferred: choice } : {}) })
}

/** The MFA members of `GetUser` / `AdminGetUser`; none when no factor is enabled. @since 0.1.0 */
export const describeUser = (user: Store.User): {
  readonly UserMFASettingList?: ReadonlyArray<string>
  readonly PreferredMfaSetting?: string
} => {
  const settings = settingsOf(user)
  if (settings.enabled.length === 0) return {}
  return {
    UserMFASettingList: settings.enabled,
    ...(settings.preferred !== undefined ? { PreferredMfaSetting: settings.preferred } : {})
  }
}

/** A new authenticator secret: 32 random bytes, 52 base32 characters like Cognito's `SecretCode`. @since 0.1.0 */
export const newSoftwareToken = (now: number) =>
  Effect.map(Ids.bytes(32), (bytes): Store.SoftwareToken => ({ secret: Redacted.make(Totp.randomSecret(bytes)), createdAt: now }))

/** The result of checking a TOTP code. @since 0.1.0 */
export type TotpCheck =
  | { readonly _tag: "Accepted"; readonly step: number }
  | { readonly _tag: "Mismatch" }
  | { readonly _tag: "Replayed" }

/**
 * Checks `code` against the step of `now` and one step either side, finding which step it
 * belongs to so that a step accepted once (`lastStep`) is not accepted again (RFC 6238 §5.2).
 * @since 0.1.0
 */
export const checkTotp = (token: Store.SoftwareToken, code: string, nowMillis: number): TotpCheck => {
  const secret = Totp.base32Decode(Redacted.value(token.secret))
  if (Option.isNone(secret)) return { _tag: "Mismatch" }
  const now = Math.floor(nowMillis / 1000)
  const current = Math.floor(now / Totp.period)
  const matched = [-1, 0, 1]
    .map((offset) => current + offset)
    .filter((step) => step >= 0 && Totp.verify(secret.value, code, step * Totp.period, { window: 0 }))
  const step = matched.at(-1)
  if (step === undefined) return { _tag: "Mismatch" }
  return token.lastStep !== undefined && step <= token.lastStep ? { _tag: "Replayed" } : { _tag: "Accepted", step }
}

/** Cognito's answer to a TOTP code from a step already used. @since 0.1.0 */
export const replayedCode = () => CognitoException.make("ExpiredCodeException", "Your software token has already been used once.")

/** Cognito's answer to a wrong MFA code during sign-in. @since 0.1.0 */
export const wrongCode = () => CognitoException.make("CodeMismatchException", "Invalid code or auth state for the user.")
