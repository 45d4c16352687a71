/**
 * Server contexts: one auth instance per request, in both of Amplify's models — the
 * `contextSpec` that `runWithAmplifyServerContext` hands its operation (≤ 6.20, destroyed when
 * the operation ends) and the `AmplifyContext` of 6.21 (`createAmplifyContext`, passed as the
 * first argument).
 *
 * What can be shared is built once per configuration (`ServerAuth`): the parsed configuration
 * and the Cognito clients, which hold no user state. Everything that belongs to a user is built
 * per request over that request's storage (its cookies): the token store, the token provider and
 * its refresh lock, the pending sign-in, the events. Two requests never share a session, however
 * many run at once.
 *
 * The app client's secret is a server-only option here (`ServerOptions.clientSecret`); the
 * Amplify configuration a browser bundle sees has no place for it.
 *
 * @since 0.1.0
 */
import { AuthEventBus } from "@cognito-effect/adapters/AuthEventBus"
import type { AuthServices } from "@cognito-effect/adapters/Layers"
import * as ServerLayers from "@cognito-effect/adapters/ServerLayers"
import * as Storage from "@cognito-effect/adapters/Storage"
import * as AuthConfig from "@cognito-effect/domain/AuthConfig"
import type { FetchAuthSessionOptions } from "@cognito-effect/domain/steps/fetchAuthSession"
import { TokenProvider } from "@cognito-effect/domain/TokenProvider"
import type * as Tokens from "@cognito-effect/domain/Tokens"
import * as Cause from "effect/Cause"
import type * as Clock from "effect/Clock"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import * as ManagedRuntime from "effect/ManagedRuntime"
import * as Option from "effect/Option"
import type * as Redacted from "effect/Redacted"
import * as Scope from "effect/Scope"
import { modExpLayer } from "#platform"
import { currentRuntime } from "./Amplify.js"
import { type AuthSession, bindings, fetchAuthSessionBinding, type JWT, toJWT } from "./AuthClient.js"
import { AmplifyError, NoAmplifyContextError, toAmplifyError } from "./AuthError.js"
import { type AuthRuntime, type CallOptions, SwitchableStorage, toCapsule } from "./createAuth.js"
import { SessionCache } from "./SessionCache.js"
import type { KeyValueStorageInterface } from "./storage.js"

// -----------------------------------------------------------------------------
// errors
// -----------------------------------------------------------------------------

export { NoAmplifyContextError }

/** A context in the wrong place, or an object that only looks like one (Amplify 6.21). @since 0.1.0 @category errors */
export class InvalidAmplifyContextError extends AmplifyError {
  constructor(message: string) {
    super({ name: "InvalidAmplifyContextError", message })
  }
}

/** A `contextSpec` used after its `runWithAmplifyServerContext` ended (Amplify ≤ 6.20). @since 0.1.0 @category errors */
export class AmplifyServerContextError extends AmplifyError {
  constructor(message: string) {
    super({ name: "AmplifyServerContextError", message })
  }
}

// -----------------------------------------------------------------------------
// what requests share
// -----------------------------------------------------------------------------

/** Server-side settings that Amplify's configuration has no place for. @since 0.1.0 @category models */
export interface ServerOptions {
  /** The app client's secret: SECRET_HASH and `ClientSecret` go on every call that needs them. */
  readonly clientSecret?: Redacted.Redacted<string>
  /** The `fetch` the Cognito clients use. */
  readonly fetch?: typeof globalThis.fetch
  /** Extra headers on every user-pool request (Amplify's `Auth.headers`). */
  readonly headers?: () => Promise<Record<string, string>>
  /** The clock sessions are judged by (default: the system clock); tests pass the emulator's. */
  readonly clock?: Clock.Clock
}

/** A configuration ready to serve requests. @since 0.1.0 @category models */
export interface ServerAuth {
  /** the configuration as given (what contexts report as `resourcesConfig`) */
  readonly config: unknown
  readonly resolved: AuthConfig.ResolvedAuthConfig
  readonly options: ServerOptions
  /** the shared services (configuration, Cognito clients), built once */
  readonly runtime: ManagedRuntime.ManagedRuntime<ServerLayers.Shared, never>
}

/**
 * Parses the configuration and builds what every request will share. A configuration Amplify
 * refuses (not an object) throws here, once; what it accepts but cannot serve (no user pool, a
 * pool id without a region) fails each call, as in Amplify.
 * @since 0.1.0
 * @category constructors
 */
export const makeServerAuth = (config: unknown, options: ServerOptions = {}): ServerAuth => {
  const resolved = Either.getOrElse(AuthConfig.parse(config), (error) => {
    throw toAmplifyError(error)
  })
  const shared = ServerLayers.shared(resolved, {
    modExp: modExpLayer,
    ...(options.clientSecret === undefined ? {} : { clientSecret: options.clientSecret }),
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
    ...(options.headers === undefined ? {} : { headers: options.headers })
  })
  const runtime = ManagedRuntime.make(options.clock === undefined ? shared : Layer.merge(shared, Layer.setClock(options.clock)))
  return { config, resolved, options, runtime }
}

const cache = new WeakMap<object, Array<ServerAuth>>()

/**
 * The `ServerAuth` of a configuration object, made on first use: Amplify's server functions
 * receive the configuration on every call.
 * @since 0.1.0
 * @category constructors
 */
export const serverAuthFor = (config: unknown, options: ServerOptions = {}): ServerAuth => {
  if (typeof config !== "object" || config === null) return makeServerAuth(config, options)
  const known = cache.get(config) ?? []
  const same = known.find((auth) =>
    auth.options.clientSecret === options.clientSecret && auth.options.headers === options.headers &&
    auth.options.fetch === options.fetch && auth.options.clock === options.clock
  )
  if (same !== undefined) return same
  const made = makeServerAuth(config, options)
  cache.set(config, [...known, made])
  return made
}

// -----------------------------------------------------------------------------
// one request
// -----------------------------------------------------------------------------

const abortError = (signal: AbortSignal | undefined): unknown =>
  signal?.reason ?? new DOMException("The operation was aborted.", "AbortError")

/** A step's exit as the facade reports it: the value, or Amplify's error. */
const settle = <A, E>(exit: Exit.Exit<A, E>, signal: AbortSignal | undefined): A => {
  if (Exit.isSuccess(exit)) return exit.value
  const failure = Cause.failureOption(exit.cause)
  if (Option.isSome(failure)) throw toAmplifyError(failure.value)
  if (Cause.isInterruptedOnly(exit.cause)) throw abortError(signal)
  throw toAmplifyError(Cause.squash(exit.cause))
}

/**
 * An auth instance for one request, over `storage` (its cookies) and the shared services: its own
 * token store, token provider, refresh lock and events, so two requests never share a session.
 * @since 0.1.0
 * @category constructors
 */
export const requestRuntime = (auth: ServerAuth, storage: KeyValueStorageInterface): AuthRuntime => {
  const scope = Effect.runSync(Scope.make())
  const session = auth.runtime.runSync(
    Scope.extend(ServerLayers.session(Storage.fromPromiseStorage(storage)), scope)
  )
  const execute = <A, E>(effect: Effect.Effect<A, E, AuthServices>, options?: CallOptions): Promise<A> => {
    const signal = options?.signal
    if (signal?.aborted === true) return Promise.reject(abortError(signal))
    return auth.runtime
      .runPromiseExit(Effect.provide(effect, session), signal === undefined ? undefined : { signal })
      .then((exit) => settle(exit, signal))
  }
  // `hold`: later calls wait for the held step, as on the browser instance.
  let held: Promise<void> | undefined
  const run: AuthRuntime["run"] = (effect, options) =>
    held === undefined ? execute(effect, options) : held.then(() => execute(effect, options))
  const hold: AuthRuntime["hold"] = (effect, options) => {
    const result = run(effect, options)
    const settled = result.then(() => undefined, () => undefined)
    held = settled
    void settled.then(() => {
      if (held === settled) held = undefined
    })
    return result
  }
  const listen: AuthRuntime["listen"] = (callback, options) => {
    const bus = Context.get(session, AuthEventBus)
    const unsubscribe = Effect.runSync(
      bus.subscribe((event, delivery) => callback(toCapsule(event, delivery.crossTab)), { crossTab: options?.crossTab === true })
    )
    return () => Effect.runSync(unsubscribe)
  }
  const switchable = new SwitchableStorage(storage)
  return {
    config: auth.resolved,
    storage: switchable,
    clientMetadata: {},
    // A request's cookie storage reports no changes, so the cache never answers for it.
    sessionCache: new SessionCache<AuthSession>({ version: () => switchable.version() }),
    holding: () => held !== undefined,
    run,
    hold,
    listen,
    dispose: () => Effect.runPromise(Scope.close(scope, Exit.void))
  }
}

// -----------------------------------------------------------------------------
// contexts
// -----------------------------------------------------------------------------

/** Amplify's `AuthTokens`, as `getTokens` gives them. @since 0.1.0 @category models */
export interface AuthTokens {
  readonly accessToken: JWT
  readonly idToken?: JWT
}

/** Amplify ≤ 6.20's opaque handle. @since 0.1.0 @category models */
export interface ContextSpec {
  readonly token: { readonly value: symbol }
}

/**
 * Amplify 6.21's `AmplifyContext`: frozen, branded, usable as a `ContextSpec`.
 * @since 0.1.0
 * @category models
 */
export interface AmplifyContext<LibraryOptions = unknown> extends ContextSpec {
  readonly resourcesConfig: unknown
  readonly libraryOptions: LibraryOptions
  fetchAuthSession(options?: FetchAuthSessionOptions): Promise<AuthSession>
  clearCredentials(): Promise<void>
  getTokens(options?: { readonly forceRefresh?: boolean }): Promise<AuthTokens | null>
}

const brand: unique symbol = Symbol.for("@cognito-effect/auth/AmplifyContext")

/** The runtime behind each live context; a destroyed context has none. */
const live = new WeakMap<object, AuthRuntime>()

const toTokens = (tokens: Option.Option<Tokens.TokenSet>): AuthTokens | null =>
  Option.match(tokens, {
    onNone: () => null,
    onSome: ({ accessToken, idToken }) => ({
      accessToken: toJWT(accessToken),
      ...(idToken === undefined ? {} : { idToken: toJWT(idToken) })
    })
  })

/**
 * A context over `runtime`, with the methods of Amplify's `AmplifyContext`.
 * @since 0.1.0
 * @category constructors
 */
export const makeContext = <L>(resourcesConfig: unknown, libraryOptions: L, runtime: AuthRuntime): AmplifyContext<L> => {
  const context: AmplifyContext<L> = Object.freeze({
    resourcesConfig,
    libraryOptions,
    token: Object.freeze({ value: Symbol("AmplifyServerContextToken") }),
    fetchAuthSession: (options?: FetchAuthSessionOptions) => fetchAuthSessionBinding(runtimeOf(context))(options),
    clearCredentials: () => bindings.clearCredentials(runtimeOf(context))(),
    getTokens: (options?: { readonly forceRefresh?: boolean }) =>
      runtimeOf(context).run(Effect.map(Effect.flatMap(TokenProvider, (provider) => provider.getTokens(options)), toTokens)),
    [brand]: true
  })
  live.set(context, runtime)
  return context
}

/**
 * Ends a context and releases its instance: later use throws `AmplifyServerContextError`.
 * @since 0.1.0
 * @category constructors
 */
export const destroy = (context: ContextSpec): Promise<void> => {
  const runtime = live.get(context)
  live.delete(context)
  return runtime === undefined ? Promise.resolve() : runtime.dispose()
}

/** Whether `value` is a context this module made (live or destroyed). @since 0.1.0 @category guards */
export const isAmplifyContext = (value: unknown): value is AmplifyContext =>
  typeof value === "object" && value !== null && (value as { [brand]?: unknown })[brand] === true

/** An object with a `token`, which is how Amplify ≤ 6.20 recognised a `contextSpec`. @since 0.1.0 @category guards */
export const looksLikeContext = (value: unknown): boolean =>
  typeof value === "object" && value !== null && "token" in value

/**
 * The runtime of a context.
 * @since 0.1.0
 * @category guards
 */
export const runtimeOf = (context: AmplifyContext): AuthRuntime => {
  const runtime = live.get(context)
  if (runtime === undefined) {
    throw new AmplifyServerContextError("Attempted to get the Amplify Server Context that may have been destroyed.")
  }
  return runtime
}

/**
 * Amplify 6.21's argument rules: a context first is used; a context anywhere else, or an object
 * that only looks like one, is `InvalidAmplifyContextError`; an explicit `undefined` first with
 * more arguments after it is `NoAmplifyContextError`; otherwise the instance `Amplify.configure`
 * started runs the call (and there must be one).
 * @since 0.1.0
 * @category guards
 */
export const resolveContextArgs = (
  args: ReadonlyArray<unknown>
): { readonly runtime: AuthRuntime; readonly rest: ReadonlyArray<unknown> } => {
  const [first, ...rest] = args
  if (isAmplifyContext(first)) return { runtime: runtimeOf(first), rest }
  if (rest.some(isAmplifyContext)) {
    throw new InvalidAmplifyContextError("An AmplifyContext must be the first argument.")
  }
  if (looksLikeContext(first)) {
    throw new InvalidAmplifyContextError("Invalid AmplifyContext: use the context createAmplifyContext or runWithAmplifyServerContext gives.")
  }
  if (args.length > 1 && first === undefined) {
    throw new NoAmplifyContextError("Undefined AmplifyContext passed. Pass the context of the request, or leave the argument out to use the global context.")
  }
  // Unconfigured, currentRuntime throws Amplify's NoAmplifyContextError.
  return { runtime: currentRuntime(), rest: args }
}
