/**
 * The documented Amplify auth functions as methods of one instance. Each method is a thin
 * adapter: it hands the input to its domain step and shapes the output as Amplify does (JWTs as
 * `{ payload, toString() }`). Inputs that are not objects are read as empty objects, so a bad call
 * gets Amplify's validation error instead of a `TypeError`.
 *
 * @since 0.1.0
 */
import { autoSignIn } from "@cognito-effect/domain/steps/autoSignIn"
import { confirmResetPassword } from "@cognito-effect/domain/steps/confirmResetPassword"
import { confirmUserAttribute } from "@cognito-effect/domain/steps/confirmUserAttribute"
import { deleteUser } from "@cognito-effect/domain/steps/deleteUser"
import { deleteUserAttributes } from "@cognito-effect/domain/steps/deleteUserAttributes"
import { fetchDevices } from "@cognito-effect/domain/steps/fetchDevices"
import { forgetDevice, type ForgetDeviceInput } from "@cognito-effect/domain/steps/forgetDevice"
import { rememberDevice } from "@cognito-effect/domain/steps/rememberDevice"
import { fetchMFAPreference } from "@cognito-effect/domain/steps/fetchMFAPreference"
import { fetchUserAttributes } from "@cognito-effect/domain/steps/fetchUserAttributes"
import { resetPassword } from "@cognito-effect/domain/steps/resetPassword"
import { sendUserAttributeVerificationCode } from "@cognito-effect/domain/steps/sendUserAttributeVerificationCode"
import { setUpTOTP } from "@cognito-effect/domain/steps/setUpTOTP"
import { updateMFAPreference } from "@cognito-effect/domain/steps/updateMFAPreference"
import { updatePassword } from "@cognito-effect/domain/steps/updatePassword"
import { updateUserAttribute } from "@cognito-effect/domain/steps/updateUserAttribute"
import { updateUserAttributes } from "@cognito-effect/domain/steps/updateUserAttributes"
import { verifyTOTPSetup } from "@cognito-effect/domain/steps/verifyTOTPSetup"
import { confirmSignIn } from "@cognito-effect/domain/steps/confirmSignIn"
import { confirmSignUp } from "@cognito-effect/domain/steps/confirmSignUp"
import {
  type AuthSession as DomainAuthSession,
  fetchAuthSession,
  type FetchAuthSessionOptions
} from "@cognito-effect/domain/steps/fetchAuthSession"
import { getCurrentUser } from "@cognito-effect/domain/steps/getCurrentUser"
import { resendSignUpCode } from "@cognito-effect/domain/steps/resendSignUpCode"
import { signIn } from "@cognito-effect/domain/steps/signIn"
import { signOut, type SignOutInput } from "@cognito-effect/domain/steps/signOut"
import { signUp } from "@cognito-effect/domain/steps/signUp"
import type * as Tokens from "@cognito-effect/domain/Tokens"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import type { AuthRuntime, AuthServices, CallOptions } from "./createAuth.js"
import type { HubCapsule } from "./Hub.js"

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

const objectOr = <A extends object>(value: unknown): A =>
  (typeof value === "object" && value !== null ? value : {}) as A

/** @since 0.1.0 */
export const makeClient = (runtime: AuthRuntime) => {
  /** A documented function that takes one input object. */
  const withInput =
    <I, A, E>(step: (input: I) => Effect.Effect<A, E, AuthServices>) =>
    (input: I, options?: CallOptions): Promise<A> =>
      runtime.run(step(objectOr<I & object>(input)), options)
  /** A documented function that takes no input. */
  const withoutInput =
    <A, E>(step: () => Effect.Effect<A, E, AuthServices>) =>
    (options?: CallOptions): Promise<A> =>
      runtime.run(step(), options)

  return {
    signUp: withInput(signUp),
    confirmSignUp: withInput(confirmSignUp),
    resendSignUpCode: withInput(resendSignUpCode),
    autoSignIn: withoutInput(autoSignIn),
    signIn: withInput(signIn),
    confirmSignIn: withInput(confirmSignIn),
    signOut: (input?: SignOutInput, options?: CallOptions) => runtime.run(signOut(objectOr(input)), options),
    getCurrentUser: withoutInput(getCurrentUser),
    fetchAuthSession: (input?: FetchAuthSessionOptions, options?: CallOptions): Promise<AuthSession> =>
      runtime.run(Effect.map(fetchAuthSession(objectOr(input)), toAuthSession), options),
    resetPassword: withInput(resetPassword),
    confirmResetPassword: withInput(confirmResetPassword),
    updatePassword: withInput(updatePassword),
    fetchUserAttributes: withoutInput(fetchUserAttributes),
    updateUserAttributes: withInput(updateUserAttributes),
    updateUserAttribute: withInput(updateUserAttribute),
    confirmUserAttribute: withInput(confirmUserAttribute),
    sendUserAttributeVerificationCode: withInput(sendUserAttributeVerificationCode),
    deleteUserAttributes: withInput(deleteUserAttributes),
    deleteUser: withoutInput(deleteUser),
    setUpTOTP: withoutInput(setUpTOTP),
    verifyTOTPSetup: withInput(verifyTOTPSetup),
    updateMFAPreference: withInput(updateMFAPreference),
    fetchMFAPreference: withoutInput(fetchMFAPreference),
    rememberDevice: withoutInput(rememberDevice),
    forgetDevice: (input?: ForgetDeviceInput, options?: CallOptions) => runtime.run(forgetDevice(objectOr(input)), options),
    fetchDevices: withoutInput(fetchDevices),
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
