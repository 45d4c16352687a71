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
import * as Redacted from "effect/Redacted"
import type { AuthRuntime, AuthServices, CallOptions } from "./createAuth.js"
import type { HubCapsule } from "./Hub.js"
import * as steps from "./steps.js"

/** Amplify's `JWT`. @since 0.1.0 */
export interface JWT {
  readonly payload: Tokens.JwtPayload
  toString(): string
}

/** Amplify's `AuthSession` (identity-pool members come with the sessions work). @since 0.1.0 */
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

/** Amplify's JWT shape over a decoded token: the raw string only through `toString()`. @since 0.1.0 */
export const toJWT = (jwt: Tokens.Jwt): JWT => ({ payload: jwt.payload, toString: () => Redacted.value(jwt.raw) })

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

/** `fetchAuthSession` with Amplify's JWT shape. @since 0.1.0 */
export const fetchAuthSessionBinding: Binding<(input?: FetchAuthSessionOptions, options?: CallOptions) => Promise<AuthSession>> =
  (runtime) => (input, options) => runtime.run(Effect.map(steps.fetchAuthSession(objectOr(input)), toAuthSession), options)

/** Every documented function as a binding; the global functions bind each one on its own. @since 0.1.0 */
export const bindings = {
  signUp: withInput(steps.signUp),
  confirmSignUp: withInput(steps.confirmSignUp),
  resendSignUpCode: withInput(steps.resendSignUpCode),
  autoSignIn: withoutInput(steps.autoSignIn),
  signIn: withInput(steps.signIn),
  confirmSignIn: withInput(steps.confirmSignIn),
  signOut: withOptionalInput(steps.signOut),
  getCurrentUser: withoutInput(steps.getCurrentUser),
  fetchAuthSession: fetchAuthSessionBinding,
  resetPassword: withInput(steps.resetPassword),
  confirmResetPassword: withInput(steps.confirmResetPassword),
  updatePassword: withInput(steps.updatePassword),
  fetchUserAttributes: withoutInput(steps.fetchUserAttributes),
  updateUserAttributes: withInput(steps.updateUserAttributes),
  updateUserAttribute: withInput(steps.updateUserAttribute),
  confirmUserAttribute: withInput(steps.confirmUserAttribute),
  sendUserAttributeVerificationCode: withInput(steps.sendUserAttributeVerificationCode),
  deleteUserAttributes: withInput(steps.deleteUserAttributes),
  deleteUser: withoutInput(steps.deleteUser),
  setUpTOTP: withoutInput(steps.setUpTOTP),
  verifyTOTPSetup: withInput(steps.verifyTOTPSetup),
  updateMFAPreference: withInput(steps.updateMFAPreference),
  fetchMFAPreference: withoutInput(steps.fetchMFAPreference),
  rememberDevice: withoutInput(steps.rememberDevice),
  forgetDevice: withOptionalInput(steps.forgetDevice),
  fetchDevices: withoutInput(steps.fetchDevices)
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

const toAuthSession = (session: DomainAuthSession): AuthSession => {
  if (session.tokens === undefined) return session as AuthSession
  const { accessToken, idToken, signInDetails } = session.tokens
  return {
    ...session,
    tokens: {
      accessToken: toJWT(accessToken),
      ...(idToken === undefined ? {} : { idToken: toJWT(idToken) }),
      ...(signInDetails === undefined ? {} : { signInDetails })
    }
  }
}

/** @since 0.1.0 */
export type AuthClient = ReturnType<typeof makeClient>
