/**
 * Cognito Identity (`AWSCognitoIdentityService.*`): CreateIdentityPool (admin), GetId and
 * GetCredentialsForIdentity, on the same server as the user pools.
 *
 * A login is `{ "<iss without scheme>": "<ID token>" }`, checked as Cognito checks it: the key
 * names a user pool the identity pool trusts, the token is an ID token signed with that user
 * pool's own key, unexpired, issued to an accepted app client, and — with `ServerSideTokenCheck` —
 * from a session that was not revoked. Guests (no logins) need `AllowUnauthenticatedIdentities`.
 * A guest's identity that is given a login (GetCredentialsForIdentity) becomes that user's, unless
 * the login already has an identity, which then answers instead.
 * Credentials are well-formed temporary keys (`ASIA…`) valid one hour; they grant nothing, since
 * there is no AWS behind the emulator.
 *
 * @since 0.1.0
 */
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import type { SecureRandom } from "@cognito-effect/domain/services/SecureRandom"
import * as CreateIdentityPool from "@cognito-effect/domain/wire/CreateIdentityPool"
import * as GetCredentialsForIdentity from "@cognito-effect/domain/wire/GetCredentialsForIdentity"
import * as GetId from "@cognito-effect/domain/wire/GetId"
import { Backend, issuer } from "../Backend.js"
import * as CognitoException from "../CognitoException.js"
import * as Handler from "../Handler.js"
import * as IdentityPools from "../IdentityPools.js"
import * as Ids from "../Ids.js"
import * as TokenIssuer from "../TokenIssuer.js"

/** How long credentials last. @since 0.1.0 */
export const credentialsLifetimeSeconds = 3600

const namePattern = /^[\w ]{1,128}$/
const idPattern = /^[\w-]+:[0-9a-f-]+$/
const base32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"

const notAuthorized = CognitoException.notAuthorized

const poolNotFound = (id: string) => CognitoException.resourceNotFound(`IdentityPool '${id}' not found.`)

const loginsMismatch = () =>
  notAuthorized("Logins don't match. Please include at least one valid login for this identity or identity pool.")

/** The identity pool of an id, or ResourceNotFoundException. @since 0.1.0 */
export const identityPool = (id: string) =>
  Effect.flatMap(Backend, (backend) => {
    const pool = backend.store.identityPools.pool(id)
    return pool === undefined ? Effect.fail(poolNotFound(id)) : Effect.succeed(pool)
  })

const withoutScheme = (url: string): string => url.replace(/^\w+:\/\//, "")

const unverifiedPayload = (token: string): Record<string, unknown> | undefined => {
  try {
    const payload: unknown = JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString("utf8"))
    return typeof payload === "object" && payload !== null && !Array.isArray(payload) ? (payload as Record<string, unknown>) : undefined
  } catch {
    return undefined
  }
}

/**
 * Checks one login against the identity pool; answers its login key (`<userPoolId>|<sub>`).
 * @since 0.1.0
 */
export const verifyLogin = (
  pool: IdentityPools.IdentityPool,
  providerKey: string,
  token: Redacted.Redacted<string>
): Effect.Effect<string, CognitoException.CognitoException, Backend> =>
  Effect.gen(function* () {
    const backend = yield* Backend
    const raw = Redacted.value(token)
    const userPoolId = IdentityPools.userPoolIdOf(providerKey)
    const provider = pool.providers.find((p) => IdentityPools.userPoolIdOf(p.providerName) === userPoolId)
    if (provider === undefined) return yield* Effect.fail(notAuthorized("Token is not from a supported provider of this identity pool."))
    const state = backend.store.pools.get(userPoolId)
    const iss = unverifiedPayload(raw)?.["iss"]
    if (state === undefined || typeof iss !== "string" || IdentityPools.userPoolIdOf(iss) !== userPoolId) {
      return yield* Effect.fail(notAuthorized("Invalid login token. Issuer doesn't match providerName"))
    }
    // Amplify keys the login by the token's own issuer; the provider's configured name is accepted too.
    if (providerKey !== withoutScheme(iss) && providerKey !== provider.providerName) {
      return yield* Effect.fail(notAuthorized("Invalid login token. Issuer doesn't match providerName"))
    }
    const claims = yield* TokenIssuer.verify(yield* backend.keyOf(state.pool), raw)
    if (Option.isNone(claims) || claims.value["token_use"] !== "id" || claims.value["iss"] !== issuer(backend, userPoolId)) {
      return yield* Effect.fail(notAuthorized("Invalid login token. Not a valid OpenId Connect identity token."))
    }
    const now = Math.floor((yield* Clock.currentTimeMillis) / 1000)
    const exp = claims.value["exp"]
    if (typeof exp !== "number" || exp <= now) {
      return yield* Effect.fail(notAuthorized(`Invalid login token. Token expired: ${now} >= ${String(exp)}`))
    }
    if (provider.clientId !== undefined && claims.value["aud"] !== provider.clientId) {
      return yield* Effect.fail(notAuthorized("Invalid login token. Incorrect token audience."))
    }
    if (provider.serverSideTokenCheck) {
      const origin = backend.store.origins.get(String(claims.value["origin_jti"]))
      const user = backend.store.findUser(state, String(claims.value["cognito:username"]))
      if (origin === undefined || origin.revoked || user === undefined || !user.enabled) {
        return yield* Effect.fail(notAuthorized("Invalid login token. Token has been revoked."))
      }
    }
    return IdentityPools.loginKey(userPoolId, String(claims.value["sub"]))
  })

/** Every login of a request, verified; no logins is a guest. */
const verifyLogins = (pool: IdentityPools.IdentityPool, logins: Readonly<Record<string, Redacted.Redacted<string>>> | undefined) =>
  Effect.gen(function* () {
    const entries = Object.entries(logins ?? {})
    if (entries.length > 10) return yield* Effect.fail(CognitoException.invalidParameter("At most 10 logins may be given."))
    const keys: Array<string> = []
    for (const [provider, token] of entries) keys.push(yield* verifyLogin(pool, provider, token))
    return keys
  })

const requireGuestAccess = (pool: IdentityPools.IdentityPool) =>
  pool.allowUnauthenticated
    ? Effect.void
    : Effect.fail(notAuthorized("Unauthenticated access is not supported for this identity pool."))

/** Creates an identity pool (with a fixed id when seeding). @since 0.1.0 */
export const createPool = (request: CreateIdentityPool.Request, id?: string) =>
  Effect.gen(function* () {
    const backend = yield* Backend
    if (!namePattern.test(request.IdentityPoolName)) {
      return yield* Effect.fail(CognitoException.invalidParameter("IdentityPoolName must match [\\w ]+ (1-128 characters)."))
    }
    if (id !== undefined && !idPattern.test(id)) {
      return yield* Effect.fail(CognitoException.invalidParameter(`${id} is not an identity pool id (<region>:<uuid>).`))
    }
    const providers: Array<IdentityPools.Provider> = []
    for (const provider of request.CognitoIdentityProviders ?? []) {
      if (provider.ProviderName === undefined || !/^[\w.:/-]+\/[\w-]+_[0-9a-zA-Z]+$/.test(provider.ProviderName)) {
        return yield* Effect.fail(
          CognitoException.invalidParameter("ProviderName must be cognito-idp.<region>.amazonaws.com/<userPoolId>.")
        )
      }
      providers.push({
        providerName: provider.ProviderName,
        ...(provider.ClientId !== undefined ? { clientId: provider.ClientId } : {}),
        serverSideTokenCheck: provider.ServerSideTokenCheck ?? false
      })
    }
    const pool: IdentityPools.IdentityPool = {
      id: id ?? `${backend.region}:${yield* Ids.uuid}`,
      name: request.IdentityPoolName,
      allowUnauthenticated: request.AllowUnauthenticatedIdentities,
      ...(request.AllowClassicFlow !== undefined ? { allowClassicFlow: request.AllowClassicFlow } : {}),
      providers,
      ...(request.IdentityPoolTags !== undefined ? { tags: request.IdentityPoolTags } : {}),
      createdAt: yield* Clock.currentTimeMillis
    }
    backend.store.identityPools.putPool(pool)
    return pool
  })

/** `IdentityPool` as the API describes it. @since 0.1.0 */
export const describe = (pool: IdentityPools.IdentityPool): CreateIdentityPool.Response => ({
  IdentityPoolId: pool.id,
  IdentityPoolName: pool.name,
  AllowUnauthenticatedIdentities: pool.allowUnauthenticated,
  ...(pool.allowClassicFlow !== undefined ? { AllowClassicFlow: pool.allowClassicFlow } : {}),
  CognitoIdentityProviders: pool.providers.map((provider) => ({
    ProviderName: provider.providerName,
    ...(provider.clientId !== undefined ? { ClientId: provider.clientId } : {}),
    ServerSideTokenCheck: provider.serverSideTokenCheck
  })),
  ...(pool.tags !== undefined ? { IdentityPoolTags: pool.tags } : {})
})

/** @since 0.1.0 */
export const createIdentityPool = Handler.make(
  CreateIdentityPool.operation,
  Effect.fn("CreateIdentityPool")(function* (request) {
    return describe(yield* createPool(request))
  })
)

const newIdentity = (pool: IdentityPools.IdentityPool, logins: ReadonlyArray<string>) =>
  Effect.gen(function* () {
    const backend = yield* Backend
    const now = yield* Clock.currentTimeMillis
    const identity: IdentityPools.Identity = {
      id: `${pool.id.split(":")[0]}:${yield* Ids.uuid}`,
      poolId: pool.id,
      logins,
      createdAt: now,
      modifiedAt: now
    }
    backend.store.identityPools.putIdentity(identity)
    return identity
  })

/** @since 0.1.0 */
export const getId = Handler.make(
  GetId.operation,
  Effect.fn("GetId")(function* (request) {
    const backend = yield* Backend
    const pool = yield* identityPool(request.IdentityPoolId)
    const logins = yield* verifyLogins(pool, request.Logins)
    if (logins.length === 0) {
      yield* requireGuestAccess(pool)
      return { IdentityId: (yield* newIdentity(pool, [])).id }
    }
    const existing = backend.store.identityPools.identityByLogins(pool.id, logins)
    if (existing === undefined) return { IdentityId: (yield* newIdentity(pool, logins)).id }
    const linked = [...new Set([...existing.logins, ...logins])]
    if (linked.length !== existing.logins.length) {
      backend.store.identityPools.putIdentity({ ...existing, logins: linked, modifiedAt: yield* Clock.currentTimeMillis })
    }
    return { IdentityId: existing.id }
  })
)

const accessKeyId: Effect.Effect<string, never, SecureRandom> = Effect.map(
  Ids.bytes(16),
  (bytes) => `ASIA${Array.from(bytes, (byte) => base32[byte % 32]).join("")}`
)

/** @since 0.1.0 */
export const getCredentialsForIdentity = Handler.make(
  GetCredentialsForIdentity.operation,
  Effect.fn("GetCredentialsForIdentity")(function* (request) {
    const backend = yield* Backend
    const poolId = request.IdentityId.split(":")[0] ?? ""
    const found = backend.store.identityPools
      .pools()
      .filter((pool) => pool.id.startsWith(`${poolId}:`))
      .map((pool) => backend.store.identityPools.identity(pool.id, request.IdentityId))
      .find((identity) => identity !== undefined)
    if (found === undefined) {
      return yield* Effect.fail(CognitoException.resourceNotFound(`Identity '${request.IdentityId}' not found.`))
    }
    const pool = yield* identityPool(found.poolId)
    const logins = yield* verifyLogins(pool, request.Logins)
    const now = yield* Clock.currentTimeMillis
    let identity = found
    if (logins.length === 0) {
      // An identity with linked logins is an authenticated one: it needs one of them.
      if (found.logins.length > 0) return yield* Effect.fail(loginsMismatch())
      yield* requireGuestAccess(pool)
    } else if (found.logins.length === 0) {
      // A guest signing in: the login joins the guest's identity, or, when the login already has
      // an identity, that one answers (the guest's is merged into it).
      const owned = backend.store.identityPools.identityByLogins(pool.id, logins)
      identity = owned ?? { ...found, logins, modifiedAt: now }
      if (owned === undefined) backend.store.identityPools.putIdentity(identity)
    } else if (!logins.some((login) => found.logins.includes(login))) {
      return yield* Effect.fail(loginsMismatch())
    }
    return {
      IdentityId: identity.id,
      Credentials: {
        AccessKeyId: yield* accessKeyId,
        SecretKey: Redacted.make(yield* Ids.base64(30)),
        SessionToken: Redacted.make(yield* Ids.base64(300)),
        Expiration: new Date((Math.floor(now / 1000) + credentialsLifetimeSeconds) * 1000)
      }
    }
  })
)

/** @since 0.1.0 */
export const handlers: ReadonlyArray<Handler.Any> = [createIdentityPool, getId, getCredentialsForIdentity]
