/**
 * The requests and answers of the emulator's browser-facing routes (the hosted UI and its OAuth
 * endpoints), and the few answer shapes they use: HTML pages, JSON, redirects, cookies and forms.
 *
 * @since 0.1.0
 */

/** A request as the server read it. @since 0.1.0 */
export interface HttpRequest {
  readonly method: string
  readonly url: URL
  readonly headers: Readonly<Record<string, string | ReadonlyArray<string> | undefined>>
  readonly body: string
}

/** An answer as the server writes it. @since 0.1.0 */
export interface HttpReply {
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  readonly body: string
}

const noStore = { "cache-control": "no-store", pragma: "no-cache" }

/** An HTML page. @since 0.1.0 */
export const html = (status: number, body: string, headers: Readonly<Record<string, string>> = {}): HttpReply => ({
  status,
  headers: { "content-type": "text/html; charset=utf-8", ...noStore, ...headers },
  body
})

/** A JSON answer that no cache keeps. @since 0.1.0 */
export const json = (status: number, value: unknown, headers: Readonly<Record<string, string>> = {}): HttpReply => ({
  status,
  headers: { "content-type": "application/json;charset=UTF-8", ...noStore, ...headers },
  body: JSON.stringify(value)
})

/** A `302 Found` to `location`. @since 0.1.0 */
export const redirect = (location: string, headers: Readonly<Record<string, string>> = {}): HttpReply => ({
  status: 302,
  headers: { location, ...noStore, ...headers },
  body: ""
})

/** One header's value (the first, when repeated). @since 0.1.0 */
export const header = (request: HttpRequest, name: string): string | undefined => {
  const value = request.headers[name.toLowerCase()]
  return typeof value === "string" ? value : value?.[0]
}

/** A cookie the request carries. @since 0.1.0 */
export const cookie = (request: HttpRequest, name: string): string | undefined => {
  for (const part of (header(request, "cookie") ?? "").split(";")) {
    const [key, ...rest] = part.trim().split("=")
    if (key === name) return decodeURIComponent(rest.join("="))
  }
  return undefined
}

/** A `set-cookie` value for the hosted UI's cookie (`HttpOnly`, `SameSite=Lax`, the whole host). @since 0.1.0 */
export const setCookie = (name: string, value: string, maxAgeSeconds: number, secure: boolean): string =>
  `${name}=${encodeURIComponent(value)}; Path=/; Max-Age=${maxAgeSeconds}; HttpOnly; SameSite=Lax${secure ? "; Secure" : ""}`

/** The members of an `application/x-www-form-urlencoded` body. @since 0.1.0 */
export const form = (request: HttpRequest): URLSearchParams => new URLSearchParams(request.body)
