/**
 * The `--seed FILE` format and how it is applied: user pools (the `CreateUserPool` members, plus
 * an optional fixed `Id`), their app clients (the `CreateUserPoolClient` members, plus `Id` and a
 * fixed `ClientSecret`; pools also take the `SetUserPoolMfaConfig` factor members) and users (a
 * permanent `Password` or a `TemporaryPassword`, attributes, status, MFA settings). Applying is idempotent: pools are matched by `Id` or `PoolName`, clients by `Id` or
 * `ClientName`, users by name, and what exists is left alone — so a seed and `--data` combine.
 *
 * With no seed, the emulator creates one pool (`us-east-1_<random>`, e-mail as user name,
 * e-mail verified by code, optional MFA by SMS, TOTP or e-mail) with a public client that allows
 * every flow.
 *
 * @since 0.1.0
 */
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import * as CreateUserPool from "@cognito-effect/domain/wire/CreateUserPool"
import * as CreateUserPoolClient from "@cognito-effect/domain/wire/CreateUserPoolClient"
import * as CreateIdentityPool from "@cognito-effect/domain/wire/CreateIdentityPool"
import * as Shapes from "@cognito-effect/domain/wire/Shapes"
import * as Totp from "@cognito-effect/domain/Totp"
import * as Attributes from "./Attributes.js"
import * as CognitoException from "./CognitoException.js"
import type { EmulatorService } from "./Emulator.js"
import * as GroupOperations from "./operations/Groups.js"
import * as IdentityPoolOperations from "./operations/IdentityPools.js"
import * as UserPools from "./operations/UserPools.js"
import * as Passkeys from "./Passkeys.js"
import * as Passwords from "./Passwords.js"
import * as Mfa from "./Mfa.js"
import * as Store from "./Store.js"
import * as Users from "./Users.js"

/** A seeded user. `Attributes` as `{name: value}` or `[{Name, Value}]`. @since 0.1.0 */
export const SeedUser = Schema.Struct({
  Username: Schema.String,
  Password: Schema.optional(Schema.String),
  TemporaryPassword: Schema.optional(Schema.String),
  Attributes: Schema.optional(Schema.Union(Schema.Record({ key: Schema.String, value: Schema.String }), Shapes.AttributeList)),
  Status: Schema.optional(Schema.Literal("CONFIRMED", "UNCONFIRMED", "FORCE_CHANGE_PASSWORD")),
  Enabled: Schema.optional(Schema.Boolean),
  Groups: Schema.optional(Schema.Array(Schema.String)),
  /** MFA factors the user has enabled (as GetUser lists them), the preferred one, a TOTP secret (base32) */
  UserMFASettingList: Schema.optional(Schema.Array(Store.MfaFactor)),
  PreferredMfaSetting: Schema.optional(Store.MfaFactor),
  SoftwareTokenSecret: Schema.optional(Schema.String)
})
/** @since 0.1.0 */
export type SeedUser = typeof SeedUser.Type

const { UserPoolId: _poolId, ClientSecret: _secret, ...clientFields } = CreateUserPoolClient.Request.fields

/** A seeded app client. @since 0.1.0 */
export const SeedClient = Schema.Struct({
  Id: Schema.optional(Schema.String),
  ClientSecret: Schema.optional(Schema.String),
  ...clientFields
})
/** @since 0.1.0 */
export type SeedClient = typeof SeedClient.Type

/** A seeded group. @since 0.1.0 */
export const SeedGroup = Schema.Struct({
  GroupName: Schema.String,
  Description: Schema.optional(Schema.String),
  Precedence: Schema.optional(Schema.Number),
  RoleArn: Schema.optional(Schema.String)
})

/** A seeded pool. @since 0.1.0 */
export const SeedPool = Schema.Struct({
  Id: Schema.optional(Schema.String),
  ...CreateUserPool.Request.fields,
  SmsMfaConfiguration: Shapes.MfaConfigFields.SmsMfaConfiguration,
  SoftwareTokenMfaConfiguration: Shapes.MfaConfigFields.SoftwareTokenMfaConfiguration,
  EmailMfaConfiguration: Shapes.MfaConfigFields.EmailMfaConfiguration,
  /** the passkey relying party (RP id, user verification), as SetUserPoolMfaConfig takes it */
  WebAuthnConfiguration: Shapes.MfaConfigFields.WebAuthnConfiguration,
  /** beyond Cognito: the exact origins passkey ceremonies may come from */
  WebAuthnOrigins: Schema.optional(Schema.Array(Schema.String)),
  Clients: Schema.optional(Schema.Array(SeedClient)),
  Groups: Schema.optional(Schema.Array(SeedGroup)),
  Users: Schema.optional(Schema.Array(SeedUser))
})
/** @since 0.1.0 */
export type SeedPool = typeof SeedPool.Type

/**
 * A seeded identity pool: the `CreateIdentityPool` members plus an optional fixed `Id`. Without
 * `CognitoIdentityProviders` it trusts every app client of every user pool in the seed.
 * @since 0.1.0
 */
export const SeedIdentityPool = Schema.Struct({
  Id: Schema.optional(Schema.String),
  ...CreateIdentityPool.Request.fields
})
/** @since 0.1.0 */
export type SeedIdentityPool = typeof SeedIdentityPool.Type

/** The seed file. @since 0.1.0 */
export const Seed = Schema.Struct({
  UserPools: Schema.Array(SeedPool),
  IdentityPools: Schema.optional(Schema.Array(SeedIdentityPool))
})
/** @since 0.1.0 */
export type Seed = typeof Seed.Type

/** Reads a seed from JSON text; the error names what is wrong. @since 0.1.0 */
export const parse = (text: string): Either.Either<Seed, string> => {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    return Either.left(`the seed is not valid JSON (${error instanceof Error ? error.message : String(error)})`)
  }
  return Either.mapLeft(Schema.decodeUnknownEither(Seed, { errors: "all", onExcessProperty: "error" })(value), (error) =>
    String(error.message)
  )
}

/** The seed used when none is given. @since 0.1.0 */
export const defaultSeed: Seed = {
  UserPools: [
    {
      PoolName: "local",
      UsernameAttributes: ["email"],
      AutoVerifiedAttributes: ["email"],
      Schema: [{ Name: "email", Required: true, Mutable: true }],
      MfaConfiguration: "OPTIONAL",
      SmsMfaConfiguration: {},
      SoftwareTokenMfaConfiguration: { Enabled: true },
      EmailMfaConfiguration: {},
      Clients: [
        {
          ClientName: "local-web",
          ExplicitAuthFlows: [
            "ALLOW_USER_SRP_AUTH",
            "ALLOW_USER_PASSWORD_AUTH",
            "ALLOW_CUSTOM_AUTH",
            "ALLOW_REFRESH_TOKEN_AUTH",
            "ALLOW_USER_AUTH"
          ],
          PreventUserExistenceErrors: "ENABLED",
          EnableTokenRevocation: true,
          // The hosted UI, for the demo's default address; other apps add theirs with UpdateUserPoolClient.
          AllowedOAuthFlowsUserPoolClient: true,
          AllowedOAuthFlows: ["code"],
          AllowedOAuthScopes: ["openid", "email", "phone", "profile", "aws.cognito.signin.user.admin"],
          SupportedIdentityProviders: ["COGNITO", "Google", "Facebook", "LoginWithAmazon", "SignInWithApple"],
          CallbackURLs: ["http://localhost:5173/", "http://127.0.0.1:5173/"],
          LogoutURLs: ["http://localhost:5173/", "http://127.0.0.1:5173/"]
        }
      ]
    }
  ],
  IdentityPools: [{ IdentityPoolName: "local identities", AllowUnauthenticatedIdentities: true }]
}

/** The pool and client a seed names first (what the CLI prints). @since 0.1.0 */
export interface Applied {
  readonly userPoolId?: string
  readonly userPoolClientId?: string
  readonly identityPoolId?: string
}

const orFail = <A>(either: Either.Either<A, CognitoException.CognitoException>) =>
  Either.match(either, { onLeft: Effect.fail, onRight: Effect.succeed })

/** A seeded user's MFA settings, checked as SetUserMFAPreference checks them. */
const seedMfa = (state: Store.PoolState, seed: SeedUser, user: Store.User, now: number) =>
  Effect.gen(function* () {
    const secret = seed.SoftwareTokenSecret
    if (secret !== undefined && Option.isNone(Totp.base32Decode(secret))) {
      return yield* Effect.fail(CognitoException.invalidParameter(`SoftwareTokenSecret of user ${seed.Username} is not base32.`))
    }
    const withToken: Store.User =
      secret === undefined ? user : { ...user, mfa: { enabled: [], softwareToken: { secret: Redacted.make(secret), createdAt: now } } }
    const preferences = Object.fromEntries(
      (seed.UserMFASettingList ?? []).map((factor) => [factor, { Enabled: true, PreferredMfa: factor === seed.PreferredMfaSetting }])
    )
    if (seed.PreferredMfaSetting !== undefined && !(seed.UserMFASettingList ?? []).includes(seed.PreferredMfaSetting)) {
      return yield* Effect.fail(CognitoException.invalidParameter(`PreferredMfaSetting of user ${seed.Username} is not in UserMFASettingList.`))
    }
    if (secret === undefined && (seed.UserMFASettingList ?? []).length === 0) return user
    const mfa = yield* orFail(Mfa.applyPreferences(state.pool, withToken, preferences))
    return { ...withToken, mfa }
  })

const seedUser = (emulator: EmulatorService, state: Store.PoolState, seed: SeedUser) =>
  Effect.gen(function* () {
    if (emulator.store.findUser(state, seed.Username) !== undefined) return
    const now = yield* Clock.currentTimeMillis
    const given = Array.isArray(seed.Attributes)
      ? (seed.Attributes as ReadonlyArray<Shapes.AttributeType>)
      : Object.entries(seed.Attributes ?? {}).map(([Name, Value]) => ({ Name, Value }))
    const written = yield* orFail(Attributes.validate(state.pool, given, { _tag: "Admin" }, "create"))
    const status = seed.Status ?? (seed.TemporaryPassword !== undefined && seed.Password === undefined ? "FORCE_CHANGE_PASSWORD" : "CONFIRMED")
    const created = yield* Users.make({ state, typed: seed.Username, attributes: written, status, now })
    const attributes = { ...created.attributes }
    if (status === "CONFIRMED") {
      for (const attribute of state.pool.settings.AutoVerifiedAttributes ?? []) {
        if (attributes[attribute] !== undefined && attributes[`${attribute}_verified`] === undefined) attributes[`${attribute}_verified`] = "true"
      }
    }
    const plain = seed.Password ?? seed.TemporaryPassword
    const password =
      plain === undefined
        ? undefined
        : yield* Passwords.credential({
          pool: state.pool,
          username: created.username,
          password: Redacted.make(plain),
          temporary: seed.Password === undefined,
          now
        })
    for (const group of seed.Groups ?? []) {
      if (!state.groups.has(group)) {
        return yield* Effect.fail(CognitoException.resourceNotFound(`Group ${group} of user ${seed.Username} is not in the seed.`))
      }
    }
    const user: Store.User = yield* seedMfa(state, seed, {
      ...created,
      attributes,
      enabled: seed.Enabled ?? true,
      groups: seed.Groups ?? [],
      ...(password !== undefined ? { password } : {})
    }, now)
    yield* Users.claimAliases(state, user, false)
    emulator.store.putUser(state, user)
  })

const seedClient = (emulator: EmulatorService, state: Store.PoolState, seed: SeedClient) =>
  Effect.gen(function* () {
    const existing = [...state.clients.values()].find((client) =>
      seed.Id !== undefined ? client.id === seed.Id : client.name === seed.ClientName
    )
    if (existing !== undefined) return existing
    const { Id, ClientSecret, ...request } = seed
    return yield* UserPools.createClient(
      state,
      { ...request, UserPoolId: state.pool.id, ...(ClientSecret !== undefined ? { ClientSecret: Redacted.make(ClientSecret) } : {}) },
      Id
    )
  })

/** The identity-pool provider name of a user pool, as AWS spells it. */
const providerName = (userPoolId: string) => `cognito-idp.${userPoolId.split("_")[0]}.amazonaws.com/${userPoolId}`

const seedIdentityPool = (emulator: EmulatorService, seed: SeedIdentityPool, seeded: ReadonlyArray<Store.PoolState>) =>
  Effect.gen(function* () {
    const { Id, ...request } = seed
    const existing = emulator.store.identityPools
      .pools()
      .find((pool) => (Id !== undefined ? pool.id === Id : pool.name === seed.IdentityPoolName))
    if (existing !== undefined) return existing
    const providers = request.CognitoIdentityProviders ??
      seeded.flatMap((state) =>
        [...state.clients.keys()].map((ClientId) => ({ ProviderName: providerName(state.pool.id), ClientId, ServerSideTokenCheck: false }))
      )
    return yield* IdentityPoolOperations.createPool({ ...request, CognitoIdentityProviders: providers }, Id)
  })

/** Applies a seed; returns the first pool and client it names. @since 0.1.0 */
export const apply = (emulator: EmulatorService, seed: Seed): Effect.Effect<Applied, CognitoException.CognitoException> =>
  Effect.gen(function* () {
    let applied: Applied = {}
    const seeded: Array<Store.PoolState> = []
    for (const entry of seed.UserPools) {
      const {
        Id,
        Clients,
        Groups: groups,
        Users: users,
        SmsMfaConfiguration,
        SoftwareTokenMfaConfiguration,
        EmailMfaConfiguration,
        WebAuthnConfiguration,
        WebAuthnOrigins,
        ...request
      } = entry
      const existing = [...emulator.store.pools.values()].find((state) =>
        Id !== undefined ? state.pool.id === Id : state.pool.settings.PoolName === entry.PoolName
      )
      const state = existing ?? (yield* UserPools.createPool(request, Id))
      if (existing === undefined && (SmsMfaConfiguration ?? SoftwareTokenMfaConfiguration ?? EmailMfaConfiguration) !== undefined) {
        const configured = Mfa.configure(
          state.pool,
          { SmsMfaConfiguration, SoftwareTokenMfaConfiguration, EmailMfaConfiguration, MfaConfiguration: request.MfaConfiguration },
          state.pool.modifiedAt
        )
        emulator.store.putPool(yield* orFail(configured))
      }
      if (existing === undefined && (WebAuthnConfiguration !== undefined || WebAuthnOrigins !== undefined)) {
        emulator.store.putPool(Passkeys.configure(state.pool, WebAuthnConfiguration, WebAuthnOrigins))
      }
      seeded.push(state)
      const clients: Array<Store.Client> = []
      for (const client of Clients ?? []) clients.push(yield* seedClient(emulator, state, client))
      for (const group of groups ?? []) {
        if (!state.groups.has(group.GroupName)) {
          yield* GroupOperations.createGroup(state, {
            name: group.GroupName,
            description: group.Description,
            precedence: group.Precedence,
            roleArn: group.RoleArn
          })
        }
      }
      for (const user of users ?? []) yield* seedUser(emulator, state, user)
      if (applied.userPoolId === undefined) {
        applied = { userPoolId: state.pool.id, ...(clients[0] !== undefined ? { userPoolClientId: clients[0].id } : {}) }
      }
    }
    for (const entry of seed.IdentityPools ?? []) {
      const pool = yield* seedIdentityPool(emulator, entry, seeded)
      if (applied.identityPoolId === undefined) applied = { ...applied, identityPoolId: pool.id }
    }
    return applied
  }).pipe(emulator.run)

/** What the CLI announces; `identityPoolId` only when there is an identity pool. @since 0.1.0 */
export interface Announced {
  readonly userPoolId: string
  readonly userPoolClientId: string
  readonly identityPoolId?: string
}

/**
 * What the CLI announces: the seed's first pool and client, else (no seed, state loaded from
 * `--data`) the first pool and client in the store; likewise the first identity pool.
 * @since 0.1.0
 */
export const announced = (emulator: EmulatorService, applied: Applied): Option.Option<Announced> => {
  const state = applied.userPoolId === undefined ? emulator.store.pools.values().next().value : emulator.store.pools.get(applied.userPoolId)
  if (state === undefined) return Option.none()
  const clientId = applied.userPoolClientId ?? state.clients.keys().next().value
  const identityPoolId = applied.identityPoolId ?? emulator.store.identityPools.pools()[0]?.id
  return clientId === undefined
    ? Option.none()
    : Option.some({ userPoolId: state.pool.id, userPoolClientId: clientId, ...(identityPoolId !== undefined ? { identityPoolId } : {}) })
}
