/**
 * Completing a redirect sign-in on an instance: `completeSignInWithRedirect()`, the explicit,
 * documented call for the page the hosted UI returns to, and what the automatic listener runs.
 * The completion is held (`AuthRuntime.hold`): calls made meanwhile — `fetchAuthSession`,
 * `getCurrentUser` — wait for it and see the new session, as Amplify's do. Concurrent callers
 * (the listener and the app) share one attempt.
 *
 * @since 0.1.0
 */
import {
  completeSignInWithRedirect,
  type CompleteSignInWithRedirectOutput,
  isReturning
} from "@cognito-effect/domain/steps/completeSignInWithRedirect"
import * as Effect from "effect/Effect"
import type { Binding } from "./AuthClient.js"
import type { AuthRuntime, CallOptions } from "./createAuth.js"

const attempts = new WeakMap<AuthRuntime, Promise<CompleteSignInWithRedirectOutput>>()

const notReturning: CompleteSignInWithRedirectOutput = { isSignedIn: false }

/**
 * Completes the redirect in flight on `runtime`, joining an attempt already under way. With
 * `onlyWhenReturning`, nothing happens unless the page carries the hosted UI's answer (`code` or
 * `error`): the listener's rule, so an ordinary page load never cancels a sign-in in flight.
 * @since 0.1.0
 */
export const completeOn = (
  runtime: AuthRuntime,
  options: CallOptions & { readonly onlyWhenReturning?: boolean } = {}
): Promise<CompleteSignInWithRedirectOutput> => {
  const current = attempts.get(runtime)
  if (current !== undefined) return current
  const step = options.onlyWhenReturning === true
    ? Effect.flatMap(isReturning, (returning) => (returning ? completeSignInWithRedirect() : Effect.succeed(notReturning)))
    : completeSignInWithRedirect()
  const attempt = runtime.hold(step, options.signal === undefined ? undefined : { signal: options.signal })
  attempts.set(runtime, attempt)
  const forget = () => {
    if (attempts.get(runtime) === attempt) attempts.delete(runtime)
  }
  attempt.then(forget, forget)
  return attempt
}

/**
 * `completeSignInWithRedirect(options?)`: on the page the hosted UI sent the browser back to,
 * finishes the sign-in. Resolves `{ isSignedIn: true, customState? }` when it completed one,
 * `{ isSignedIn: false }` when no redirect sign-in was in flight; rejects with the failure (which
 * is also published as `signInWithRedirect_failure`).
 * @since 0.1.0
 */
export const completeSignInWithRedirectBinding: Binding<(options?: CallOptions) => Promise<CompleteSignInWithRedirectOutput>> =
  (runtime) => (options) => completeOn(runtime, options ?? {})
