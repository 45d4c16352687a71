/**
 * A pool's passkey settings and a user's passkeys: the relying party (its id, the user
 * verification it demands, the origins it accepts), the first factors the pool allows
 * (`Policies.SignInPolicy.AllowedFirstAuthFactors`), and the user handle a user's credentials are
 * made for.
 *
 * The relying-party id comes from `SetUserPoolMfaConfig`'s `WebAuthnConfiguration` (or the seed);
 * without one it is `localhost`. Origins: the configured list when there is one, else any
 * `https://` origin on the RP id or a subdomain of it, and `http://` ones when that host is
 * `localhost` — browsers treat it as a secure context.
 *
 * @since 0.1.0
 */
import type * as Shapes from "@cognito-effect/domain/wire/Shapes"
import * as Passkey from "@cognito-effect/domain/Passkey"
import * as CognitoException from "./CognitoException.js"
import type * as Store from "./Store.js"

/** The RP id when the pool names none. @since 0.1.0 */
export const defaultRelyingPartyId = "localhost"

/** Cognito's limit of passkeys per user. @since 0.1.0 */
export const maxPerUser = 20

/** @since 0.1.0 */
export type Config = NonNullable<Store.Pool["webAuthn"]>

/** @since 0.1.0 */
export interface RelyingParty {
  readonly id: string
  readonly userVerification: "required" | "preferred"
  readonly originAllowed: (origin: string) => boolean
}

const isLocalhost = (host: string) => host === "localhost" || host.endsWith(".localhost")

/** Whether `origin` may run ceremonies for `rpId` (see the module comment). @since 0.1.0 */
export const originAllowed = (rpId: string, configured: ReadonlyArray<string> | undefined) => (origin: string): boolean => {
  if (configured !== undefined && configured.length > 0) return configured.includes(origin)
  let url: URL
  try {
    url = new URL(origin)
  } catch {
    return false
  }
  if (url.origin !== origin) return false
  const onRp = url.hostname === rpId || url.hostname.endsWith(`.${rpId}`)
  return onRp && (url.protocol === "https:" || (url.protocol === "http:" && isLocalhost(url.hostname)))
}

/** The pool's relying party. @since 0.1.0 */
export const relyingParty = (pool: Store.Pool): RelyingParty => {
  const id = pool.webAuthn?.RelyingPartyId ?? defaultRelyingPartyId
  return {
    id,
    userVerification: pool.webAuthn?.UserVerification ?? "preferred",
    originAllowed: originAllowed(id, pool.webAuthn?.Origins)
  }
}

/** The `WebAuthnConfiguration` member of GetUserPoolMfaConfig / SetUserPoolMfaConfig, once configured. @since 0.1.0 */
export const describe = (pool: Store.Pool) => {
  if (pool.webAuthn === undefined) return {}
  const rp = relyingParty(pool)
  return { WebAuthnConfiguration: { RelyingPartyId: rp.id, UserVerification: rp.userVerification } }
}

/**
 * The pool with the `WebAuthnConfiguration` of SetUserPoolMfaConfig applied (members left out
 * are kept), and the origins when given.
 * @since 0.1.0
 */
export const configure = (
  pool: Store.Pool,
  input: { readonly RelyingPartyId?: string | undefined; readonly UserVerification?: "required" | "preferred" | undefined } | undefined,
  origins?: ReadonlyArray<string>
): Store.Pool => {
  if (input === undefined && origins === undefined) return pool
  const current = pool.webAuthn ?? {}
  const next: Config = {
    ...current,
    ...(input?.RelyingPartyId !== undefined ? { RelyingPartyId: input.RelyingPartyId } : {}),
    ...(input?.UserVerification !== undefined ? { UserVerification: input.UserVerification } : {}),
    ...(origins !== undefined ? { Origins: origins } : {})
  }
  return { ...pool, webAuthn: next }
}

/** @since 0.1.0 */
export type AuthFactor = typeof Shapes.AuthFactor.Type

/** The pool's allowed first factors; Cognito's default is the password alone. @since 0.1.0 */
export const allowedFirstFactors = (pool: Store.Pool): ReadonlyArray<AuthFactor> =>
  pool.settings.Policies?.SignInPolicy?.AllowedFirstAuthFactors ?? ["PASSWORD"]

/** Whether users of the pool may sign in with passkeys (and so register them). @since 0.1.0 */
export const enabled = (pool: Store.Pool): boolean => allowedFirstFactors(pool).includes("WEB_AUTHN")

/** Whether a user may exist without a password (some first factor needs none). @since 0.1.0 */
export const passwordOptional = (pool: Store.Pool): boolean => allowedFirstFactors(pool).some((factor) => factor !== "PASSWORD")

/** @since 0.1.0 */
export const notEnabled = () => CognitoException.make("WebAuthnNotEnabledException", "WebAuthn is not enabled for this user pool.")

/** The user's passkeys for the pool's current relying party. @since 0.1.0 */
export const of = (pool: Store.Pool, user: Store.User): ReadonlyArray<Store.Passkey> =>
  (user.passkeys ?? []).filter((passkey) => passkey.relyingPartyId === relyingParty(pool).id)

/** The user handle (`user.id`) of a user's credentials: the `sub`, base64url. @since 0.1.0 */
export const userHandle = (user: Store.User): string => Passkey.toBase64Url(new TextEncoder().encode(user.attributes["sub"] ?? user.username))

/** The name an authenticator shows for the account. @since 0.1.0 */
export const accountName = (user: Store.User): string =>
  user.attributes["preferred_username"] ?? user.attributes["email"] ?? user.attributes["phone_number"] ?? user.username

/** `WebAuthnCredentialDescription` of a stored passkey. @since 0.1.0 */
export const toDescription = (passkey: Store.Passkey): Shapes.WebAuthnCredentialDescription => ({
  CredentialId: passkey.credentialId,
  FriendlyCredentialName: passkey.friendlyName,
  RelyingPartyId: passkey.relyingPartyId,
  ...(passkey.attachment !== undefined ? { AuthenticatorAttachment: passkey.attachment } : {}),
  AuthenticatorTransports: passkey.transports,
  CreatedAt: new Date(passkey.createdAt)
})
