/**
 * `createServerRunner`: server-side auth for any framework, from the request and the response
 * alone. The session comes from the request's cookies (Amplify's names, so a browser using
 * `CookieStorage` and the server share it) and whatever the server changes — a refresh, a
 * sign-in, a sign-out — goes back as `Set-Cookie` headers: `SameSite=Lax`, `Path=/`, a year's
 * `Max-Age`, `Secure` except over plain http to a loopback host, and `HttpOnly` when the server
 * owns the session (`cookies.httpOnly`; a browser that reads the tokens itself needs them
 * readable).
 *
 * Works with Web `Request` + response `Headers` (fetch handlers, edge runtimes) and Node's
 * `IncomingMessage` + `ServerResponse`.
 *
 * @since 0.1.0
 */
import * as ServerCookies from "@cognito-effect/adapters/ServerCookieStorage"
import type { SameSite } from "@cognito-effect/adapters/CookieStorage"
import * as ServerContext from "./ServerContext.js"

/** Cookie attributes for the session cookies the server writes. @since 0.1.0 @category models */
export interface SessionCookieOptions {
  /** `true` when only the server reads the session (it signs users in itself); default `false` */
  readonly httpOnly?: boolean
  /** default `lax` */
  readonly sameSite?: SameSite
  /** default: `true`, except over plain http to a loopback host */
  readonly secure?: boolean
  readonly domain?: string
  /** default `/` */
  readonly path?: string
  /** seconds; default 365 days */
  readonly maxAge?: number
}

/** @since 0.1.0 @category models */
export interface ServerRunnerOptions extends ServerContext.ServerOptions {
  /** Amplify's `ResourcesConfig` or `amplify_outputs.json` */
  readonly config: unknown
  readonly cookies?: SessionCookieOptions
}

/** A request and where its response's headers go. @since 0.1.0 @category models */
export type ServerRequest =
  | { readonly request: ServerCookies.WebRequestLike; readonly responseHeaders: Headers }
  | { readonly request: ServerCookies.NodeRequestLike; readonly response: ServerCookies.NodeResponseLike }

/** What the runner's contexts report as their library options. @since 0.1.0 @category models */
export interface RunnerLibraryOptions {
  readonly ssr: true
}

/** @since 0.1.0 @category models */
export interface ServerRunner {
  /** A context for one request (Amplify 6.21): pass it as the first argument of the server functions. */
  readonly createContext: (request: ServerRequest) => ServerContext.AmplifyContext<RunnerLibraryOptions>
  /** Runs `operation` with a context for the request, which ends with it (Amplify ≤ 6.20). */
  readonly runWithAmplifyServerContext: <Result>(
    input: ServerRequest & {
      readonly operation: (contextSpec: ServerContext.AmplifyContext<RunnerLibraryOptions>) => Result | Promise<Result>
    }
  ) => Promise<Result>
}

/** The request's cookies as the token storage, writing with the runner's attributes. @since 0.1.0 */
export const cookieStorageFor = (request: ServerRequest, cookies: SessionCookieOptions = {}) => {
  const isWeb = "responseHeaders" in request
  const adapter = isWeb
    ? ServerCookies.createCookieStorageAdapterFromRequest(request.request, request.responseHeaders)
    : ServerCookies.createCookieStorageAdapterFromNodeRequest(request.request, request.response)
  const origin = isWeb
    ? ServerCookies.webRequestOrigin(request.request)
    : ServerCookies.nodeRequestOrigin(request.request)
  return ServerCookies.createKeyValueStorageFromCookieStorageAdapter(adapter, undefined, {
    sameSite: cookies.sameSite ?? "lax",
    secure: cookies.secure ?? ServerCookies.secureFor(origin),
    httpOnly: cookies.httpOnly ?? false,
    path: cookies.path ?? "/",
    maxAge: cookies.maxAge ?? ServerCookies.DEFAULT_AUTH_TOKEN_COOKIES_MAX_AGE,
    ...(cookies.domain === undefined ? {} : { domain: cookies.domain })
  })
}

/**
 * Parses the configuration and builds the shared clients once; each request then gets its own
 * context over its cookies. A bad configuration throws Amplify's error here.
 * @since 0.1.0
 * @category constructors
 */
export const createServerRunner = (options: ServerRunnerOptions): ServerRunner => {
  const { config, cookies, ...serverOptions } = options
  const auth = ServerContext.makeServerAuth(config, serverOptions)
  const libraryOptions: RunnerLibraryOptions = { ssr: true }
  const createContext = (request: ServerRequest) =>
    ServerContext.makeContext(config, libraryOptions, ServerContext.requestRuntime(auth, cookieStorageFor(request, cookies)))
  return {
    createContext,
    runWithAmplifyServerContext: async ({ operation, ...request }) => {
      const context = createContext(request as ServerRequest)
      try {
        return await operation(context)
      } finally {
        await ServerContext.destroy(context)
      }
    }
  }
}
