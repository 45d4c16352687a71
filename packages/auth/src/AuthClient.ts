/**
 * The documented Amplify auth functions as methods of one instance. Each method is a thin
 * adapter: it hands the input to its domain step and shapes the output as Amplify does (JWTs as
 * `{ payload, toString() }`). Inputs that are not objects are read as empty objects, so a bad call
 * gets Amplify's validation error instead of a `TypeError`.
 *
 * @since 0.1.0
 */
import type {
  AuthSession as DomainAuthSession,
  FetchAuthSessionOptions
} from "@cognito-effect/domain/steps/fetchAuthSession"
import type * as Tokens from "@cognito-effect/domain/Tokens"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { TokenStore } from "@cognito-effect/domain/services/TokenStore"
import type { AuthRuntime, AuthServices, CallOptions } from "./createAuth.js"
import type { HubCapsule } from "./Hub.js"
import { completeSignInWithRedirectBinding } from "./RedirectCompletion.js"
import * as steps from "./steps.js"
import { type JWT, toAuthTokens, toAWSCredentialValues, toJWT } from "./TokenShapes.js"

export { type JWT, toJWT }

/** Amplify's `AuthSession`. @since 0.1.0 */
export interface AuthSession {
  readonly tokens?: { readonly accessToken: JWT; readonly idToken?: JWT; readonly signInDetails?: Tokens.SignInDetails }
  readonly credentials?: {
    readonly accessKeyId: string
    readonly secretAccessKey: string
    readonly sessionToken?: string
    readonly expiration?: Date
  }
  readonly identityId?: string
  readonly userSub?: string
}


const objectOr = <A>(value: unknown): A => (typeof value === "object" && value !== null ? value : {}) as A

/** A documented function bound to nothing yet: give it a runtime, get the Promise function. @since 0.1.0 */
export type Binding<F> = (runtime: AuthRuntime) => F

/** A documented function that takes one input object. @since 0.1.0 */
export const withInput =
  <I, A, E>(step: (input: I) => Effect.Effect<A, E, AuthServices>): Binding<(input: I, options?: CallOptions) => Promise<A>> =>
  (runtime) =>
  (input, options) =>
    runtime.run(step(objectOr<I>(input)), options)

/** A documented function whose input object may be left out. @since 0.1.0 */
export const withOptionalInput =
  <I, A, E>(step: (input: I | undefined) => Effect.Effect<A, E, AuthServices>): Binding<(input?: I, options?: CallOptions) => Promise<A>> =>
  (runtime) =>
  (input, options) =>
    runtime.run(step(objectOr<I>(input)), options)

/** A documented function that takes no input. @since 0.1.0 */
export const withoutInput =
  <A, E>(step: () => Effect.Effect<A, E, AuthServices>): Binding<(options?: CallOptions) => Promise<A>> =>
  (runtime) =>
  (options) =>
    runtime.run(step(), options)

/**
 * `fetchAuthSession` with Amplify's JWT shape. A plain call is answered from the instance's
 * `SessionCache` while the last answer holds (no storage read, no runtime); otherwise the step
 * runs and its answer is kept for the next calls.
 * @since 0.1.0
 */
export const fetchAuthSessionBinding: Binding<(input?: FetchAuthSessionOptions, options?: CallOptions) => Promise<AuthSession>> =
  (runtime) => (input, options) => {
    const request = objectOr<FetchAuthSessionOptions>(input)
    const plain = request.forceRefresh !== true && request.clientMetadata === undefined
    const cache = runtime.sessionCache
    if (plain && options?.signal?.aborted !== true && !runtime.holding()) {
      const kept = cache.lookup(Date.now())
      if (kept !== undefined) return Promise.resolve(kept)
    }
    // Only a storage that reports its changes can have an answer kept (and needs the clock drift).
    const version = plain ? cache.mark() : undefined
    if (version === undefined) return runtime.run(Effect.map(steps.fetchAuthSession(request), toAuthSession), options)
    return runtime.run(
      Effect.flatMap(steps.fetchAuthSession(request), (session) =>
        Effect.map(
          session.tokens === undefined ? Effect.succeedNone : Effect.orElseSucceed(Effect.flatMap(TokenStore, (store) => store.load), Option.none),
          (stored) => {
            const value = toAuthSession(session)
            cache.remember(value, version, Date.now(), Option.getOrUndefined(stored), session.credentials)
            return value
          }
        )),
      options
    )
  }

/** `clearCredentials`, which also drops the kept `fetchAuthSession` answer. @since 0.1.0 */
export const clearCredentialsBinding: Binding<(options?: CallOptions) => Promise<void>> = (runtime) => (options) => {
  runtime.sessionCache.invalidate()
  return runtime.run(steps.clearCredentials(), options).finally(() => runtime.sessionCache.invalidate())
}

/** Every documented function as a binding; the global functions bind each one on its own. @since 0.1.0 */
export const bindings = {
  signUp: /* @__PURE__ */ withInput(steps.signUp),
  confirmSignUp: /* @__PURE__ */ withInput(steps.confirmSignUp),
  resendSignUpCode: /* @__PURE__ */ withInput(steps.resendSignUpCode),
  autoSignIn: /* @__PURE__ */ withoutInput(steps.autoSignIn),
  signIn: /* @__PURE__ */ withInput(steps.signIn),
  confirmSignIn: /* @__PURE__ */ withInput(steps.confirmSignIn),
  signOut: /* @__PURE__ */ withOptionalInput(steps.signOut),
  signInWithRedirect: /* @__PURE__ */ withOptionalInput(steps.signInWithRedirect),
  completeSignInWithRedirect: completeSignInWithRedirectBinding,
  getCurrentUser: /* @__PURE__ */ withoutInput(steps.getCurrentUser),
  fetchAuthSession: fetchAuthSessionBinding,
  clearCredentials: clearCredentialsBinding,
  resetPassword: /* @__PURE__ */ withInput(steps.resetPassword),
  confirmResetPassword: /* @__PURE__ */ withInput(steps.confirmResetPassword),
  updatePassword: /* @__PURE__ */ withInput(steps.updatePassword),
  fetchUserAttributes: /* @__PURE__ */ withoutInput(steps.fetchUserAttributes),
  updateUserAttributes: /* @__PURE__ */ withInput(steps.updateUserAttributes),
  updateUserAttribute: /* @__PURE__ */ withInput(steps.updateUserAttribute),
  confirmUserAttribute: /* @__PURE__ */ withInput(steps.confirmUserAttribute),
  sendUserAttributeVerificationCode: /* @__PURE__ */ withInput(steps.sendUserAttributeVerificationCode),
  deleteUserAttributes: /* @__PURE__ */ withInput(steps.deleteUserAttributes),
  deleteUser: /* @__PURE__ */ withoutInput(steps.deleteUser),
  setUpTOTP: /* @__PURE__ */ withoutInput(steps.setUpTOTP),
  verifyTOTPSetup: /* @__PURE__ */ withInput(steps.verifyTOTPSetup),
  updateMFAPreference: /* @__PURE__ */ withInput(steps.updateMFAPreference),
  fetchMFAPreference: /* @__PURE__ */ withoutInput(steps.fetchMFAPreference),
  rememberDevice: /* @__PURE__ */ withoutInput(steps.rememberDevice),
  forgetDevice: /* @__PURE__ */ withOptionalInput(steps.forgetDevice),
  fetchDevices: /* @__PURE__ */ withoutInput(steps.fetchDevices),
  associateWebAuthnCredential: /* @__PURE__ */ withoutInput(steps.associateWebAuthnCredential),
  listWebAuthnCredentials: /* @__PURE__ */ withOptionalInput(steps.listWebAuthnCredentials),
  deleteWebAuthnCredential: /* @__PURE__ */ withInput(steps.deleteWebAuthnCredential)
}

type Bound = { readonly [K in keyof typeof bindings]: ReturnType<(typeof bindings)[K]> }

/** @since 0.1.0 */
export const makeClient = (runtime: AuthRuntime) => {
  const apis = Object.fromEntries(Object.entries(bindings).map(([name, bind]) => [name, bind(runtime)])) as unknown as Bound
  return {
    ...apis,
    /** This instance's `auth` events, as Hub capsules. */
    listen: (callback: (capsule: HubCapsule) => void, options?: { readonly crossTab?: boolean }) =>
      runtime.listen(callback, options),
    /** Swaps where this instance keeps tokens (Amplify's `setKeyValueStorage`). */
    setKeyValueStorage: (storage: AuthRuntime["storage"]["current"]) => {
      runtime.storage.current = storage
    },
    /** Stops the instance's background work (cross-tab channel). */
    dispose: () => runtime.dispose()
  }
}

/**
 * Amplify's `AuthSession` over the domain's: JWTs as `{ payload, toString() }`, secrets as
 * strings. As Amplify's, it always lists its four keys, `undefined` where there is nothing (a
 * signed-out session is `{ tokens: undefined, credentials: undefined, … }`, not `{}`); the type
 * keeps them optional, as Amplify's does.
 * @since 0.1.0
 */
export const toAuthSession = (session: DomainAuthSession): AuthSession => {
  const { tokens, credentials, identityId, userSub } = session
  const listed: { readonly [K in keyof AuthSession]-?: AuthSession[K] | undefined } = {
    tokens: tokens === undefined ? undefined : toAuthTokens(tokens),
    credentials: credentials === undefined ? undefined : toAWSCredentialValues(credentials),
    identityId,
    userSub
  }
  return listed as AuthSession
}

/** @since 0.1.0 */
export type AuthClient = ReturnType<typeof makeClient>
