/**
 * The documented Amplify auth functions as methods of one instance. Each method is a thin
 * adapter: it hands the input to its domain step and shapes the output as Amplify does (JWTs as
 * `{ payload, toString() }`). Inputs that are not objects are read as empty objects, so a bad call
 * gets Amplify's validation error instead of a `TypeError`.
 *
 * @since 0.1.0
 */
import { autoSignIn } from "@cognito-effect/domain/steps/autoSignIn"
import { confirmSignIn, type ConfirmSignInInput } from "@cognito-effect/domain/steps/confirmSignIn"
import { confirmSignUp, type ConfirmSignUpInput } from "@cognito-effect/domain/steps/confirmSignUp"
import { fetchAuthSession, type FetchAuthSessionOptions } from "@cognito-effect/domain/steps/fetchAuthSession"
import { getCurrentUser } from "@cognito-effect/domain/steps/getCurrentUser"
import { resendSignUpCode, type ResendSignUpCodeInput } from "@cognito-effect/domain/steps/resendSignUpCode"
import { signIn, type SignInInput } from "@cognito-effect/domain/steps/signIn"
import { signOut, type SignOutInput } from "@cognito-effect/domain/steps/signOut"
import { signUp, type SignUpInput } from "@cognito-effect/domain/steps/signUp"
import type * as Tokens from "@cognito-effect/domain/Tokens"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import type { AuthRuntime, CallOptions } from "./createAuth.js"
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
export const makeClient = (runtime: AuthRuntime) => ({
  signUp: (input: SignUpInput, options?: CallOptions) => runtime.run(signUp(objectOr(input)), options),
  confirmSignUp: (input: ConfirmSignUpInput, options?: CallOptions) => runtime.run(confirmSignUp(objectOr(input)), options),
  resendSignUpCode: (input: ResendSignUpCodeInput, options?: CallOptions) =>
    runtime.run(resendSignUpCode(objectOr(input)), options),
  autoSignIn: (options?: CallOptions) => runtime.run(autoSignIn(), options),
  signIn: (input: SignInInput, options?: CallOptions) => runtime.run(signIn(objectOr(input)), options),
  confirmSignIn: (input: ConfirmSignInInput, options?: CallOptions) => runtime.run(confirmSignIn(objectOr(input)), options),
  signOut: (input?: SignOutInput, options?: CallOptions) => runtime.run(signOut(objectOr(input)), options),
  getCurrentUser: (options?: CallOptions) => runtime.run(getCurrentUser(), options),
  fetchAuthSession: (input?: FetchAuthSessionOptions, options?: CallOptions): Promise<AuthSession> =>
    runtime.run(
      Effect.map(fetchAuthSession(objectOr(input)), (session) => {
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
      }),
      options
    ),
  /** This instance's `auth` events, as Hub capsules. */
  listen: (callback: (capsule: HubCapsule) => void, options?: { readonly crossTab?: boolean }) =>
    runtime.listen(callback, options),
  /** Swaps where this instance keeps tokens (Amplify's `setKeyValueStorage`). */
  setKeyValueStorage: (storage: AuthRuntime["storage"]["current"]) => {
    runtime.storage.current = storage
  },
  /** Stops the instance's background work (cross-tab channel). */
  dispose: () => runtime.dispose()
})

/** @since 0.1.0 */
export type AuthClient = ReturnType<typeof makeClient>
