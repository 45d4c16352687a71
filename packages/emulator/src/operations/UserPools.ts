/**
 * User pools and app clients: CreateUserPool, DescribeUserPool, UpdateUserPool, CreateUserPoolClient,
 * DescribeUserPoolClient, UpdateUserPoolClient. Settings are stored as received with Cognito's defaults filled in, so
 * the Describe operations echo them; the Update operations replace them (what they leave out goes
 * back to its default, as in Cognito).
 *
 * @since 0.1.0
 */
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import * as CreateUserPool from "@cognito-effect/domain/wire/CreateUserPool"
import * as CreateUserPoolClient from "@cognito-effect/domain/wire/CreateUserPoolClient"
import * as DescribeUserPool from "@cognito-effect/domain/wire/DescribeUserPool"
import * as DescribeUserPoolClient from "@cognito-effect/domain/wire/DescribeUserPoolClient"
import * as UpdateUserPoolClient from "@cognito-effect/domain/wire/UpdateUserPoolClient"
import * as Operation from "@cognito-effect/domain/wire/Operation"
import * as Shapes from "@cognito-effect/domain/wire/Shapes"
import * as Attributes from "../Attributes.js"
import { Backend } from "../Backend.js"
import * as CognitoException from "../CognitoException.js"
import * as Handler from "../Handler.js"
import * as Ids from "../Ids.js"
import * as Mfa from "../Mfa.js"
import type * as Store from "../Store.js"
import * as TokenIssuer from "../TokenIssuer.js"
import * as Tokens from "../Tokens.js"

const namePattern = /^[\w\s+=,.@-]{1,128}$/

const requirePoolName = (name: string) =>
  namePattern.test(name) ? Effect.void : Effect.fail(CognitoException.invalidParameter("PoolName must match [\\w\\s+=,.@-]+ (1-128 characters)."))

/** The pool of an id, or ResourceNotFoundException. @since 0.1.0 */
export const poolState = (poolId: string) =>
  Effect.flatMap(Backend, (backend) => {
    const state = backend.store.pools.get(poolId)
    return state === undefined ? Effect.fail(CognitoException.poolNotFound(poolId)) : Effect.succeed(state)
  })

const withPoolDefaults = (request: CreateUserPool.Request): CreateUserPool.Request => ({
  ...request,
  Policies: {
    ...request.Policies,
    PasswordPolicy: {
      MinimumLength: 8,
      RequireUppercase: true,
      RequireLowercase: true,
      RequireNumbers: true,
      RequireSymbols: true,
      TemporaryPasswordValidityDays: 7,
      ...request.Policies?.PasswordPolicy
    }
  },
  MfaConfiguration: request.MfaConfiguration ?? "OFF",
  UsernameConfiguration: request.UsernameConfiguration ?? { CaseSensitive: false },
  AdminCreateUserConfig: { AllowAdminCreateUserOnly: false, UnusedAccountValidityDays: 7, ...request.AdminCreateUserConfig },
  DeletionProtection: request.DeletionProtection ?? "INACTIVE"
})

/** Cognito's rule for keeping original values: only attributes it verifies by code. */
const requireVerifiedUpdates = (settings: CreateUserPool.Request) => {
  const verified = settings.AutoVerifiedAttributes ?? []
  const kept = settings.UserAttributeUpdateSettings?.AttributesRequireVerificationBeforeUpdate ?? []
  return kept.every((attribute) => verified.includes(attribute))
    ? Effect.void
    : Effect.fail(CognitoException.invalidParameter("All attributes in AttributesRequireVerificationBeforeUpdate must exist in AutoVerifiedAttributes"))
}

/** `UserPoolType` of a pool. @since 0.1.0 */
export const describePool = (state: Store.PoolState): Shapes.UserPoolType => {
  const { PoolName, Schema: _schema, ...settings } = state.pool.settings
  const region = state.pool.id.split("_")[0] ?? "us-east-1"
  return {
    ...settings,
    Id: state.pool.id,
    Name: PoolName,
    Arn: `arn:aws:cognito-idp:${region}:000000000000:userpool/${state.pool.id}`,
    Status: "Enabled",
    CreationDate: new Date(state.pool.createdAt),
    LastModifiedDate: new Date(state.pool.modifiedAt),
    SchemaAttributes: state.pool.schema,
    EstimatedNumberOfUsers: state.users.size
  }
}

/** Creates a pool (with a fixed id when seeding). @since 0.1.0 */
export const createPool = (request: CreateUserPool.Request, id?: string) =>
  Effect.gen(function* () {
    const backend = yield* Backend
    yield* requirePoolName(request.PoolName)
    if ((request.AliasAttributes?.length ?? 0) > 0 && (request.UsernameAttributes?.length ?? 0) > 0) {
      return yield* Effect.fail(
        CognitoException.invalidParameter("Only one of the aliasAttributes or usernameAttributes can be set in a User Pool.")
      )
    }
    yield* requireVerifiedUpdates(request)
    if (id !== undefined && !/^[\w-]+_[0-9a-zA-Z]+$/.test(id)) {
      return yield* Effect.fail(CognitoException.invalidParameter(`${id} is not a user pool id (<region>_<letters and digits>).`))
    }
    const schema = yield* Either.match(Attributes.poolSchema(request.Schema ?? []), {
      onLeft: Effect.fail,
      onRight: Effect.succeed
    })
    const now = yield* Clock.currentTimeMillis
    const pool: Store.Pool = {
      id: id ?? (yield* Ids.userPoolId(backend.region)),
      createdAt: now,
      modifiedAt: now,
      settings: withPoolDefaults(request),
      schema,
      signingKey: yield* TokenIssuer.generate,
      decoySecret: Redacted.make(yield* Ids.opaque(32))
    }
    return backend.store.putPool(pool)
  })

/** @since 0.1.0 */
export const createUserPool = Handler.make(
  CreateUserPool.operation,
  Effect.fn("CreateUserPool")(function* (request) {
    const state = yield* createPool(request)
    return { UserPool: describePool(state) }
  })
)

/** @since 0.1.0 */
export const describeUserPool = Handler.make(
  DescribeUserPool.operation,
  Effect.fn("DescribeUserPool")(function* (request) {
    const state = yield* poolState(request.UserPoolId)
    return { UserPool: describePool(state) }
  })
)

const { AliasAttributes: _alias, UsernameAttributes: _username, UsernameConfiguration: _case, ...updatableSettings } =
  Shapes.UserPoolSettings.fields

/**
 * UpdateUserPool (no client uses it, so its codec lives here): the pool's settings but the
 * sign-in names (`UsernameAttributes`, `AliasAttributes`, `UsernameConfiguration`) and the schema,
 * which are fixed at creation.
 * @since 0.1.0
 */
export const UpdateUserPoolOperation = Operation.userPool(
  "UpdateUserPool",
  Schema.Struct({
    UserPoolId: Schema.String,
    PoolName: Schema.optional(Schema.String),
    ...updatableSettings
  }),
  Shapes.Empty
)

/** Replaces a pool's settings; what the request leaves out goes back to its default, as in Cognito. @since 0.1.0 */
export const updateUserPool = Handler.make(
  UpdateUserPoolOperation,
  Effect.fn("UpdateUserPool")(function* (request) {
    const backend = yield* Backend
    const state = yield* poolState(request.UserPoolId)
    const { UserPoolId: _id, PoolName, ...rest } = request
    const previous = state.pool.settings
    const name = PoolName ?? previous.PoolName
    yield* requirePoolName(name)
    const settings = withPoolDefaults({
      ...rest,
      PoolName: name,
      ...(previous.Schema !== undefined ? { Schema: previous.Schema } : {}),
      ...(previous.AliasAttributes !== undefined ? { AliasAttributes: previous.AliasAttributes } : {}),
      ...(previous.UsernameAttributes !== undefined ? { UsernameAttributes: previous.UsernameAttributes } : {}),
      ...(previous.UsernameConfiguration !== undefined ? { UsernameConfiguration: previous.UsernameConfiguration } : {})
    })
    yield* requireVerifiedUpdates(settings)
    const pool: Store.Pool = { ...state.pool, settings, modifiedAt: yield* Clock.currentTimeMillis }
    yield* Mfa.requireOffered(pool)
    backend.store.putPool(pool)
    return {}
  })
)

type ClientSettings = Store.Client["settings"]

/**
 * Cognito's client defaults: 60-minute access and ID tokens, 30-day refresh tokens (a validity
 * given without a unit is in hours, or days for refresh tokens), token revocation on.
 */
const withClientDefaults = (request: CreateUserPoolClient.Request): ClientSettings => {
  const { UserPoolId: _pool, ClientName: _name, GenerateSecret: _generate, ClientSecret: _secret, ...settings } = request
  const units = settings.TokenValidityUnits
  return {
    ...settings,
    AccessTokenValidity: settings.AccessTokenValidity ?? 60,
    IdTokenValidity: settings.IdTokenValidity ?? 60,
    RefreshTokenValidity: settings.RefreshTokenValidity ?? 30,
    TokenValidityUnits: {
      AccessToken: units?.AccessToken ?? (settings.AccessTokenValidity === undefined ? "minutes" : "hours"),
      IdToken: units?.IdToken ?? (settings.IdTokenValidity === undefined ? "minutes" : "hours"),
      RefreshToken: units?.RefreshToken ?? "days"
    },
    EnableTokenRevocation: settings.EnableTokenRevocation ?? true,
    PreventUserExistenceErrors: settings.PreventUserExistenceErrors ?? "LEGACY",
    AuthSessionValidity: settings.AuthSessionValidity ?? 3,
    AllowedOAuthFlowsUserPoolClient: settings.AllowedOAuthFlowsUserPoolClient ?? false
  }
}

const validateClient = (client: Store.Client) => {
  const life = Tokens.lifetimes(client)
  if (!(life.access >= 1 && life.access <= 86_400) || !(life.id >= 1 && life.id <= 86_400)) {
    return Effect.fail(CognitoException.invalidParameter("Access and ID token validity must be between 1 second and 1 day."))
  }
  if (!(life.refresh >= 1 && life.refresh <= 315_360_000)) {
    return Effect.fail(CognitoException.invalidParameter("Refresh token validity must be between 1 second and 10 years."))
  }
  const session = client.settings.AuthSessionValidity ?? 3
  if (!(session >= 3 && session <= 15)) {
    return Effect.fail(CognitoException.invalidParameter("AuthSessionValidity must be between 3 and 15 minutes."))
  }
  const grace = client.settings.RefreshTokenRotation?.RetryGracePeriodSeconds ?? 0
  if (!(grace >= 0 && grace <= 60)) {
    return Effect.fail(CognitoException.invalidParameter("RetryGracePeriodSeconds must be between 0 and 60."))
  }
  return Effect.void
}

/** `UserPoolClientType` of a client. @since 0.1.0 */
export const describeClient = (client: Store.Client): Shapes.UserPoolClientType => ({
  ...client.settings,
  UserPoolId: client.poolId,
  ClientName: client.name,
  ClientId: client.id,
  ...(client.secret !== undefined ? { ClientSecret: client.secret } : {}),
  CreationDate: new Date(client.createdAt),
  LastModifiedDate: new Date(client.modifiedAt)
})

/** Creates an app client (with a fixed id when seeding). @since 0.1.0 */
export const createClient = (state: Store.PoolState, request: CreateUserPoolClient.Request, id?: string) =>
  Effect.gen(function* () {
    const backend = yield* Backend
    if (!namePattern.test(request.ClientName)) {
      return yield* Effect.fail(CognitoException.invalidParameter("ClientName must match [\\w\\s+=,.@-]+ (1-128 characters)."))
    }
    if (id !== undefined && !/^[\w+]{1,128}$/.test(id)) {
      return yield* Effect.fail(CognitoException.invalidParameter(`${id} is not a client id (letters, digits, _ and +).`))
    }
    if (id !== undefined && backend.store.findClient(id) !== undefined) {
      return yield* Effect.fail(CognitoException.invalidParameter(`Client ${id} already exists.`))
    }
    const now = yield* Clock.currentTimeMillis
    const secret =
      request.ClientSecret ?? (request.GenerateSecret === true ? Redacted.make(yield* Ids.clientSecret) : undefined)
    const client: Store.Client = {
      id: id ?? (yield* Ids.clientId),
      poolId: state.pool.id,
      name: request.ClientName,
      ...(secret !== undefined ? { secret } : {}),
      createdAt: now,
      modifiedAt: now,
      settings: withClientDefaults(request)
    }
    yield* validateClient(client)
    backend.store.putClient(state, client)
    return client
  })

/** @since 0.1.0 */
export const createUserPoolClient = Handler.make(
  CreateUserPoolClient.operation,
  Effect.fn("CreateUserPoolClient")(function* (request) {
    const state = yield* poolState(request.UserPoolId)
    const client = yield* createClient(state, request)
    return { UserPoolClient: describeClient(client) }
  })
)

/** @since 0.1.0 */
export const describeUserPoolClient = Handler.make(
  DescribeUserPoolClient.operation,
  Effect.fn("DescribeUserPoolClient")(function* (request) {
    const state = yield* poolState(request.UserPoolId)
    const client = state.clients.get(request.ClientId)
    if (client === undefined) return yield* Effect.fail(CognitoException.clientNotFound(request.ClientId))
    return { UserPoolClient: describeClient(client) }
  })
)

/** Replaces a client's settings; what the request leaves out goes back to its default, as in Cognito. @since 0.1.0 */
export const updateUserPoolClient = Handler.make(
  UpdateUserPoolClient.operation,
  Effect.fn("UpdateUserPoolClient")(function* (request) {
    const backend = yield* Backend
    const state = yield* poolState(request.UserPoolId)
    const existing = state.clients.get(request.ClientId)
    if (existing === undefined) return yield* Effect.fail(CognitoException.clientNotFound(request.ClientId))
    const { ClientId: _id, ...rest } = request
    const name = request.ClientName ?? existing.name
    if (!namePattern.test(name)) {
      return yield* Effect.fail(CognitoException.invalidParameter("ClientName must match [\\w\\s+=,.@-]+ (1-128 characters)."))
    }
    const client: Store.Client = {
      ...existing,
      name,
      modifiedAt: yield* Clock.currentTimeMillis,
      settings: withClientDefaults({ ...rest, ClientName: name })
    }
    yield* validateClient(client)
    backend.store.putClient(state, client)
    return { UserPoolClient: describeClient(client) }
  })
)

/** @since 0.1.0 */
export const handlers: ReadonlyArray<Handler.Any> = [
  createUserPool,
  describeUserPool,
  updateUserPool,
  createUserPoolClient,
  describeUserPoolClient,
  updateUserPoolClient
]
