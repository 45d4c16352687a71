/**
 * Cookie storage for servers, with Amplify's server-side shapes (`CookieStorage.Adapter`,
 * `createKeyValueStorageFromCookieStorageAdapter`): a request's cookies and its response's
 * `Set-Cookie` headers behind the storage interface, so the token store reads the session a
 * browser keeps in cookies (same names: the storage keys) and writes a refreshed one back.
 *
 * Two framework-neutral adapters: Web `Request` + response `Headers` (fetch handlers, edge
 * runtimes) and Node's `IncomingMessage` + `ServerResponse`. Both see their own writes within the
 * request, send one `Set-Cookie` per cookie however often it changes, and leave other
 * `Set-Cookie` headers of the response alone. Names and values are encoded as js-cookie encodes
 * them (`CookieStorage`), so Amplify's browser `CookieStorage` reads what the server wrote.
 *
 * @since 0.1.0
 */
import { type Cookie as NameValue, parseCookieHeader, type SetCookieOptions, serializeSetCookie } from "./CookieStorage.js"
import type { KeyValueStorageInterface } from "./Storage.js"

/** A cookie as an adapter reports it. @since 0.1.0 @category models */
export type Cookie = { readonly name: string; readonly value?: string } & SetCookieOptions

/** Amplify's `CookieStorage.Adapter`. @since 0.1.0 @category models */
export interface Adapter {
  getAll(): ReadonlyArray<Cookie>
  get(name: string): Cookie | undefined
  set(name: string, value: string, options?: SetCookieOptions): void
  delete(name: string): void
}

/** Amplify's `DEFAULT_AUTH_TOKEN_COOKIES_MAX_AGE`: 365 days, in seconds. @since 0.1.0 @category defaults */
export const DEFAULT_AUTH_TOKEN_COOKIES_MAX_AGE = 365 * 24 * 60 * 60

/** What every write carries unless told otherwise. @since 0.1.0 @category defaults */
export const defaultSetCookieOptions: SetCookieOptions = { sameSite: "lax", secure: true, path: "/" }

/** Checks Amplify lets an app run before trusting a stored value. @since 0.1.0 @category models */
export interface Validator {
  /** `false` makes the value read as absent */
  readonly getItem?: (key: string, value: string) => Promise<boolean>
}

/**
 * Amplify's `createKeyValueStorageFromCookieStorageAdapter`: `setItem` deletes, then writes with
 * `{ sameSite: "lax", secure: true, path: "/" }`, then `setCookieOptions`, and a one-year
 * `Max-Age` unless an expiry is given; `getItem` reads `null` when the validator says no;
 * `clear` is not supported (a server cannot list the browser's cookies to remove).
 * @since 0.1.0
 * @category constructors
 */
export const createKeyValueStorageFromCookieStorageAdapter = (
  adapter: Adapter,
  validator?: Validator,
  setCookieOptions: SetCookieOptions = {}
): KeyValueStorageInterface => {
  const options: SetCookieOptions = { ...defaultSetCookieOptions, ...setCookieOptions }
  const lifetime =
    options.expires === undefined && options.maxAge === undefined ? { maxAge: DEFAULT_AUTH_TOKEN_COOKIES_MAX_AGE } : {}
  return {
    async setItem(key, value) {
      // Deleting first also expires a cookie of that name set on the request's own path.
      adapter.delete(key)
      adapter.set(key, value, { ...options, ...lifetime })
    },
    async getItem(key) {
      const value = adapter.get(key)?.value
      if (value === undefined) return null
      if (validator?.getItem !== undefined && !(await validator.getItem(key, value))) return null
      return value
    },
    async removeItem(key) {
      adapter.delete(key)
    },
    async clear() {
      throw new Error("This method has not implemented.")
    }
  }
}

// -----------------------------------------------------------------------------
// the request's cookies and the response's Set-Cookie headers
// -----------------------------------------------------------------------------

/** Where `Set-Cookie` headers go: the current list, and a way to replace it. */
interface SetCookieTarget {
  readonly read: () => ReadonlyArray<string>
  readonly write: (headers: ReadonlyArray<string>) => void
}

const removal = (options: SetCookieOptions): SetCookieOptions => ({
  ...(options.path === undefined ? { path: "/" } : { path: options.path }),
  ...(options.domain === undefined ? {} : { domain: options.domain }),
  expires: new Date(0),
  maxAge: 0
})

/**
 * An adapter over a `Cookie` header and a `Set-Cookie` target. Changes are kept per name: reads
 * see them, and the target holds exactly one header per changed cookie plus whatever else it had.
 */
const makeAdapter = (cookieHeader: string | undefined, target: SetCookieTarget): Adapter => {
  const received: ReadonlyArray<NameValue> = cookieHeader === undefined ? [] : parseCookieHeader(cookieHeader)
  const changes = new Map<string, { readonly value: string | undefined; readonly header: string; readonly options: SetCookieOptions }>()
  const written = new Set<string>()

  const flush = () => {
    const others = target.read().filter((header) => !written.has(header))
    written.clear()
    for (const change of changes.values()) written.add(change.header)
    target.write([...others, ...written])
  }

  const get = (name: string): Cookie | undefined => {
    const change = changes.get(name)
    if (change !== undefined) return change.value === undefined ? undefined : { name, value: change.value }
    return received.find((cookie) => cookie.name === name)
  }

  return {
    getAll: () => {
      const names = new Set([...received.map((cookie) => cookie.name), ...changes.keys()])
      return [...names].flatMap((name) => {
        const cookie = get(name)
        return cookie === undefined ? [] : [cookie]
      })
    },
    get,
    set: (name, value, options = {}) => {
      changes.set(name, { value, header: serializeSetCookie(name, value, options), options })
      flush()
    },
    delete: (name) => {
      const previous = changes.get(name)?.options ?? {}
      changes.set(name, { value: undefined, header: serializeSetCookie(name, "", removal(previous)), options: previous })
      flush()
    }
  }
}

/** The parts of a fetch `Request` the adapter reads. @since 0.1.0 @category models */
export interface WebRequestLike {
  readonly url: string
  readonly headers: { get(name: string): string | null }
}

/**
 * The cookies of a Web `Request`; writes go to `responseHeaders` (the `Headers` of the
 * `Response` the handler returns).
 * @since 0.1.0
 * @category adapters
 */
export const createCookieStorageAdapterFromRequest = (request: WebRequestLike, responseHeaders: Headers): Adapter =>
  makeAdapter(request.headers.get("cookie") ?? undefined, {
    read: () => responseHeaders.getSetCookie(),
    write: (headers) => {
      responseHeaders.delete("set-cookie")
      for (const header of headers) responseHeaders.append("set-cookie", header)
    }
  })

/** The parts of Node's `IncomingMessage` the adapter reads. @since 0.1.0 @category models */
export interface NodeRequestLike {
  readonly url?: string | undefined
  readonly headers: Readonly<Record<string, string | ReadonlyArray<string> | undefined>>
  readonly socket?: object | null
}

/** The parts of Node's `ServerResponse` the adapter writes. @since 0.1.0 @category models */
export interface NodeResponseLike {
  readonly headersSent: boolean
  getHeader(name: string): number | string | ReadonlyArray<string> | undefined
  setHeader(name: string, value: ReadonlyArray<string>): unknown
}

const headerText = (value: string | ReadonlyArray<string> | undefined): string | undefined =>
  value === undefined ? undefined : typeof value === "string" ? value : value.join("; ")

/**
 * The cookies of a Node `IncomingMessage`; writes go to the `ServerResponse` as `Set-Cookie`
 * headers, which must not have been sent yet.
 * @since 0.1.0
 * @category adapters
 */
export const createCookieStorageAdapterFromNodeRequest = (request: NodeRequestLike, response: NodeResponseLike): Adapter =>
  makeAdapter(headerText(request.headers["cookie"]), {
    read: () => {
      const current = response.getHeader("set-cookie")
      return current === undefined ? [] : typeof current === "number" ? [String(current)] : typeof current === "string" ? [current] : current
    },
    write: (headers) => {
      if (response.headersSent) throw new Error("The response headers were already sent: the session cookies cannot be written.")
      response.setHeader("set-cookie", headers)
    }
  })

// -----------------------------------------------------------------------------
// where a request comes from
// -----------------------------------------------------------------------------

/** `localhost`, `*.localhost`, `127.0.0.0/8` and `::1`. @since 0.1.0 @category origins */
export const isLoopbackHost = (hostname: string): boolean => {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, "").replace(/\.$/, "")
  return host === "localhost" || host.endsWith(".localhost") || host === "::1" || /^127(?:\.\d{1,3}){3}$/.test(host)
}

/** The scheme and host a request was made to. @since 0.1.0 @category origins */
export interface RequestOrigin {
  readonly protocol: "http:" | "https:"
  readonly hostname: string
}

/** @since 0.1.0 @category origins */
export const webRequestOrigin = (request: WebRequestLike): RequestOrigin => {
  const url = new URL(request.url)
  return { protocol: url.protocol === "http:" ? "http:" : "https:", hostname: url.hostname }
}

/** From the `Host` header and whether the socket is TLS. @since 0.1.0 @category origins */
export const nodeRequestOrigin = (request: NodeRequestLike): RequestOrigin => {
  const host = headerText(request.headers["host"]) ?? ""
  let hostname = host
  try {
    hostname = new URL(`http://${host}`).hostname
  } catch {
    // an unparseable Host header is not loopback
  }
  const encrypted = request.socket !== null && request.socket !== undefined && "encrypted" in request.socket &&
    request.socket.encrypted === true
  return { protocol: encrypted ? "https:" : "http:", hostname }
}

/**
 * Whether cookies for this origin should be `Secure`: always, except over plain http to a
 * loopback host (local development and tests), where a `Secure` cookie would not come back.
 * @since 0.1.0
 * @category origins
 */
export const secureFor = (origin: RequestOrigin): boolean => !(origin.protocol === "http:" && isLoopbackHost(origin.hostname))
