/**
 * Layers for the `Redirect` port: the browser's own address bar (`window.location`,
 * `history.replaceState`), a handler object for apps that navigate their own way (a native
 * shell, a test driving the hosted UI over HTTP), and an in-memory address for places without a
 * browser. `layer` picks the browser where there is one, memory elsewhere.
 *
 * @since 0.1.0
 */
import { NavigationError, Redirect, type RedirectService } from "@cognito-effect/domain/services/Redirect"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"

/** An app's own navigation, as plain functions. @since 0.1.0 */
export interface RedirectHandler {
  /** the page's full URL */
  readonly currentUrl: () => string
  /** leave for `url` (a rejection or a throw is a `NavigationError`) */
  readonly navigate: (url: string) => void | Promise<void>
  /** rewrite the address without loading (default: nothing) */
  readonly replaceUrl?: (url: string) => void
}

const navigationError = (url: string) => (cause: unknown) =>
  new NavigationError({ message: `The browser could not be sent to ${new URL(url, "http://invalid/").origin}.`, cause })

/** The port over a handler. @since 0.1.0 */
export const fromHandler = (handler: RedirectHandler): RedirectService => ({
  currentUrl: Effect.sync(() => handler.currentUrl()),
  navigate: (url) => Effect.tryPromise({ try: async () => handler.navigate(url), catch: navigationError(url) }),
  replaceUrl: (url) => Effect.sync(() => handler.replaceUrl?.(url))
})

/** The browser: `location.href`, `location.assign`, `history.replaceState`. @since 0.1.0 */
export const browser: RedirectHandler = {
  currentUrl: () => window.location.href,
  navigate: (url) => window.location.assign(url),
  replaceUrl: (url) => {
    try {
      window.history.replaceState(window.history.state, "", url)
    } catch {
      // another origin: the address bar cannot be rewritten, and need not be
    }
  }
}

/** An address kept in memory, with the pages it was sent to. @since 0.1.0 */
export class MemoryRedirect implements RedirectHandler {
  readonly navigations: Array<string> = []
  constructor(public url = "http://localhost/") {}
  currentUrl = () => this.url
  navigate = (url: string) => {
    this.navigations.push(url)
    this.url = url
  }
  replaceUrl = (url: string) => {
    this.url = url
  }
}

/** @since 0.1.0 @category layers */
export const layerHandler = (handler: RedirectHandler): Layer.Layer<Redirect> => Layer.succeed(Redirect, fromHandler(handler))

/** @since 0.1.0 @category layers */
export const layerBrowser: Layer.Layer<Redirect> = Layer.sync(Redirect, () => fromHandler(browser))

/** @since 0.1.0 @category layers */
export const layerMemory = (url?: string): Layer.Layer<Redirect> => Layer.sync(Redirect, () => fromHandler(new MemoryRedirect(url)))

/** The browser where there is one (`window.location`), else an in-memory address. @since 0.1.0 @category layers */
export const layer: Layer.Layer<Redirect> = Layer.suspend(() =>
  typeof window !== "undefined" && typeof window.location?.href === "string" ? layerBrowser : layerMemory()
)
