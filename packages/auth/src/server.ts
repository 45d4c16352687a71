/**
 * `@cognito-effect/auth/server`, Amplify's `aws-amplify/auth/server` with `aws-amplify/adapter-core`:
 * `fetchAuthSession`, `getCurrentUser` and `fetchUserAttributes` for one request, in both of
 * Amplify's models —
 *
 * - ≤ 6.20: `runWithAmplifyServerContext(config, libraryOptions, (contextSpec) => …)`, with the
 *   session in `createKeyValueStorageFromCookieStorageAdapter(adapter)` handed over through
 *   `createUserPoolsTokenProvider(config.Auth, storage)`;
 * - 6.21: `createAmplifyContext(config, libraryOptions)` per request, passed as the first argument.
 *
 * `createServerRunner({ config })` does the wiring for Web `Request`/`Response` and Node
 * `IncomingMessage`/`ServerResponse`. Beyond Amplify: `signIn` and `signOut` on the server (the
 * session goes to the response's cookies), app clients with a secret (`clientSecret`, a
 * server-only option), and `createTokenVerifier` for Cognito JWTs against the pool's JWKS.
 *
 * @since 0.1.0
 */
import type { AuthUser } from "@cognito-effect/domain/services/AuthEvents"
import type { FetchAuthSessionOptions } from "@cognito-effect/domain/steps/fetchAuthSession"
import type { FetchUserAttributesOutput } from "@cognito-effect/domain/steps/fetchUserAttributes"
import type { SignInInput } from "@cognito-effect/domain/steps/signIn"
import type { SignOutInput } from "@cognito-effect/domain/steps/signOut"
import type { SignInOutput } from "@cognito-effect/domain/NextStep"
import type * as Redacted from "effect/Redacted"
import { isConfigured } from "./Amplify.js"
import { type AuthSession, bindings, fetchAuthSessionBinding, toAuthSession } from "./AuthClient.js"
import type { AuthRuntime } from "./createAuth.js"
import { CognitoAWSCredentialsAndIdentityIdProvider, DefaultIdentityIdStore } from "./cognito.js"
import * as ServerContext from "./ServerContext.js"
import { InMemoryStorage, type KeyValueStorageInterface } from "./storage.js"

export {
  createCookieStorageAdapterFromNodeRequest,
  createCookieStorageAdapterFromRequest,
  createKeyValueStorageFromCookieStorageAdapter,
  DEFAULT_AUTH_TOKEN_COOKIES_MAX_AGE,
  type Adapter as CookieStorageAdapter,
  type Cookie,
  type NodeRequestLike,
  type NodeResponseLike,
  type Validator,
  type WebRequestLike
} from "@cognito-effect/adapters/ServerCookieStorage"
export type { SetCookieOptions } from "@cognito-effect/adapters/CookieStorage"
export {
  type AmplifyContext,
  AmplifyServerContextError,
  type AuthTokens,
  type ContextSpec,
  InvalidAmplifyContextError,
  NoAmplifyContextError
} from "./ServerContext.js"
export {
  createServerRunner,
  type RunnerLibraryOptions,
  type ServerRequest,
  type ServerRunner,
  type ServerRunnerOptions,
  type SessionCookieOptions
} from "./ServerRunner.js"
export {
  createTokenVerifier,
  createTokenVerifierFromConfig,
  type TokenVerifier,
  type TokenVerifierOptions
} from "./TokenVerifier.js"
export type { AuthSession, FetchAuthSessionOptions, FetchUserAttributesOutput, AuthUser, SignInInput, SignInOutput, SignOutInput }

// -----------------------------------------------------------------------------
// the adapter-core model
// -----------------------------------------------------------------------------

const storageOf = Symbol.for("@cognito-effect/auth/server/storage")

/**
 * What `createUserPoolsTokenProvider` returns: Amplify's `TokenProvider` (`getTokens`) over a
 * request's storage, which `runWithAmplifyServerContext` reads the session from.
 * @since 0.1.0
 */
export interface UserPoolsTokenProvider {
  getTokens(options?: { readonly forceRefresh?: boolean }): Promise<ServerContext.AuthTokens | null>
  readonly [storageOf]: KeyValueStorageInterface
}

/**
 * Amplify's `LibraryOptions` for a server context, plus what only a server may hold.
 * @since 0.1.0
 */
export interface ServerLibraryOptions {
  readonly Auth?: {
    readonly tokenProvider?: UserPoolsTokenProvider
    /** The request's identity-pool provider; its storage keeps the identity id when there is no token provider. */
    readonly credentialsProvider?: RequestCredentialsProvider
    readonly headers?: () => Promise<Record<string, string>>
    /** The app client's secret (beyond Amplify). Never put it in configuration a browser loads. */
    readonly clientSecret?: Redacted.Redacted<string>
  }
  readonly ssr?: boolean
}

const asResources = new WeakMap<object, { readonly Auth: unknown }>()

/** `{ Auth: authConfig }`, the same object for the same `authConfig`, so its parse is reused. */
const resourcesOf = (authConfig: unknown): { readonly Auth: unknown } => {
  if (typeof authConfig !== "object" || authConfig === null) return { Auth: authConfig }
  const known = asResources.get(authConfig)
  if (known !== undefined) return known
  const made = { Auth: authConfig }
  asResources.set(authConfig, made)
  return made
}

const contextFor = (amplifyConfig: unknown, libraryOptions: ServerLibraryOptions) => {
  const auth = libraryOptions.Auth
  const server = ServerContext.serverAuthFor(amplifyConfig, {
    ...(auth?.clientSecret === undefined ? {} : { clientSecret: auth.clientSecret }),
    ...(auth?.headers === undefined ? {} : { headers: auth.headers })
  })
  // Without a provider of ours there is no request storage: the context starts signed out.
  const storage = auth?.tokenProvider?.[storageOf] ?? auth?.credentialsProvider?.[storageOf] ?? new InMemoryStorage()
  return ServerContext.makeContext(amplifyConfig, libraryOptions, ServerContext.requestRuntime(server, storage))
}

/**
 * Amplify's `createUserPoolsTokenProvider(authConfig, keyValueStorage)`: the session of one
 * request, to pass as `libraryOptions.Auth.tokenProvider`.
 * @since 0.1.0
 */
export const createUserPoolsTokenProvider = (
  authConfig: unknown,
  keyValueStorage: KeyValueStorageInterface
): UserPoolsTokenProvider => {
  const provider: UserPoolsTokenProvider = {
    [storageOf]: keyValueStorage,
    getTokens: async (options) => {
      const context = contextFor(resourcesOf(authConfig), { Auth: { tokenProvider: provider } })
      try {
        return await context.getTokens(options)
      } finally {
        await ServerContext.destroy(context)
      }
    }
  }
  return provider
}

/**
 * What `createAWSCredentialsAndIdentityIdProvider` returns: Amplify's credentials provider whose
 * identity id lives in a request's storage.
 * @since 0.1.0
 */
export type RequestCredentialsProvider = CognitoAWSCredentialsAndIdentityIdProvider & {
  readonly [storageOf]: KeyValueStorageInterface
}

/**
 * Amplify's `createAWSCredentialsAndIdentityIdProvider(authConfig, keyValueStorage)`: identity-pool
 * credentials with the guest identity id kept in `keyValueStorage` (a request's cookies), to pass as
 * `libraryOptions.Auth.credentialsProvider` or to call directly.
 * @since 0.1.0
 */
export const createAWSCredentialsAndIdentityIdProvider = (
  authConfig: unknown,
  keyValueStorage: KeyValueStorageInterface
): RequestCredentialsProvider => {
  const identityIdStore = new DefaultIdentityIdStore(keyValueStorage)
  identityIdStore.setAuthConfig(authConfig)
  return Object.assign(new CognitoAWSCredentialsAndIdentityIdProvider(identityIdStore), { [storageOf]: keyValueStorage })
}

/**
 * Amplify's `runWithAmplifyServerContext`: runs `operation` with a context of its own, destroyed
 * when the operation settles.
 * @since 0.1.0
 */
export const runWithAmplifyServerContext = async <Result>(
  amplifyConfig: unknown,
  libraryOptions: ServerLibraryOptions,
  operation: (contextSpec: ServerContext.AmplifyContext<ServerLibraryOptions>) => Result | Promise<Result>
): Promise<Result> => {
  const context = contextFor(amplifyConfig, libraryOptions)
  try {
    return await operation(context)
  } finally {
    await ServerContext.destroy(context)
  }
}

/**
 * Amplify 6.21's `createAmplifyContext`: a context for one request, passed as the first argument.
 * @since 0.1.0
 */
export const createAmplifyContext = (
  amplifyConfig: unknown,
  libraryOptions: ServerLibraryOptions = {}
): ServerContext.AmplifyContext<ServerLibraryOptions> => contextFor(amplifyConfig, libraryOptions)

// -----------------------------------------------------------------------------
// the functions
// -----------------------------------------------------------------------------

const onContext = <A>(args: ReadonlyArray<unknown>, call: (runtime: AuthRuntime, rest: ReadonlyArray<unknown>) => Promise<A>): Promise<A> => {
  try {
    const { runtime, rest } = ServerContext.resolveContextArgs(args)
    return call(runtime, rest)
  } catch (error) {
    return Promise.reject(error)
  }
}

/**
 * The session of the request: tokens (refreshed on the server when due, the new ones written to
 * the response's cookies), `userSub`, identity-pool credentials where configured.
 * @since 0.1.0
 */
export function fetchAuthSession(contextSpec: ServerContext.ContextSpec, options?: FetchAuthSessionOptions): Promise<AuthSession>
export function fetchAuthSession(options?: FetchAuthSessionOptions): Promise<AuthSession>
export function fetchAuthSession(...args: ReadonlyArray<unknown>): Promise<AuthSession> {
  // As in Amplify, no context and nothing configured is an empty session rather than an error.
  if (args.length <= 1 && !ServerContext.looksLikeContext(args[0]) && !isConfigured()) return Promise.resolve(toAuthSession({}))
  return onContext(args, (runtime, [options]) => fetchAuthSessionBinding(runtime)(options as FetchAuthSessionOptions | undefined))
}

/**
 * The signed-in user of the request, or `UserUnAuthenticatedException`.
 * @since 0.1.0
 */
export function getCurrentUser(contextSpec: ServerContext.ContextSpec): Promise<AuthUser>
export function getCurrentUser(): Promise<AuthUser>
export function getCurrentUser(...args: ReadonlyArray<unknown>): Promise<AuthUser> {
  return onContext(args, (runtime) => bindings.getCurrentUser(runtime)())
}

/**
 * The attributes of the request's user (`GetUser`).
 * @since 0.1.0
 */
export function fetchUserAttributes(contextSpec: ServerContext.ContextSpec): Promise<FetchUserAttributesOutput>
export function fetchUserAttributes(): Promise<FetchUserAttributesOutput>
export function fetchUserAttributes(...args: ReadonlyArray<unknown>): Promise<FetchUserAttributesOutput> {
  return onContext(args, (runtime) => bindings.fetchUserAttributes(runtime)())
}

/**
 * Signs in on the server (beyond Amplify): the session goes to the response's cookies. A sign-in
 * that needs a further step (MFA, a new password) cannot continue in a later request.
 * @since 0.1.0
 */
export function signIn(contextSpec: ServerContext.ContextSpec, input: SignInInput): Promise<SignInOutput>
export function signIn(...args: ReadonlyArray<unknown>): Promise<SignInOutput> {
  return onContext(args, (runtime, [input]) => bindings.signIn(runtime)(input as SignInInput))
}

/**
 * Signs out on the server (beyond Amplify): revokes the session and removes its cookies.
 * @since 0.1.0
 */
export function signOut(contextSpec: ServerContext.ContextSpec, input?: SignOutInput): Promise<void>
export function signOut(...args: ReadonlyArray<unknown>): Promise<void> {
  return onContext(args, (runtime, [input]) => bindings.signOut(runtime)(input as SignOutInput | undefined))
}
