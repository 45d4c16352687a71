/**
 * The tokens a sign-in yields and how they are checked later: Cognito's access and ID token
 * claims, opaque refresh tokens (stored as digests) grouped in families by `origin_jti`, refresh
 * with optional rotation, and the access-token check every user operation starts with.
 *
 * @since 0.1.0
 */
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import type { SecureRandom } from "@cognito-effect/domain/services/SecureRandom"
import type * as Shapes from "@cognito-effect/domain/wire/Shapes"
import * as Attributes from "./Attributes.js"
import { Backend, issuer } from "./Backend.js"
import * as CognitoException from "./CognitoException.js"
import * as Ids from "./Ids.js"
import type * as Store from "./Store.js"
import * as TokenIssuer from "./TokenIssuer.js"

/** The scope of tokens from the user-pool API (not the hosted UI). @since 0.1.0 */
export const adminScope = "aws.cognito.signin.user.admin"

const seconds = { seconds: 1, minutes: 60, hours: 3600, days: 86400 } as const

/** Lifetimes in seconds, from the app client's settings (defaults: 1 h, 1 h, 30 days). @since 0.1.0 */
export const lifetimes = (client: Store.Client) => {
  const s = client.settings
  const units = s.TokenValidityUnits
  return {
    access: s.AccessTokenValidity === undefined ? 3600 : s.AccessTokenValidity * seconds[units?.AccessToken ?? "hours"],
    id: s.IdTokenValidity === undefined ? 3600 : s.IdTokenValidity * seconds[units?.IdToken ?? "hours"],
    refresh: s.RefreshTokenValidity === undefined ? 30 * 86400 : s.RefreshTokenValidity * seconds[units?.RefreshToken ?? "days"]
  }
}

/** ID-token claims of the user's attributes: `*_verified` as booleans, the rest as strings. */
/** A federated user's `identities` attribute is JSON text; the ID token carries it as a list. */
const parsedIdentities = (value: string): unknown => {
  try {
    return JSON.parse(value)
  } catch {
    return value
  }
}

const attributeClaims = (client: Store.Client, user: Store.User): Record<string, unknown> => {
  const claims: Record<string, unknown> = {}
  for (const [name, value] of Object.entries(Attributes.readable(client, user.attributes))) {
    if (name === "sub") continue
    claims[name] = name.endsWith("_verified") ? value === "true" : name === "identities" ? parsedIdentities(value) : value
  }
  return claims
}

/** The user's groups as `cognito:groups` lists them: by precedence (lowest first), then name. @since 0.1.0 */
export const groupClaim = (state: Store.PoolState, groups: ReadonlyArray<string>): Array<string> =>
  [...groups].sort((a, b) => {
    const pa = state.groups.get(a)?.precedence ?? Number.MAX_SAFE_INTEGER
    const pb = state.groups.get(b)?.precedence ?? Number.MAX_SAFE_INTEGER
    return pa - pb || a.localeCompare(b)
  })

/** A new family: one authentication event. @since 0.1.0 */
export const openOrigin = (input: {
  readonly state: Store.PoolState
  readonly client: Store.Client
  readonly user: Store.User
  readonly deviceKey?: string
  /** OAuth scopes granted by the hosted UI (default: the API's admin scope) */
  readonly scope?: string
  /** when the user authenticated, in epoch seconds (default: now) */
  readonly authTime?: number
}): Effect.Effect<Store.Origin, never, Backend | SecureRandom> =>
  Effect.gen(function* () {
    const backend = yield* Backend
    const now = yield* Clock.currentTimeMillis
    const origin: Store.Origin = {
      jti: yield* Ids.uuid,
      poolId: input.state.pool.id,
      clientId: input.client.id,
      username: input.user.username,
      authTime: input.authTime ?? Math.floor(now / 1000),
      expiresAt: now + lifetimes(input.client).refresh * 1000,
      revoked: false,
      ...(input.deviceKey !== undefined ? { deviceKey: input.deviceKey } : {}),
      ...(input.scope !== undefined ? { scope: input.scope } : {})
    }
    backend.store.putOrigin(origin)
    return origin
  })

/**
 * Signs an access and an ID token for `user` in the family `origin`, and a new refresh token when
 * `withRefreshToken` (a sign-in, or a rotation).
 * @since 0.1.0
 */
export const mint = (input: {
  readonly state: Store.PoolState
  readonly client: Store.Client
  readonly user: Store.User
  readonly origin: Store.Origin
  readonly withRefreshToken: boolean
  /** the hosted UI's `nonce`, for the ID token of a code exchange */
  readonly nonce?: string
}): Effect.Effect<Shapes.AuthenticationResult, never, Backend | SecureRandom> =>
  Effect.gen(function* () {
    const backend = yield* Backend
    const now = yield* Clock.currentTimeMillis
    const key = yield* backend.keyOf(input.state.pool)
    const life = lifetimes(input.client)
    const iat = Math.floor(now / 1000)
    const sub = input.user.attributes["sub"]
    const groups = input.user.groups.length > 0 ? { "cognito:groups": groupClaim(input.state, input.user.groups) } : {}
    const eventId = yield* Ids.uuid
    const common = {
      sub,
      ...groups,
      iss: issuer(backend, input.state.pool.id),
      origin_jti: input.origin.jti,
      event_id: eventId,
      auth_time: input.origin.authTime,
      iat
    }
    const access = {
      ...common,
      client_id: input.client.id,
      token_use: "access",
      scope: input.origin.scope ?? adminScope,
      exp: iat + life.access,
      jti: yield* Ids.uuid,
      username: input.user.username,
      ...(input.origin.deviceKey !== undefined ? { device_key: input.origin.deviceKey } : {})
    }
    const id = {
      ...common,
      ...attributeClaims(input.client, input.user),
      "cognito:username": input.user.username,
      aud: input.client.id,
      token_use: "id",
      exp: iat + life.id,
      jti: yield* Ids.uuid,
      ...(input.nonce !== undefined ? { nonce: input.nonce } : {})
    }
    const [accessToken, idToken] = yield* TokenIssuer.signAll(key, [access, id])
    const refreshToken = input.withRefreshToken ? yield* newRefreshToken(input.origin, now) : undefined
    // The hosted UI issues an ID token only for the `openid` scope.
    const withIdToken = input.origin.scope === undefined || input.origin.scope.split(" ").includes("openid")
    return {
      AccessToken: Redacted.make(accessToken),
      ExpiresIn: life.access,
      TokenType: "Bearer",
      ...(withIdToken ? { IdToken: Redacted.make(idToken) } : {}),
      ...(refreshToken !== undefined ? { RefreshToken: Redacted.make(refreshToken) } : {})
    }
  })

const newRefreshToken = (origin: Store.Origin, now: number): Effect.Effect<string, never, Backend | SecureRandom> =>
  Effect.gen(function* () {
    const backend = yield* Backend
    const token = yield* Ids.opaque(96)
    backend.store.putRefreshToken({ digest: Ids.digest(token), originJti: origin.jti, issuedAt: now, expiresAt: origin.expiresAt })
    return token
  })

/** A user operation's caller, established from its access token. @since 0.1.0 */
export interface Caller {
  readonly state: Store.PoolState
  readonly client: Store.Client
  readonly user: Store.User
  readonly origin: Store.Origin
  readonly claims: TokenIssuer.Claims
}

const invalidAccessToken = () => CognitoException.notAuthorized("Invalid Access Token")

const unverifiedIssuer = (token: string): string | undefined => {
  try {
    const payload: unknown = JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString("utf8"))
    const iss = typeof payload === "object" && payload !== null ? (payload as { iss?: unknown }).iss : undefined
    return typeof iss === "string" ? iss : undefined
  } catch {
    return undefined
  }
}

/**
 * Checks an access token as Cognito does for GetUser, GlobalSignOut, …: our signature, an access
 * token (not an ID token), not expired, its family not revoked, the user still there and enabled,
 * and the `aws.cognito.signin.user.admin` scope.
 * @since 0.1.0
 */
export const authenticate = (
  accessToken: Redacted.Redacted<string>
): Effect.Effect<Caller, CognitoException.CognitoException, Backend> =>
  Effect.gen(function* () {
    const backend = yield* Backend
    const token = Redacted.value(accessToken)
    const poolId = unverifiedIssuer(token)?.split("/").at(-1)
    const state = poolId === undefined ? undefined : backend.store.pools.get(poolId)
    if (state === undefined) return yield* Effect.fail(invalidAccessToken())
    const key = yield* backend.keyOf(state.pool)
    const claims = yield* TokenIssuer.verify(key, token)
    if (Option.isNone(claims) || claims.value["token_use"] !== "access") return yield* Effect.fail(invalidAccessToken())
    const now = yield* Clock.currentTimeMillis
    const exp = claims.value["exp"]
    if (typeof exp !== "number" || exp * 1000 <= now) return yield* Effect.fail(CognitoException.notAuthorized("Access Token has expired"))
    const origin = backend.store.origins.get(String(claims.value["origin_jti"]))
    if (origin === undefined || origin.revoked) return yield* Effect.fail(CognitoException.notAuthorized("Access Token has been revoked"))
    const client = state.clients.get(String(claims.value["client_id"]))
    if (client === undefined) return yield* Effect.fail(invalidAccessToken())
    const user = backend.store.findUser(state, String(claims.value["username"]))
    if (user === undefined || user.attributes["sub"] !== claims.value["sub"]) {
      return yield* Effect.fail(CognitoException.userNotFound())
    }
    if (!user.enabled) return yield* Effect.fail(CognitoException.notAuthorized("User is disabled."))
    if (!String(claims.value["scope"] ?? "").split(" ").includes(adminScope)) {
      return yield* Effect.fail(CognitoException.notAuthorized("Access Token does not have required scopes"))
    }
    return { state, client, user, origin, claims: claims.value }
  })

/** What a refresh token leads to. @since 0.1.0 */
export interface Refreshable {
  readonly record: Store.RefreshToken
  readonly origin: Store.Origin
  readonly user: Store.User
}

/**
 * Looks up a refresh token for `client`: known, same client, family alive, not expired, user
 * usable. A token that rotation retired is refused after its grace period with
 * `RefreshTokenReuseException`.
 * @since 0.1.0
 */
export const redeem = (input: {
  readonly state: Store.PoolState
  readonly client: Store.Client
  readonly token: Redacted.Redacted<string>
}): Effect.Effect<Refreshable, CognitoException.CognitoException, Backend> =>
  Effect.gen(function* () {
    const backend = yield* Backend
    const now = yield* Clock.currentTimeMillis
    const record = backend.store.refreshTokens.get(Ids.digest(Redacted.value(input.token)))
    const origin = record === undefined ? undefined : backend.store.origins.get(record.originJti)
    if (record === undefined || origin === undefined || origin.clientId !== input.client.id) {
      return yield* Effect.fail(CognitoException.notAuthorized("Invalid Refresh Token"))
    }
    if (origin.revoked) return yield* Effect.fail(CognitoException.notAuthorized("Refresh Token has been revoked"))
    if (record.expiresAt <= now) return yield* Effect.fail(CognitoException.notAuthorized("Refresh Token has expired"))
    if (record.graceUntil !== undefined && record.graceUntil <= now) {
      return yield* Effect.fail(CognitoException.make("RefreshTokenReuseException", "Refresh token has been used and rotated."))
    }
    const user = backend.store.findUser(input.state, origin.username)
    if (user === undefined) return yield* Effect.fail(CognitoException.notAuthorized("Refresh Token has been revoked"))
    if (!user.enabled) return yield* Effect.fail(CognitoException.notAuthorized("User is disabled."))
    if (user.status === "RESET_REQUIRED") {
      return yield* Effect.fail(CognitoException.make("PasswordResetRequiredException", "Password reset required for the user"))
    }
    return { record, origin, user }
  })

/**
 * New tokens from a redeemed refresh token. With `rotate`, a new refresh token joins the family
 * and the presented one is retired: it keeps working for `graceSeconds` (client retries), then
 * answers `RefreshTokenReuseException`.
 * @since 0.1.0
 */
export const refresh = (input: {
  readonly state: Store.PoolState
  readonly client: Store.Client
  readonly redeemed: Refreshable
  readonly rotate: boolean
  readonly graceSeconds: number
}): Effect.Effect<Shapes.AuthenticationResult, never, Backend | SecureRandom> =>
  Effect.gen(function* () {
    const backend = yield* Backend
    const now = yield* Clock.currentTimeMillis
    if (input.rotate && input.redeemed.record.retiredAt === undefined) {
      backend.store.putRefreshToken({ ...input.redeemed.record, retiredAt: now, graceUntil: now + input.graceSeconds * 1000 })
    }
    return yield* mint({
      state: input.state,
      client: input.client,
      user: input.redeemed.user,
      origin: input.redeemed.origin,
      withRefreshToken: input.rotate
    })
  })
