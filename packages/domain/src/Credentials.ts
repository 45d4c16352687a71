/**
 * Identity-pool credentials (Amplify's `cognitoCredentialsProvider`): an identity id from `GetId`
 * and temporary AWS credentials from `GetCredentialsForIdentity`, for the signed-in user (the
 * login is the ID token, keyed by its `iss` without the scheme) or for a guest when the
 * configuration allows guests. Nothing is fetched without an identity pool.
 *
 * Credentials are cached in memory for Amplify's 50 minutes, and never past their `Expiration`
 * (they are replaced 5 minutes before it, or at half their life when they are shorter). The cache
 * is dropped on `forceRefresh`, when the ID token changes, and when the user signs out.
 * Concurrent callers share one fetch. A guest who signs in keeps the guest's identity id, as in
 * Amplify (Cognito links the login to it). A stored identity id that the identity pool no longer
 * knows, or that another login took, is replaced once instead of failing forever.
 *
 * @since 0.1.0
 */
import * as Clock from "effect/Clock"
import * as Context from "effect/Context"
import * as Data from "effect/Data"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Ref from "effect/Ref"
import { AuthConfig, type IdentityPoolConfig } from "./AuthConfig.js"
import {
  CognitoServiceError,
  type InvalidPoolIdError,
  type StorageError,
  type TransportError,
  UserUnAuthenticatedException
} from "./AuthError.js"
import { IdentityClient } from "./services/IdentityClient.js"
import { IdentityIdStore } from "./services/IdentityIdStore.js"
import type * as Tokens from "./Tokens.js"
import * as GetCredentialsForIdentity from "./wire/GetCredentialsForIdentity.js"
import * as GetId from "./wire/GetId.js"

/** Temporary AWS credentials; the secret parts are `Redacted`. @since 0.1.0 */
export interface AwsCredentials {
  readonly accessKeyId: string
  readonly secretAccessKey: Redacted.Redacted<string>
  readonly sessionToken?: Redacted.Redacted<string>
  readonly expiration?: Date
}

/** @since 0.1.0 */
export interface CredentialsAndIdentityId {
  readonly credentials: AwsCredentials
  readonly identityId: string
}

/** For the signed-in user (with the session's tokens) or for a guest. @since 0.1.0 */
export type GetCredentialsOptions =
  | { readonly authenticated: true; readonly tokens: Tokens.TokenSet; readonly forceRefresh?: boolean }
  | { readonly authenticated: false; readonly forceRefresh?: boolean }

/** Amplify's names for identity-pool answers it cannot use. @since 0.1.0 */
export type CredentialsErrorCode =
  | "CredentialsNotFoundException"
  | "CredentialsException"
  | "GetIdResponseException"
  | "InvalidIdTokenException"

/** The identity pool answered, but not with what Amplify needs. @since 0.1.0 */
export class CredentialsError extends Data.TaggedError("CredentialsError")<{
  readonly code: CredentialsErrorCode
  readonly message: string
  readonly recoverySuggestion?: string
}> {
  get amplifyName(): string {
    return this.code
  }
}

/** Why credentials could not be had. @since 0.1.0 */
export type CredentialsFailure =
  | CredentialsError
  | CognitoServiceError
  | TransportError
  | InvalidPoolIdError
  | StorageError
  | UserUnAuthenticatedException

/** @since 0.1.0 */
export interface CredentialsProviderService {
  /** Credentials and identity id; `None` without an identity pool, or for a guest when guests are not allowed. */
  readonly getCredentialsAndIdentityId: (
    options: GetCredentialsOptions
  ) => Effect.Effect<Option.Option<CredentialsAndIdentityId>, CredentialsFailure>
  /** Forgets the cached credentials (the identity id stays). */
  readonly clearCredentials: Effect.Effect<void>
  /** Forgets the cached credentials and the identity id (sign-out, Amplify's `clearCredentials`). */
  readonly clearCredentialsAndIdentityId: Effect.Effect<void, StorageError>
}

/** Amplify's `CREDENTIALS_TTL`. @since 0.1.0 */
export const ttlMillis = 50 * 60 * 1000

/** Credentials are replaced this long before their `Expiration` (at most half their life). @since 0.1.0 */
export const expiryMarginMillis = 5 * 60 * 1000

/**
 * When cached credentials obtained at `now` must be fetched again.
 * @since 0.1.0
 */
export const refreshAt = (now: number, expiration: Date | undefined): number => {
  const byTtl = now + ttlMillis
  if (expiration === undefined) return byTtl
  const life = expiration.getTime() - now
  return Math.min(byTtl, expiration.getTime() - Math.min(expiryMarginMillis, Math.max(0, life) / 2))
}

/**
 * The `Logins` map of an ID token: `{ "<iss without scheme>": "<token>" }` (Amplify's `formLoginsMap`).
 * @since 0.1.0
 */
export const loginsFor = (
  idToken: Tokens.Jwt
): Either.Either<Record<string, Redacted.Redacted<string>>, CredentialsError> => {
  const iss = idToken.payload.iss
  if (typeof iss !== "string" || iss === "") {
    return Either.left(new CredentialsError({ code: "InvalidIdTokenException", message: "Invalid Idtoken." }))
  }
  return Either.right({ [iss.replace(/^(\w+:)?\/\//, "")]: idToken.raw })
}

interface Cached {
  readonly value: CredentialsAndIdentityId
  readonly authenticated: boolean
  /** the ID token the credentials were issued for (signed-in credentials) */
  readonly idToken?: string
  readonly refreshAt: number
}

const missingCredentials = (authenticated: boolean) =>
  new CredentialsError({
    code: authenticated ? "CredentialsException" : "CredentialsNotFoundException",
    message: "Cognito did not respond with either Credentials, AccessKeyId or SecretKey."
  })

const isUnknownIdentity = (error: CredentialsFailure) =>
  error instanceof CognitoServiceError && error.exception === "ResourceNotFoundException"

/** Cognito's answer when the identity's linked logins are not the ones given. */
const isTakenIdentity = (error: CredentialsFailure) =>
  error instanceof CognitoServiceError && error.exception === "NotAuthorizedException" && error.message.startsWith("Logins don't match")

/** @since 0.1.0 */
export const make = Effect.gen(function* () {
  const config = yield* AuthConfig
  const client = yield* IdentityClient
  const identities = yield* IdentityIdStore
  const cache = yield* Ref.make(Option.none<Cached>())
  /** Whose primary identity id is held: the login it was obtained with. */
  const primaryOwner = yield* Ref.make(Option.none<string>())
  const fetchLock = yield* Effect.makeSemaphore(1)

  const getId = (pool: IdentityPoolConfig, logins: Record<string, Redacted.Redacted<string>>) =>
    Effect.flatMap(client.call(GetId.operation, { IdentityPoolId: pool.identityPoolId, Logins: logins }), (response) =>
      response.IdentityId === undefined
        ? Effect.fail(
          new CredentialsError({
            code: "GetIdResponseException",
            message: "Received undefined response from getId operation",
            recoverySuggestion: "Make sure to pass a valid identityPoolId in the configuration."
          })
        )
        : Effect.succeed(response.IdentityId))

  /**
   * Amplify's `cognitoIdentityIdProvider`: the held id when it fits, else a new one from `GetId`.
   * A guest who signs in keeps the guest identity (`promoted`): Cognito links the login to it, or
   * answers the identity the login already has, and that becomes the user's.
   */
  const identityIdFor = (
    pool: IdentityPoolConfig,
    logins: Option.Option<{ readonly map: Record<string, Redacted.Redacted<string>>; readonly owner: string }>
  ) =>
    Effect.gen(function* () {
      const held = yield* identities.load
      if (Option.isSome(logins)) {
        const owner = yield* Ref.get(primaryOwner)
        if (Option.isSome(held) && held.value.type === "primary" && Option.contains(owner, logins.value.owner)) {
          return { id: held.value.id, promoted: false }
        }
        if (Option.isSome(held) && held.value.type === "guest") return { id: held.value.id, promoted: true }
        const id = yield* getId(pool, logins.value.map)
        yield* identities.store({ id, type: "primary" })
        yield* Ref.set(primaryOwner, Option.some(logins.value.owner))
        return { id, promoted: false }
      }
      if (Option.isSome(held) && held.value.type === "guest") return { id: held.value.id, promoted: false }
      const id = yield* getId(pool, {})
      yield* identities.store({ id, type: "guest" })
      return { id, promoted: false }
    })

  const fetch = (pool: IdentityPoolConfig, options: GetCredentialsOptions) =>
    Effect.gen(function* () {
      const logins = options.authenticated
        ? yield* Effect.gen(function* () {
          const idToken = options.tokens.idToken
          if (idToken === undefined) return yield* Effect.fail(new UserUnAuthenticatedException())
          const map = yield* loginsFor(idToken)
          return Option.some({ map, owner: `${String(idToken.payload.iss)}|${String(idToken.payload.sub)}` })
        })
        : Option.none()
      const { id: identityId, promoted } = yield* identityIdFor(pool, logins)
      const response = yield* client.call(GetCredentialsForIdentity.operation, {
        IdentityId: identityId,
        ...(Option.isSome(logins) ? { Logins: logins.value.map } : {})
      })
      const credentials = response.Credentials
      if (credentials?.AccessKeyId === undefined || credentials.SecretKey === undefined) {
        return yield* Effect.fail(missingCredentials(options.authenticated))
      }
      const id = response.IdentityId ?? identityId
      if (id !== identityId || promoted) yield* identities.store({ id, type: options.authenticated ? "primary" : "guest" })
      if (promoted && Option.isSome(logins)) yield* Ref.set(primaryOwner, Option.some(logins.value.owner))
      const value: CredentialsAndIdentityId = {
        credentials: {
          accessKeyId: credentials.AccessKeyId,
          secretAccessKey: credentials.SecretKey,
          ...(credentials.SessionToken !== undefined ? { sessionToken: credentials.SessionToken } : {}),
          ...(credentials.Expiration !== undefined ? { expiration: credentials.Expiration } : {})
        },
        identityId: id
      }
      const now = yield* Clock.currentTimeMillis
      yield* Ref.set(cache, Option.some({
        value,
        authenticated: options.authenticated,
        ...(options.authenticated && options.tokens.idToken !== undefined ? { idToken: Redacted.value(options.tokens.idToken.raw) } : {}),
        refreshAt: refreshAt(now, credentials.Expiration)
      }))
      return value
    })

  /** The cached credentials when they still fit this call. */
  const fresh = (options: GetCredentialsOptions) =>
    Effect.flatMap(Clock.currentTimeMillis, (now) =>
      Effect.map(Ref.get(cache), (cached) =>
        Option.filter(cached, (entry) =>
          entry.authenticated === options.authenticated &&
          now < entry.refreshAt &&
          (!options.authenticated || entry.idToken === (options.tokens.idToken && Redacted.value(options.tokens.idToken.raw))))))

  const getCredentialsAndIdentityId = (options: GetCredentialsOptions) =>
    Effect.gen(function* () {
      const pool = config.identityPool
      if (pool === undefined || (!options.authenticated && !pool.allowGuestAccess)) return Option.none()
      if (options.forceRefresh === true) yield* Ref.set(cache, Option.none())
      const hit = yield* fresh(options)
      if (Option.isSome(hit)) return Option.some(hit.value.value)
      return yield* fetchLock.withPermits(1)(
        Effect.gen(function* () {
          // Another caller may have fetched while this one waited.
          const again = yield* fresh(options)
          if (Option.isSome(again)) return Option.some(again.value.value)
          yield* Ref.set(cache, Option.none())
          // A held guest identity the pool no longer knows, or (signing in) one another login
          // already took, is dropped once and a new identity obtained.
          const fetched = yield* Effect.catchIf(fetch(pool, options), (error) => isUnknownIdentity(error) || (options.authenticated && isTakenIdentity(error)), () =>
            Effect.zipRight(identities.clear, fetch(pool, options)))
          return Option.some(fetched)
        })
      )
    }).pipe(Effect.withSpan("Credentials.getCredentialsAndIdentityId", { captureStackTrace: false }))

  return CredentialsProvider.of({
    getCredentialsAndIdentityId,
    clearCredentials: Ref.set(cache, Option.none()),
    clearCredentialsAndIdentityId: Effect.zipRight(
      Effect.zipRight(Ref.set(cache, Option.none()), Ref.set(primaryOwner, Option.none())),
      identities.clear
    )
  })
})

/** @since 0.1.0 @category tags */
export class CredentialsProvider extends Context.Tag("@cognito-effect/domain/CredentialsProvider")<
  CredentialsProvider,
  CredentialsProviderService
>() {
  static readonly layer: Layer.Layer<CredentialsProvider, never, IdentityClient | IdentityIdStore | AuthConfig> =
    Layer.effect(CredentialsProvider, make)
}
