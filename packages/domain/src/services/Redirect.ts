/**
 * The browser's address bar as a port: where the page is (`currentUrl`), leaving for another page
 * (`navigate`, to the hosted UI or its logout endpoint) and rewriting the address without a
 * reload (`replaceUrl`, to drop `?code=…&state=…` once the redirect is completed). Layers
 * (adapters): `window.location` + `history` in browsers, an in-memory address elsewhere.
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import * as Data from "effect/Data"
import type * as Effect from "effect/Effect"

/** The browser refused to leave the page (a malformed URL, a blocked navigation). @since 0.1.0 */
export class NavigationError extends Data.TaggedError("NavigationError")<{
  readonly message: string
  readonly cause?: unknown
}> {}

/** @since 0.1.0 */
export interface RedirectService {
  /** The page's full URL, query and fragment included. */
  readonly currentUrl: Effect.Effect<string>
  /** Leaves the page for `url`. In a browser the page is gone soon after this succeeds. */
  readonly navigate: (url: string) => Effect.Effect<void, NavigationError>
  /** Replaces the page's URL in the address bar and history, without loading anything. */
  readonly replaceUrl: (url: string) => Effect.Effect<void>
}

/** @since 0.1.0 @category tags */
export class Redirect extends Context.Tag("@cognito-effect/domain/Redirect")<Redirect, RedirectService>() {}
