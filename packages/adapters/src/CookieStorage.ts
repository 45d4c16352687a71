/**
 * Cookie storage over `document.cookie`, with Amplify's `CookieStorage` options, defaults and
 * validation errors, and js-cookie's encoding (what Amplify uses), so cookies written by Amplify
 * read back here and the other way round. Three faces:
 *
 * - `CookieStorage`: the Promise `KeyValueStorageInterface` class the facade exports.
 * - `make` / `layer`: the `KeyValueStorage` port; a write the browser does not keep (too large,
 *   `Secure` on plain http, a domain or path this page cannot see) fails with a `StorageError`
 *   instead of vanishing.
 * - A pure codec: parse a `Cookie` header, format a `document.cookie` assignment, serialize a
 *   `Set-Cookie` header, for server-side cookie storage.
 *
 * @since 0.1.0
 */
import { StorageError } from "@cognito-effect/domain/AuthError"
import { KeyValueStorage, type KeyValueStorageService } from "@cognito-effect/domain/services/KeyValueStorage"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import { identity } from "effect/Function"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import type { KeyValueStorageInterface } from "./Storage.js"

/** @since 0.1.0 @category options */
export type SameSite = "strict" | "lax" | "none"

/**
 * Amplify's `CookieStorage` constructor options. A key that is present counts even when its value
 * is `undefined` (as in Amplify): `{ expires: undefined }` makes session cookies,
 * `{ sameSite: undefined }` is refused.
 * @since 0.1.0
 * @category options
 */
export interface CookieStorageData {
  readonly domain?: string | undefined
  /** default `"/"` */
  readonly path?: string | undefined
  /** days; default 365 */
  readonly expires?: number | undefined
  /** default `true` */
  readonly secure?: boolean | undefined
  readonly sameSite?: SameSite | undefined
}

/** The attributes every write carries. @since 0.1.0 @category options */
export interface CookieAttributes {
  readonly path: string
  readonly domain: string | undefined
  /** days from now; `undefined` for a session cookie */
  readonly expires: number | undefined
  readonly secure: boolean | undefined
  readonly sameSite: SameSite | undefined
}

const has = (data: object, key: string) => Object.prototype.hasOwnProperty.call(data, key)

/**
 * Applies Amplify's defaults and validation to `CookieStorage` options.
 * @since 0.1.0
 * @category options
 */
export const resolveCookieAttributes = (data: CookieStorageData = {}): Either.Either<CookieAttributes, Error> => {
  const secure = has(data, "secure") ? data.secure : true
  const base = {
    path: data.path ? data.path : "/",
    domain: data.domain,
    expires: has(data, "expires") ? data.expires : 365,
    secure
  }
  if (!has(data, "sameSite")) return Either.right({ ...base, sameSite: undefined })
  const sameSite = data.sameSite
  if (sameSite !== "strict" && sameSite !== "lax" && sameSite !== "none") {
    return Either.left(new Error("The sameSite value of cookieStorage must be \"lax\", \"strict\" or \"none\"."))
  }
  if (sameSite === "none" && !secure) {
    return Either.left(new Error("sameSite = None requires the Secure attribute in latest browser versions."))
  }
  return Either.right({ ...base, sameSite })
}

// -----------------------------------------------------------------------------
// codec
// -----------------------------------------------------------------------------

/** Characters js-cookie leaves readable after percent-encoding a value. */
const keptReadable = new Set(Array.from("#$&+/:<=>?@[]^`{|}", (c) => encodeURIComponent(c)))

/**
 * Percent-encodes a cookie value as js-cookie does: `encodeURIComponent`, then the characters a
 * cookie value may hold are put back.
 * @since 0.1.0
 * @category codec
 */
export const encodeCookieValue = (value: string): string =>
  encodeURIComponent(value).replace(/%[0-9A-F]{2}/g, (escape) => keptReadable.has(escape) ? decodeURIComponent(escape) : escape)

/**
 * Encodes a cookie name as js-cookie does: like a value, with `=` escaped.
 * @since 0.1.0
 * @category codec
 */
export const encodeCookieName = (name: string): string => encodeCookieValue(name).replace(/=/g, "%3D")

/**
 * Decodes each run of percent escapes; a run that is not valid UTF-8 is kept as it is.
 * @since 0.1.0
 * @category codec
 */
export const decodeCookieComponent = (text: string): string =>
  text.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run)
    } catch {
      return run
    }
  })

/** @since 0.1.0 @category codec */
export interface Cookie {
  readonly name: string
  readonly value: string
}

/**
 * Parses a `Cookie` request header or `document.cookie`, in order, names and values decoded.
 * @since 0.1.0
 * @category codec
 */
export const parseCookieHeader = (header: string): ReadonlyArray<Cookie> =>
  header
    .split(";")
    .map((pair) => pair.trim())
    .filter((pair) => pair.length > 0)
    .map((pair) => {
      const eq = pair.indexOf("=")
      const name = eq === -1 ? pair : pair.slice(0, eq)
      const value = eq === -1 ? "" : pair.slice(eq + 1)
      return { name: decodeCookieComponent(name.trim()), value: decodeCookieComponent(value.trim()) }
    })

/**
 * The first cookie of that name (browsers list the most specific path first).
 * @since 0.1.0
 * @category codec
 */
export const getCookie = (header: string, name: string): Option.Option<string> =>
  Option.map(
    Option.fromNullable(parseCookieHeader(header).find((cookie) => cookie.name === name)),
    (cookie) => cookie.value
  )

/** An attribute value ends at the first `;` or line break (no attribute injection). */
const attributeValue = (value: string) => value.split(/[;\r\n]/)[0] ?? ""

const dayMillis = 24 * 60 * 60 * 1000

/**
 * The string js-cookie assigns to `document.cookie` for these attributes (`expires` in days
 * from `nowMillis`; negative removes the cookie).
 * @since 0.1.0
 * @category codec
 */
export const formatDocumentCookie = (
  name: string,
  value: string,
  attributes: CookieAttributes,
  nowMillis: number
): string => {
  const parts = [`${encodeCookieName(name)}=${encodeCookieValue(value)}`]
  if (attributes.path) parts.push(`path=${attributeValue(attributes.path)}`)
  if (attributes.expires !== undefined && Number.isFinite(attributes.expires)) {
    parts.push(`expires=${new Date(nowMillis + attributes.expires * dayMillis).toUTCString()}`)
  }
  if (attributes.domain) parts.push(`domain=${attributeValue(attributes.domain)}`)
  if (attributes.secure) parts.push("secure")
  if (attributes.sameSite) parts.push(`sameSite=${attributes.sameSite}`)
  return parts.join("; ")
}

/**
 * `Set-Cookie` attributes, as Amplify's server cookie adapters take them.
 * @since 0.1.0
 * @category codec
 */
export interface SetCookieOptions {
  readonly domain?: string
  readonly expires?: Date
  readonly httpOnly?: boolean
  /** seconds */
  readonly maxAge?: number
  /** `true` means `Strict`, `false` omits the attribute */
  readonly sameSite?: boolean | SameSite
  readonly secure?: boolean
  readonly path?: string
}

const sameSiteNames: Record<SameSite, string> = { strict: "Strict", lax: "Lax", none: "None" }

/**
 * A `Set-Cookie` header value; name and value are encoded as js-cookie encodes them, so a browser
 * page using Amplify or this package reads them back.
 * @since 0.1.0
 * @category codec
 */
export const serializeSetCookie = (name: string, value: string, options: SetCookieOptions = {}): string => {
  const parts = [`${encodeCookieName(name)}=${encodeCookieValue(value)}`]
  if (options.domain) parts.push(`Domain=${attributeValue(options.domain)}`)
  if (options.path) parts.push(`Path=${attributeValue(options.path)}`)
  if (options.expires !== undefined) parts.push(`Expires=${options.expires.toUTCString()}`)
  if (options.maxAge !== undefined && Number.isFinite(options.maxAge)) parts.push(`Max-Age=${Math.floor(options.maxAge)}`)
  if (options.httpOnly) parts.push("HttpOnly")
  if (options.secure) parts.push("Secure")
  const sameSite = options.sameSite === true ? "strict" : options.sameSite === false ? undefined : options.sameSite
  if (sameSite !== undefined) parts.push(`SameSite=${sameSiteNames[sameSite]}`)
  return parts.join("; ")
}

// -----------------------------------------------------------------------------
// storage
// -----------------------------------------------------------------------------

/** What cookie storage needs of a document. @since 0.1.0 @category models */
export interface CookieDocument {
  cookie: string
}

const globalDocument = (): CookieDocument | undefined =>
  typeof globalThis.document === "object" && globalThis.document !== null ? globalThis.document : undefined

/**
 * Amplify's `CookieStorage`: a Promise `KeyValueStorageInterface` over `document.cookie`. Throws
 * Amplify's errors for bad options. Without a document (server rendering) reads find nothing and
 * writes do nothing, as with Amplify. `environment` lets tests and other windows supply the
 * document and the clock.
 * @since 0.1.0
 * @category storage
 */
export class CookieStorage implements KeyValueStorageInterface {
  readonly path: string
  readonly domain: string | undefined
  readonly expires: number | undefined
  readonly secure: boolean | undefined
  readonly sameSite: SameSite | undefined
  readonly #attributes: CookieAttributes
  readonly #document: () => CookieDocument | undefined
  readonly #now: () => number

  constructor(
    data: CookieStorageData = {},
    environment: { readonly document?: CookieDocument; readonly now?: () => number } = {}
  ) {
    const attributes = Either.getOrThrowWith(resolveCookieAttributes(data), identity)
    this.#attributes = attributes
    this.path = attributes.path
    this.domain = attributes.domain
    this.expires = attributes.expires
    this.secure = attributes.secure
    this.sameSite = attributes.sameSite
    const document = environment.document
    this.#document = document === undefined ? globalDocument : () => document
    this.#now = environment.now ?? Date.now
  }

  async setItem(key: string, value: string): Promise<void> {
    const document = this.#document()
    if (document !== undefined) document.cookie = formatDocumentCookie(key, value, this.#attributes, this.#now())
  }

  async getItem(key: string): Promise<string | null> {
    const document = this.#document()
    return document === undefined ? null : Option.getOrNull(getCookie(document.cookie, key))
  }

  async removeItem(key: string): Promise<void> {
    const document = this.#document()
    if (document !== undefined) {
      document.cookie = formatDocumentCookie(key, "", { ...this.#attributes, expires: -1 }, this.#now())
    }
  }

  /** Removes every cookie this page can see, as Amplify does. */
  async clear(): Promise<void> {
    const document = this.#document()
    if (document === undefined) return
    for (const { name } of parseCookieHeader(document.cookie)) await this.removeItem(name)
  }
}

/** @since 0.1.0 @category storage */
export interface CookieStorageOptions extends CookieStorageData {
  /** default: `globalThis.document` */
  readonly document?: CookieDocument
}

/**
 * Cookie storage as the `KeyValueStorage` service. Fails with Amplify's `Error` for bad options.
 * Expiry dates come from Effect's `Clock`.
 * @since 0.1.0
 * @category constructors
 */
export const make = (options: CookieStorageOptions = {}): Effect.Effect<KeyValueStorageService, Error> =>
  Effect.gen(function*() {
    const attributes = yield* resolveCookieAttributes(options)
    const document = options.document ?? globalDocument()

    const access = <A>(operation: StorageError["operation"], key: string | undefined, run: (document: CookieDocument) => A) =>
      Effect.try({
        try: () => {
          if (document === undefined) throw new Error("There is no document.cookie here")
          return run(document)
        },
        catch: (cause) =>
          new StorageError({
            operation,
            ...(key === undefined ? {} : { key }),
            message: cause instanceof Error ? cause.message : "document.cookie is not accessible",
            cause
          })
      })

    const getItem = (key: string) =>
      document === undefined ? Effect.succeedNone : access("getItem", key, (doc) => getCookie(doc.cookie, key))

    const write = (operation: "setItem" | "removeItem", key: string, value: string, attrs: CookieAttributes) =>
      Effect.flatMap(Clock.currentTimeMillis, (now) =>
        access(operation, key, (doc) => {
          doc.cookie = formatDocumentCookie(key, value, attrs, now)
        }))

    const setItem = (key: string, value: string) =>
      write("setItem", key, value, attributes).pipe(
        Effect.zipRight(getItem(key)),
        Effect.flatMap((stored) =>
          Option.contains(stored, value) ? Effect.void : Effect.fail(
            new StorageError({
              operation: "setItem",
              key,
              message:
                "The browser did not keep the cookie (too large, Secure on plain http, or a domain or path this page cannot see)"
            })
          )
        )
      )

    const removeItem = (key: string) => write("removeItem", key, "", { ...attributes, expires: -1 })

    const clear = Effect.flatMap(
      document === undefined ? Effect.succeed([]) : access("clear", undefined, (doc) => parseCookieHeader(doc.cookie)),
      (cookies) => Effect.forEach(cookies, (cookie) => removeItem(cookie.name), { discard: true })
    )

    return { getItem, setItem, removeItem, clear }
  })

/**
 * @since 0.1.0
 * @category layers
 */
export const layer = (options: CookieStorageOptions = {}): Layer.Layer<KeyValueStorage, Error> =>
  Layer.effect(KeyValueStorage, make(options))
