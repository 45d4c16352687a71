/**
 * The session as every authenticated API sees it: the stored tokens, refreshed when they are
 * within Amplify's expiry margin. One refresh at a time per instance — concurrent callers join the
 * refresh in flight instead of sending their own — and the refresh runs detached, so a caller that
 * gives up (abort, timeout) does not cancel it for the others.
 *
 * Failures never lose a session that may still be valid: only the errors that prove the refresh
 * token dead (the list Amplify uses) clear the tokens; transient failures keep them and surface
 * as typed errors.
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Clock from "effect/Clock"
import * as SynchronizedRef from "effect/SynchronizedRef"
import {
  AuthConfigError,
  CognitoServiceError,
  InvalidTokensException,
  type InvalidPoolIdError,
  type StorageError,
  TokenRefreshException,
  type TransportError
} from "./AuthError.js"
import { AuthConfig } from "./AuthConfig.js"
import { AuthEvents, toEventError } from "./services/AuthEvents.js"
import { CognitoClient } from "./services/CognitoClient.js"
import { RefreshLock } from "./services/RefreshLock.js"
import { TokenStore } from "./services/TokenStore.js"
import * as OAuthRefresh from "./OAuthRefresh.js"
import * as Tokens from "./Tokens.js"
import * as GetTokensFromRefreshToken from "./wire/GetTokensFromRefreshToken.js"
import { tokenSetFrom } from "./SignInFlow.js"

/** Why a refresh failed while the session was kept. @since 0.1.0 */
export type RefreshError =
  | CognitoServiceError
  | TransportError
  | InvalidPoolIdError
  | StorageError
  | InvalidTokensException
  | TokenRefreshException
  | AuthConfigError

/** @since 0.1.0 */
export interface GetTokensOptions {
  readonly forceRefresh?: boolean
  /** Sent with a refresh; without it, the `ClientMetadataProvider`'s (if any) is used. */
  readonly clientMetadata?: Readonly<Record<string, string>>
}

/**
 * Where refreshes get their `ClientMetadata` when the caller gives none (Amplify's
 * `setClientMetadataProvider`). Optional: without it, refreshes send none.
 * @since 0.1.0
 * @category tags
 */
export class ClientMetadataProvider extends Context.Tag("@cognito-effect/domain/ClientMetadataProvider")<
  ClientMetadataProvider,
  Effect.Effect<Readonly<Record<string, string>> | undefined>
>() {}

/** @since 0.1.0 */
export interface TokenProviderService {
  /** The current session, refreshed if needed; `None` when signed out. */
  readonly getTokens: (options?: GetTokensOptions) => Effect.Effect<Option.Option<Tokens.TokenSet>, RefreshError>
}

/** Service errors after which the refresh token is known to be unusable (Amplify's list). @since 0.1.0 */
export const sessionEndingErrors = [
  "NotAuthorizedException",
  "TokenRevokedException",
  "UserNotFoundException",
  "PasswordResetRequiredException",
  "UserNotConfirmedException",
  "RefreshTokenReuseException"
] as const

/** Whether an error of this name proves the refresh token unusable (names may carry a suffix). @since 0.1.0 */
export const isSessionEndingName = (name: string): boolean => sessionEndingErrors.some((ending) => name.startsWith(ending))

/** Whether a refresh failure ends the session. @since 0.1.0 */
export const endsSession = (error: RefreshError): boolean =>
  error instanceof CognitoServiceError && isSessionEndingName(error.exception)

const refreshRequest = (tokens: Tokens.TokenSet, clientMetadata: Readonly<Record<string, string>> | undefined) =>
  Effect.gen(function* () {
    const config = yield* AuthConfig
    const pool = config.userPool
    if (pool === undefined) {
      return yield* new AuthConfigError({
        code: "AuthUserPoolException",
        field: "Auth.Cognito.userPoolId",
        message: "Auth UserPool not configured."
      })
    }
    if (tokens.refreshToken === undefined) return yield* new TokenRefreshException()
    const store = yield* TokenStore
    const device = yield* store.getDeviceMetadata(tokens.username)
    const viaOAuth = yield* OAuthRefresh.throughTokenEndpoint(tokens)
    const response = Option.isSome(viaOAuth) ? { AuthenticationResult: viaOAuth.value } : yield* (yield* CognitoClient).call(GetTokensFromRefreshToken.operation, {
      ClientId: pool.userPoolClientId,
      RefreshToken: tokens.refreshToken,
      ...(Option.isSome(device) ? { DeviceKey: device.value.deviceKey } : {}),
      ...(clientMetadata !== undefined ? { ClientMetadata: clientMetadata } : {})
    })
    const result = response.AuthenticationResult
    if (result?.AccessToken === undefined) {
      return yield* new InvalidTokensException({ message: "The refresh returned no access token." })
    }
    const fresh = yield* tokenSetFrom(
      { ...result, RefreshToken: result.RefreshToken ?? tokens.refreshToken },
      tokens.username,
      tokens.signInDetails
    )
    if (typeof fresh.accessToken.payload.iat !== "number") {
      return yield* new InvalidTokensException({ message: "iat is missing from the access token." })
    }
    return fresh
  })

/**
 * One refresh: on success the new tokens are stored and `tokenRefresh` published; on a failure
 * that ends the session the tokens are cleared (and `NotAuthorizedException` reads as signed out);
 * any other failure keeps the tokens.
 * @since 0.1.0
 */
export const refresh = Effect.fn("TokenProvider.refresh")(function* (
  tokens: Tokens.TokenSet,
  clientMetadata?: Readonly<Record<string, string>>
) {
  const store = yield* TokenStore
  const events = yield* AuthEvents
  const outcome = yield* Effect.either(refreshRequest(tokens, clientMetadata))
  if (outcome._tag === "Right") {
    yield* store.store(outcome.right)
    yield* events.publish({ event: "tokenRefresh" })
    return Option.some(outcome.right)
  }
  const error = outcome.left
  yield* events.publish({
    event: "tokenRefresh_failure",
    data: { error: toEventError(error) }
  })
  if (!endsSession(error)) return yield* Effect.fail(error)
  yield* store.clear
  if (error instanceof CognitoServiceError && error.exception.startsWith("NotAuthorizedException")) {
    return Option.none<Tokens.TokenSet>()
  }
  return yield* Effect.fail(error)
})

// Read on every authenticated call: a span, but no stack trace captured for it.
const hotSpan = { captureStackTrace: false } as const

/** @since 0.1.0 */
export const make = Effect.gen(function* () {
  const context = yield* Effect.context<TokenStore | CognitoClient | AuthConfig | AuthEvents | RefreshLock>()
  const store = Context.get(context, TokenStore)
  const lock = Context.get(context, RefreshLock)
  const lockName = `cognito-effect-refresh:${Context.get(context, AuthConfig).userPool?.userPoolClientId ?? ""}`
  const metadataProvider = yield* Effect.serviceOption(ClientMetadataProvider)
  const inFlight = yield* SynchronizedRef.make(Option.none<Deferred.Deferred<Option.Option<Tokens.TokenSet>, RefreshError>>())

  // Other instances sharing the storage (tabs) may have refreshed while this one waited for the
  // lock: read the session again under it and refresh only if it is still the one we saw.
  const underLock = (seen: Tokens.TokenSet, force: boolean, clientMetadata: GetTokensOptions["clientMetadata"]) =>
    lock.withLock(
      lockName,
      Effect.gen(function* () {
        const current = yield* store.load
        if (Option.isNone(current)) return current
        const now = yield* Clock.currentTimeMillis
        const refreshedMeanwhile = Redacted.value(current.value.accessToken.raw) !== Redacted.value(seen.accessToken.raw)
        if (refreshedMeanwhile || (!force && !Tokens.needsRefresh(current.value, now))) return current
        const metadata = clientMetadata ??
          (Option.isSome(metadataProvider) ? yield* metadataProvider.value : undefined)
        return yield* refresh(current.value, metadata)
      })
    )

  // Re-reads the session inside the lock: a caller that saw old tokens just before another
  // refresh finished must not refresh again with a rotated-out refresh token.
  const sharedRefresh = (force: boolean, clientMetadata: GetTokensOptions["clientMetadata"]) =>
    Effect.flatten(
      SynchronizedRef.modifyEffect(inFlight, (current) => {
        if (Option.isSome(current)) return Effect.succeed([Deferred.await(current.value), current] as const)
        return Effect.gen(function* () {
          const latest = yield* store.load
          const now = yield* Clock.currentTimeMillis
          if (Option.isNone(latest) || (!force && !Tokens.needsRefresh(latest.value, now))) {
            return [Effect.succeed(latest), current] as const
          }
          const deferred = yield* Deferred.make<Option.Option<Tokens.TokenSet>, RefreshError>()
          yield* underLock(latest.value, force, clientMetadata).pipe(
            Effect.provide(context),
            Effect.exit,
            Effect.flatMap((exit) =>
              SynchronizedRef.set(inFlight, Option.none()).pipe(Effect.zipRight(Deferred.done(deferred, exit)))
            ),
            Effect.forkDaemon
          )
          return [Deferred.await(deferred), Option.some(deferred)] as const
        })
      })
    )

  const getTokens = (options?: GetTokensOptions) =>
    Effect.gen(function* () {
      const loaded = yield* store.load
      if (Option.isNone(loaded)) return loaded
      const now = yield* Clock.currentTimeMillis
      const force = options?.forceRefresh === true
      if (!force && !Tokens.needsRefresh(loaded.value, now)) return loaded
      return yield* sharedRefresh(force, options?.clientMetadata)
    }).pipe(Effect.withSpan("TokenProvider.getTokens", hotSpan))

  return TokenProvider.of({ getTokens })
})

/** @since 0.1.0 @category tags */
export class TokenProvider extends Context.Tag("@cognito-effect/domain/TokenProvider")<TokenProvider, TokenProviderService>() {
  static readonly layer: Layer.Layer<TokenProvider, never, TokenStore | CognitoClient | AuthConfig | AuthEvents | RefreshLock> =
    Layer.effect(TokenProvider, make)
}

