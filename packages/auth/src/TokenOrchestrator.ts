/**
 * Amplify's `TokenOrchestrator` (`@cognito-effect/auth/cognito`): the user-pool session over a
 * token store and a token refresher the app sets (`DefaultTokenStore` and `refreshAuthTokens`
 * are the built-in ones). `getTokens` answers the stored tokens, refreshed when asked or within
 * Amplify's expiry margin; concurrent callers share one refresh, which reads the store again so
 * that it always sends the newest refresh token.
 *
 * A failed refresh publishes `tokenRefresh_failure` on the global `Hub`; only the errors that
 * prove the refresh token dead clear the session, and `NotAuthorizedException` reads as signed
 * out. Anything else (a network failure) keeps the tokens and rejects.
 *
 * @since 0.1.0
 */
import * as AuthConfig from "@cognito-effect/domain/AuthConfig"
import { isSessionEndingName } from "@cognito-effect/domain/TokenProvider"
import * as Tokens from "@cognito-effect/domain/Tokens"
import * as Either from "effect/Either"
import { AmplifyError, AuthError, toAmplifyError } from "./AuthError.js"
import type { AuthTokens, ClientMetadata, CognitoAuthTokens, OAuthMetadata, RefreshAuthTokensInput } from "./cognito.js"
import { amplifySymbol, Hub } from "./Hub.js"

/** Refreshes a stored session (Amplify's `TokenRefresher`); `refreshAuthTokens` is one. @since 0.1.0 */
export type TokenRefresher = (input: RefreshAuthTokensInput) => Promise<CognitoAuthTokens>

/** Where the session lives (Amplify's `AuthTokenStore`); `DefaultTokenStore` is one. @since 0.1.0 */
export interface AuthTokenStore {
  loadTokens(): Promise<CognitoAuthTokens | null>
  storeTokens(tokens: CognitoAuthTokens): Promise<void>
  clearTokens(): Promise<void>
  getDeviceMetadata(username?: string): Promise<CognitoAuthTokens["deviceMetadata"] | null>
  clearDeviceMetadata(username?: string): Promise<void>
  setOAuthMetadata(metadata: OAuthMetadata): Promise<void>
  getOAuthMetadata(): Promise<OAuthMetadata | null>
}

/** @since 0.1.0 */
export interface GetTokensOptions {
  readonly forceRefresh?: boolean
  /** Sent with a refresh; without it, the client metadata provider's (if any). */
  readonly clientMetadata?: ClientMetadata
}


/**
 * A refresher's failure as Amplify's error. As in Amplify, a custom refresher's own named `Error`
 * keeps its name (so it can end the session); a bare `Error` or `TypeError` is `Unknown`.
 */
const failureOf = (error: unknown): AmplifyError =>
  error instanceof Error && !(error instanceof AmplifyError) && !("_tag" in error) &&
    !(error instanceof TypeError) && error.name !== "Error"
    ? new AuthError({ name: error.name, message: error.message, underlyingError: error })
    : toAmplifyError(error)

/** The tokens a caller gets: no refresh token, no device secrets. */
const toAuthTokens = (tokens: CognitoAuthTokens): AuthTokens => ({
  accessToken: tokens.accessToken,
  ...(tokens.idToken === undefined ? {} : { idToken: tokens.idToken }),
  ...(tokens.signInDetails === undefined ? {} : { signInDetails: tokens.signInDetails })
})

/** A refresh never changes how the session was started: the stored `signInDetails` stay. */
const keepSignInDetails = (fresh: CognitoAuthTokens, before: CognitoAuthTokens): CognitoAuthTokens => {
  const { signInDetails: _, ...rest } = fresh
  return before.signInDetails === undefined ? rest : { ...rest, signInDetails: before.signInDetails }
}

/**
 * Amplify's `TokenOrchestrator`.
 * @since 0.1.0
 */
export class TokenOrchestrator {
  tokenStore?: AuthTokenStore
  tokenRefresher?: TokenRefresher
  clientMetadataProvider?: () => Promise<ClientMetadata>
  private authConfig: unknown
  private userPoolConfigured = false
  private refreshing: Promise<CognitoAuthTokens | null> | undefined

  /** `{ Cognito: {...} }`; without a usable user pool, `getTokens` answers `null`. */
  setAuthConfig(authConfig: unknown): void {
    this.authConfig = authConfig
    this.userPoolConfigured = Either.isRight(Either.flatMap(AuthConfig.parse({ Auth: authConfig }), AuthConfig.requireUserPool))
  }

  setTokenRefresher(tokenRefresher: TokenRefresher): void {
    this.tokenRefresher = tokenRefresher
  }

  setAuthTokenStore(tokenStore: AuthTokenStore): void {
    this.tokenStore = tokenStore
  }

  setClientMetadataProvider(provider: () => Promise<ClientMetadata>): void {
    this.clientMetadataProvider = provider
  }

  getTokenStore(): AuthTokenStore {
    if (this.tokenStore === undefined) {
      throw new AuthError({ name: "EmptyTokenStoreException", message: "No token store is set on the TokenOrchestrator." })
    }
    return this.tokenStore
  }

  getTokenRefresher(): TokenRefresher {
    if (this.tokenRefresher === undefined) {
      throw new AuthError({ name: "EmptyTokenRefresherException", message: "No token refresher is set on the TokenOrchestrator." })
    }
    return this.tokenRefresher
  }

  /** The session, refreshed when forced or expired; `null` when signed out or not configured. */
  async getTokens(options?: GetTokensOptions): Promise<AuthTokens | null> {
    if (!this.userPoolConfigured) return null
    const tokens = await this.getTokenStore().loadTokens()
    if (tokens === null) return null
    const force = options?.forceRefresh === true
    if (!force && !Tokens.needsRefresh(tokens, Date.now())) return toAuthTokens(tokens)
    const current = await this.sharedRefresh(force, options?.clientMetadata)
    return current === null ? null : toAuthTokens(current)
  }

  setTokens({ tokens }: { readonly tokens: CognitoAuthTokens }): Promise<void> {
    return this.getTokenStore().storeTokens(tokens)
  }

  clearTokens(): Promise<void> {
    return this.getTokenStore().clearTokens()
  }

  getDeviceMetadata(username?: string): Promise<CognitoAuthTokens["deviceMetadata"] | null> {
    return this.getTokenStore().getDeviceMetadata(username)
  }

  clearDeviceMetadata(username?: string): Promise<void> {
    return this.getTokenStore().clearDeviceMetadata(username)
  }

  setOAuthMetadata(metadata: OAuthMetadata): Promise<void> {
    return this.getTokenStore().setOAuthMetadata(metadata)
  }

  getOAuthMetadata(): Promise<OAuthMetadata | null> {
    return this.getTokenStore().getOAuthMetadata()
  }

  /** Joins the refresh in flight (whatever it was asked with), or starts one. */
  private sharedRefresh(force: boolean, clientMetadata: ClientMetadata | undefined): Promise<CognitoAuthTokens | null> {
    if (this.refreshing !== undefined) return this.refreshing
    const started = this.refreshLatest(force, clientMetadata).finally(() => {
      if (this.refreshing === started) this.refreshing = undefined
    })
    this.refreshing = started
    return started
  }

  // The caller's read may predate a refresh that finished since: with rotation, only the newly
  // stored refresh token still works, and the new tokens may not need a refresh at all.
  private async refreshLatest(force: boolean, clientMetadata: ClientMetadata | undefined): Promise<CognitoAuthTokens | null> {
    const store = this.getTokenStore()
    const refresher = this.getTokenRefresher()
    const tokens = await store.loadTokens()
    if (tokens === null) return null
    if (!force && !Tokens.needsRefresh(tokens, Date.now())) return tokens
    const metadata = clientMetadata ?? (await this.clientMetadataProvider?.())
    try {
      const fresh = keepSignInDetails(
        await refresher({
          tokens,
          authConfig: this.authConfig,
          username: tokens.username,
          ...(metadata === undefined ? {} : { clientMetadata: metadata })
        }),
        tokens
      )
      await store.storeTokens(fresh)
      Hub.dispatch("auth", { event: "tokenRefresh" }, "Auth", amplifySymbol)
      return fresh
    } catch (error) {
      return this.refreshFailed(failureOf(error))
    }
  }

  private async refreshFailed(error: AmplifyError): Promise<null> {
    try {
      if (isSessionEndingName(error.name)) await this.clearTokens()
    } finally {
      Hub.dispatch("auth", { event: "tokenRefresh_failure", data: { error } }, "Auth", amplifySymbol)
    }
    if (error.name.startsWith("NotAuthorizedException")) return null
    throw error
  }
}
