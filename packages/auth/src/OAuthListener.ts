/**
 * Amplify's automatic OAuth listener, for apps that drop this library in place of Amplify: in a
 * browser, after every `Amplify.configure` with an OAuth configuration (and at once, if
 * `configure` already ran), the redirect sign-in in flight is completed when the page carries the
 * hosted UI's answer. The global `signInWithRedirect` switches it on when an app uses it (as
 * Amplify's does); `@cognito-effect/auth/enable-oauth-listener` switches it on for pages that do
 * not. Apps that prefer no magic call `completeSignInWithRedirect()` themselves.
 *
 * @since 0.1.0
 */
import { currentRuntime, isConfigured } from "./Amplify.js"
import { Hub } from "./Hub.js"
import { completeOn } from "./RedirectCompletion.js"

let enabled = false

const attempt = (): void => {
  if (!isConfigured()) return
  const runtime = currentRuntime()
  if (runtime.config.userPool?.loginWith?.oauth === undefined) return
  // Failures reach the app as `signInWithRedirect_failure`; nothing is left unhandled.
  completeOn(runtime, { onlyWhenReturning: true }).catch(() => undefined)
}

/**
 * Switches the listener on (once; only in browsers).
 * @since 0.1.0
 */
export const enableOAuthListener = (): void => {
  if (enabled || typeof window === "undefined") return
  enabled = true
  Hub.listen("core", ({ payload }) => {
    if (payload.event === "configure") attempt()
  })
  attempt()
}

/**
 * `value`, with the listener switched on: what a bundle that keeps the value also keeps.
 * @since 0.1.0
 */
export const withOAuthListener = <A>(value: A): A => {
  enableOAuthListener()
  return value
}
