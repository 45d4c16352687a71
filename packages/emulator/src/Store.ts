/**
 * The emulator's durable state: user pools with their app clients, users, groups and signing
 * keys, plus the refresh-token families ("origins") that decide whether a token still works.
 *
 * Records are immutable values kept in mutable maps; every method that changes a map is one
 * synchronous step, so a check-then-update (consuming a code, rotating a refresh token) can never
 * interleave with another request. Every record is a Schema, which makes the `--data` snapshot
 * self-validating on load. Secrets are never stored in the clear: passwords as SRP verifiers,
 * codes and refresh tokens as SHA-256 digests, the client secret and private keys `Redacted`.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as CreateUserPool from "@cognito-effect/domain/wire/CreateUserPool"
import * as Shapes from "@cognito-effect/domain/wire/Shapes"
import * as IdentityPools from "./IdentityPools.js"

const opt = <S extends Schema.Schema.Any>(schema: S) => Schema.optionalWith(schema, { exact: true })

/** A pool's RS256 key; the private half is a JWK. @since 0.1.0 */
export const SigningKey = Schema.Struct({
  kid: Schema.String,
  privateJwk: Schema.Redacted(Schema.Record({ key: Schema.String, value: Schema.Unknown }))
})
/** @since 0.1.0 */
export type SigningKey = typeof SigningKey.Type

/** @since 0.1.0 */
export const Pool = Schema.Struct({
  id: Schema.String,
  createdAt: Schema.Number,
  modifiedAt: Schema.Number,
  /** The `CreateUserPool` input with defaults filled in. */
  settings: CreateUserPool.Request,
  /** Standard attributes followed by the pool's custom ones. */
  schema: Schema.Array(Shapes.SchemaAttribute),
  signingKey: SigningKey,
  /** Keys simulated answers for unknown users (PreventUserExistenceErrors) so they stay stable. */
  decoySecret: Schema.Redacted(Schema.String),
  /** Which MFA factors the pool offers (SetUserPoolMfaConfig); absent: SMS alone when MFA is not OFF. */
  mfaConfig: opt(Schema.Struct({
    SmsMfaConfiguration: Shapes.MfaConfigFields.SmsMfaConfiguration,
    SoftwareTokenMfaConfiguration: Shapes.MfaConfigFields.SoftwareTokenMfaConfiguration,
    EmailMfaConfiguration: Shapes.MfaConfigFields.EmailMfaConfiguration
  })),
  /** Passkeys: the relying party (SetUserPoolMfaConfig's WebAuthnConfiguration) and, beyond Cognito, the origins allowed. */
  webAuthn: opt(Schema.Struct({
    RelyingPartyId: opt(Schema.String),
    UserVerification: opt(Schema.Literal("required", "preferred")),
    Origins: opt(Schema.Array(Schema.String))
  }))
})
/** @since 0.1.0 */
export type Pool = typeof Pool.Type

/** An app client; `settings` is what `CreateUserPoolClient` received, defaults filled in. @since 0.1.0 */
export const Client = Schema.Struct({
  id: Schema.String,
  poolId: Schema.String,
  name: Schema.String,
  secret: opt(Schema.Redacted(Schema.String)),
  createdAt: Schema.Number,
  modifiedAt: Schema.Number,
  settings: Shapes.UserPoolClientSettings
})
/** @since 0.1.0 */
export type Client = typeof Client.Type

/** A password as an SRP verifier (hex), never the password itself. @since 0.1.0 */
export const Password = Schema.Struct({
  salt: Schema.String,
  verifier: Schema.String,
  /** set by an admin: the next sign-in must choose a new one (NEW_PASSWORD_REQUIRED) */
  temporary: Schema.Boolean,
  setAt: Schema.Number
})
/** @since 0.1.0 */
export type Password = typeof Password.Type

/** @since 0.1.0 */
export const DeliveryMedium = Schema.Literal("EMAIL", "SMS")
/** @since 0.1.0 */
export type DeliveryMedium = typeof DeliveryMedium.Type

/** A one-time code waiting for its answer, stored as a digest. @since 0.1.0 */
export const PendingCode = Schema.Struct({
  digest: Schema.String,
  expiresAt: Schema.Number,
  failures: Schema.Number,
  medium: DeliveryMedium,
  destination: Schema.String,
  attributeName: opt(Schema.String)
})
/** @since 0.1.0 */
export type PendingCode = typeof PendingCode.Type

/** Counters for Cognito's lockout: after 5 failures, 2^(n-5) s, at most 15 min. @since 0.1.0 */
export const FailedSignIns = Schema.Struct({
  count: Schema.Number,
  lockedUntil: Schema.Number,
  lastAt: Schema.Number
})
/** @since 0.1.0 */
export type FailedSignIns = typeof FailedSignIns.Type

/** An MFA factor, by its challenge name. @since 0.1.0 */
export const MfaFactor = Schema.Literal("SMS_MFA", "SOFTWARE_TOKEN_MFA", "EMAIL_OTP")
/** @since 0.1.0 */
export type MfaFactor = typeof MfaFactor.Type

/** A TOTP authenticator: its base32 secret and the last step a code was accepted for (no replays). @since 0.1.0 */
export const SoftwareToken = Schema.Struct({
  secret: Schema.Redacted(Schema.String),
  createdAt: Schema.Number,
  friendlyName: opt(Schema.String),
  lastStep: opt(Schema.Number)
})
/** @since 0.1.0 */
export type SoftwareToken = typeof SoftwareToken.Type

/** A user's MFA settings: enabled factors, the preferred one, the verified and the pending authenticator. @since 0.1.0 */
export const UserMfa = Schema.Struct({
  enabled: Schema.Array(MfaFactor),
  preferred: opt(MfaFactor),
  softwareToken: opt(SoftwareToken),
  /** associated but not verified yet; replaces `softwareToken` once verified */
  pendingSoftwareToken: opt(SoftwareToken)
})
/** @since 0.1.0 */
export type UserMfa = typeof UserMfa.Type

/** A registered passkey: its public key as COSE (base64url), never a secret. @since 0.1.0 */
export const Passkey = Schema.Struct({
  /** base64url, as the authenticator made it */
  credentialId: Schema.String,
  publicKey: Schema.String,
  /** COSE algorithm: -7 (ES256) or -257 (RS256) */
  algorithm: Schema.Number,
  signCount: Schema.Number,
  relyingPartyId: Schema.String,
  friendlyName: Schema.String,
  transports: Schema.Array(Schema.String),
  attachment: opt(Schema.String),
  createdAt: Schema.Number,
  lastUsedAt: opt(Schema.Number)
})
/** @since 0.1.0 */
export type Passkey = typeof Passkey.Type

/** @since 0.1.0 */
export const User = Schema.Struct({
  /** the canonical user name (a UUID in email- or phone-as-username pools) */
  username: Schema.String,
  /** every attribute, `sub` included, in the order GetUser lists them */
  attributes: Schema.Record({ key: Schema.String, value: Schema.String }),
  enabled: Schema.Boolean,
  status: Shapes.UserStatus,
  createdAt: Schema.Number,
  modifiedAt: Schema.Number,
  password: opt(Password),
  /** pending codes by purpose (`SIGN_UP`, `FORGOT_PASSWORD`, `VERIFY_email`, …) */
  codes: Schema.Record({ key: Schema.String, value: PendingCode }),
  failedSignIns: FailedSignIns,
  groups: Schema.Array(Schema.String),
  mfa: opt(UserMfa),
  passkeys: opt(Schema.Array(Passkey)),
  /**
   * New `email` / `phone_number` values waiting for their code while the verified original stays
   * in `attributes` (the pool's AttributesRequireVerificationBeforeUpdate); never shown by the API
   */
  pendingAttributes: opt(Schema.Record({ key: Schema.String, value: Schema.String })),
  /** when codes were requested, by the key they are kept under, within the rate limit's window */
  codeRequests: opt(Schema.Record({ key: Schema.String, value: Schema.Array(Schema.Number) }))
})
/** @since 0.1.0 */
export type User = typeof User.Type

/** The lockout counters with nothing counted: a new user's, and after a success or a new password. @since 0.1.0 */
export const noFailedSignIns: FailedSignIns = { count: 0, lockedUntil: 0, lastAt: 0 }

/** A user record as it starts out: enabled, no password, no pending codes, no failures, in no group. @since 0.1.0 */
export const newUser = (input: {
  readonly username: string
  readonly attributes: User["attributes"]
  readonly status: User["status"]
  readonly now: number
}): User => ({
  username: input.username,
  attributes: input.attributes,
  enabled: true,
  status: input.status,
  createdAt: input.now,
  modifiedAt: input.now,
  codes: {},
  failedSignIns: noFailedSignIns,
  groups: []
})

/** @since 0.1.0 */
export const Group = Schema.Struct({
  name: Schema.String,
  description: opt(Schema.String),
  precedence: opt(Schema.Number),
  roleArn: opt(Schema.String),
  createdAt: Schema.Number,
  modifiedAt: Schema.Number
})
/** @since 0.1.0 */
export type Group = typeof Group.Type

/**
 * One authentication event: every token minted from it carries its id as `origin_jti`.
 * Revoking it (RevokeToken, GlobalSignOut) stops all of them at once.
 * @since 0.1.0
 */
export const Origin = Schema.Struct({
  jti: Schema.String,
  poolId: Schema.String,
  clientId: Schema.String,
  username: Schema.String,
  authTime: Schema.Number,
  expiresAt: Schema.Number,
  revoked: Schema.Boolean,
  deviceKey: opt(Schema.String),
  /** the OAuth scopes granted through the hosted UI (absent: the API's `aws.cognito.signin.user.admin`) */
  scope: opt(Schema.String)
})
/** @since 0.1.0 */
export type Origin = typeof Origin.Type

/** A refresh token, by the digest of its value. @since 0.1.0 */
export const RefreshToken = Schema.Struct({
  digest: Schema.String,
  originJti: Schema.String,
  issuedAt: Schema.Number,
  expiresAt: Schema.Number,
  /** set when rotation replaced it: usable until then, `RefreshTokenReuseException` after */
  retiredAt: opt(Schema.Number),
  graceUntil: opt(Schema.Number)
})
/** @since 0.1.0 */
export type RefreshToken = typeof RefreshToken.Type

/**
 * A device the user confirmed (ConfirmDevice): its SRP verifier config as received (standard
 * base64 `Salt` and `PasswordVerifier`), never its password.
 * @since 0.1.0
 */
export const Device = Schema.Struct({
  key: Schema.String,
  groupKey: Schema.String,
  poolId: Schema.String,
  /** the canonical user name of its owner */
  username: Schema.String,
  verifierConfig: Schema.Struct({ Salt: Schema.String, PasswordVerifier: Schema.String }),
  name: opt(Schema.String),
  status: Shapes.DeviceRememberedStatus,
  createdAt: Schema.Number,
  modifiedAt: Schema.Number,
  lastAuthenticatedAt: Schema.Number,
  lastIp: opt(Schema.String)
})
/** @since 0.1.0 */
export type Device = typeof Device.Type

/** @since 0.1.0 */
export const PoolSnapshot = Schema.Struct({
  pool: Pool,
  clients: Schema.Array(Client),
  users: Schema.Array(User),
  groups: Schema.Array(Group)
})

/** Everything `--data` persists. @since 0.1.0 */
export const Snapshot = Schema.Struct({
  version: Schema.Literal(1),
  pools: Schema.Array(PoolSnapshot),
  origins: Schema.Array(Origin),
  refreshTokens: Schema.Array(RefreshToken),
  /** absent in snapshots written before identity pools existed */
  identityPools: opt(Schema.Array(IdentityPools.PoolSnapshot)),
  /** absent in snapshots written before devices existed */
  devices: opt(Schema.Array(Device))
})
/** @since 0.1.0 */
export type Snapshot = typeof Snapshot.Type

/** The live state of one pool. @since 0.1.0 */
export interface PoolState {
  pool: Pool
  readonly clients: Map<string, Client>
  /** by user key (the user name, lower-cased unless the pool is case sensitive) */
  readonly users: Map<string, User>
  /** `email:a@b.c` → user key, for every value a user can sign in with besides the user name */
  readonly aliases: Map<string, string>
  readonly groups: Map<string, Group>
}

const aliasKey = (attribute: string, value: string, caseSensitive: boolean): string => {
  const normal = attribute === "phone_number" || (caseSensitive && attribute === "preferred_username") ? value : value.toLowerCase()
  return `${attribute}:${normal}`
}

/** @since 0.1.0 */
export const isCaseSensitive = (pool: Pool): boolean => pool.settings.UsernameConfiguration?.CaseSensitive ?? false

/**
 * The sign-in names a user holds besides the user name: username attributes always, alias
 * attributes once verified (`preferred_username` needs no verification).
 * @since 0.1.0
 */
export const signInAliases = (pool: Pool, user: User): ReadonlyArray<string> => {
  const keys: Array<string> = []
  // A federated user's e-mail is the provider's; it never signs anyone in with a password here.
  if (user.status === "EXTERNAL_PROVIDER") return keys
  const caseSensitive = isCaseSensitive(pool)
  for (const attribute of pool.settings.UsernameAttributes ?? []) {
    const value = user.attributes[attribute]
    if (value !== undefined) keys.push(aliasKey(attribute, value, caseSensitive))
  }
  for (const attribute of pool.settings.AliasAttributes ?? []) {
    const value = user.attributes[attribute]
    const verified = attribute === "preferred_username" || user.attributes[`${attribute}_verified`] === "true"
    if (value !== undefined && verified) keys.push(aliasKey(attribute, value, caseSensitive))
  }
  return keys
}

/** @since 0.1.0 */
export class Store {
  readonly pools = new Map<string, PoolState>()
  /** client id → pool id: client-side operations name only the client */
  readonly clientPools = new Map<string, string>()
  readonly origins = new Map<string, Origin>()
  readonly refreshTokens = new Map<string, RefreshToken>()
  /** confirmed devices by device key */
  readonly devices = new Map<string, Device>()
  readonly identityPools = new IdentityPools.Registry(() => this.changed())
  #listeners: Array<() => void> = []

  /** Registers a callback run after every change (persistence uses it). */
  onChange(listener: () => void): void {
    this.#listeners.push(listener)
  }

  /** Marks the state as changed. */
  changed(): void {
    for (const listener of this.#listeners) listener()
  }

  userKey(state: PoolState, username: string): string {
    return isCaseSensitive(state.pool) ? username : username.toLowerCase()
  }

  putPool(pool: Pool): PoolState {
    const existing = this.pools.get(pool.id)
    if (existing !== undefined) {
      existing.pool = pool
      this.changed()
      return existing
    }
    const state: PoolState = { pool, clients: new Map(), users: new Map(), aliases: new Map(), groups: new Map() }
    this.pools.set(pool.id, state)
    this.changed()
    return state
  }

  deletePool(poolId: string): void {
    const state = this.pools.get(poolId)
    if (state === undefined) return
    for (const clientId of state.clients.keys()) this.clientPools.delete(clientId)
    for (const device of this.devices.values()) if (device.poolId === poolId) this.devices.delete(device.key)
    this.pools.delete(poolId)
    this.changed()
  }

  putClient(state: PoolState, client: Client): void {
    state.clients.set(client.id, client)
    this.clientPools.set(client.id, state.pool.id)
    this.changed()
  }

  /** The pool and client for a client id. */
  findClient(clientId: string): { readonly state: PoolState; readonly client: Client } | undefined {
    const poolId = this.clientPools.get(clientId)
    const state = poolId === undefined ? undefined : this.pools.get(poolId)
    const client = state?.clients.get(clientId)
    return state === undefined || client === undefined ? undefined : { state, client }
  }

  /** A user by user name, or by any alias the pool lets users sign in with. */
  findUser(state: PoolState, name: string): User | undefined {
    const direct = state.users.get(this.userKey(state, name))
    if (direct !== undefined) return direct
    const caseSensitive = isCaseSensitive(state.pool)
    const attributes = [...(state.pool.settings.UsernameAttributes ?? []), ...(state.pool.settings.AliasAttributes ?? [])]
    for (const attribute of attributes) {
      const key = state.aliases.get(aliasKey(attribute, name, caseSensitive))
      if (key !== undefined) return state.users.get(key)
    }
    return undefined
  }

  /** The user (other than `exceptKey`) already holding `value` of `attribute` as a sign-in name. */
  aliasOwner(state: PoolState, attribute: string, value: string): User | undefined {
    const key = state.aliases.get(aliasKey(attribute, value, isCaseSensitive(state.pool)))
    return key === undefined ? undefined : state.users.get(key)
  }

  putUser(state: PoolState, user: User): void {
    const key = this.userKey(state, user.username)
    const previous = state.users.get(key)
    if (previous !== undefined) {
      for (const alias of signInAliases(state.pool, previous)) {
        if (state.aliases.get(alias) === key) state.aliases.delete(alias)
      }
    }
    state.users.set(key, user)
    for (const alias of signInAliases(state.pool, user)) state.aliases.set(alias, key)
    this.changed()
  }

  deleteUser(state: PoolState, user: User): void {
    const key = this.userKey(state, user.username)
    for (const alias of signInAliases(state.pool, user)) {
      if (state.aliases.get(alias) === key) state.aliases.delete(alias)
    }
    state.users.delete(key)
    for (const device of this.devices.values()) {
      if (device.poolId === state.pool.id && device.username === user.username) this.devices.delete(device.key)
    }
    this.revokeUserOrigins(state.pool.id, user.username)
    this.changed()
  }

  putGroup(state: PoolState, group: Group): void {
    state.groups.set(group.name, group)
    this.changed()
  }

  putOrigin(origin: Origin): void {
    this.origins.set(origin.jti, origin)
    this.changed()
  }

  putRefreshToken(token: RefreshToken): void {
    this.refreshTokens.set(token.digest, token)
    this.changed()
  }

  putDevice(device: Device): void {
    this.devices.set(device.key, device)
    this.changed()
  }

  deleteDevice(key: string): void {
    if (this.devices.delete(key)) this.changed()
  }

  /** Revokes one family of tokens; `false` when it did not exist. */
  revokeOrigin(jti: string): boolean {
    const origin = this.origins.get(jti)
    if (origin === undefined) return false
    if (!origin.revoked) {
      this.origins.set(jti, { ...origin, revoked: true })
      this.changed()
    }
    return true
  }

  /** GlobalSignOut and user deletion: every family of the user, all clients. */
  revokeUserOrigins(poolId: string, username: string): void {
    for (const origin of this.origins.values()) {
      if (origin.poolId === poolId && origin.username === username && !origin.revoked) {
        this.origins.set(origin.jti, { ...origin, revoked: true })
      }
    }
    this.changed()
  }

  /** Forgets families and refresh tokens past their expiry. */
  prune(now: number): void {
    let removed = false
    for (const [jti, origin] of this.origins) {
      if (origin.expiresAt <= now) {
        this.origins.delete(jti)
        removed = true
      }
    }
    for (const [digest, token] of this.refreshTokens) {
      if (token.expiresAt <= now || !this.origins.has(token.originJti)) {
        this.refreshTokens.delete(digest)
        removed = true
      }
    }
    if (removed) this.changed()
  }

  toSnapshot(): Snapshot {
    return {
      version: 1,
      pools: [...this.pools.values()].map((state) => ({
        pool: state.pool,
        clients: [...state.clients.values()],
        users: [...state.users.values()],
        groups: [...state.groups.values()]
      })),
      origins: [...this.origins.values()],
      refreshTokens: [...this.refreshTokens.values()],
      ...(this.identityPools.size > 0 ? { identityPools: this.identityPools.toSnapshot() } : {}),
      ...(this.devices.size > 0 ? { devices: [...this.devices.values()] } : {})
    }
  }

  /** Replaces the whole state with a snapshot's. */
  load(snapshot: Snapshot): void {
    this.pools.clear()
    this.clientPools.clear()
    this.origins.clear()
    this.refreshTokens.clear()
    this.devices.clear()
    for (const entry of snapshot.pools) {
      const state: PoolState = { pool: entry.pool, clients: new Map(), users: new Map(), aliases: new Map(), groups: new Map() }
      this.pools.set(entry.pool.id, state)
      for (const client of entry.clients) {
        state.clients.set(client.id, client)
        this.clientPools.set(client.id, entry.pool.id)
      }
      for (const user of entry.users) {
        const key = this.userKey(state, user.username)
        state.users.set(key, user)
        for (const alias of signInAliases(entry.pool, user)) state.aliases.set(alias, key)
      }
      for (const group of entry.groups) state.groups.set(group.name, group)
    }
    for (const origin of snapshot.origins) this.origins.set(origin.jti, origin)
    for (const token of snapshot.refreshTokens) this.refreshTokens.set(token.digest, token)
    this.identityPools.load(snapshot.identityPools ?? [])
    for (const device of snapshot.devices ?? []) this.devices.set(device.key, device)
  }
}

/** Encodes a snapshot to JSON text (secrets written out: the data directory is the trust boundary). @since 0.1.0 */
export const encodeSnapshot = (snapshot: Snapshot): string => JSON.stringify(Schema.encodeSync(Snapshot)(snapshot))

/** Decodes JSON text into a snapshot; throws on malformed JSON or a wrong shape. @since 0.1.0 */
export const decodeSnapshot = (text: string): Snapshot => Schema.decodeUnknownSync(Snapshot)(JSON.parse(text))
