/**
 * @cognito-effect/auth — the Promise facade with Amplify v6's auth API. Switch
 * `from "aws-amplify/auth"` to `from "@cognito-effect/auth"` and the app keeps working;
 * `createAuth(config)` gives independent instances with no global state.
 *
 * @since 0.1.0
 */
import * as Tokens from "@cognito-effect/domain/Tokens"
import * as Either from "effect/Either"
import { currentClient, isConfigured } from "./Amplify.js"
import { type AuthClient, type JWT, makeClient, toJWT } from "./AuthClient.js"
import { type AuthOptions, makeRuntime } from "./createAuth.js"

export { Amplify, type LibraryOptions } from "./Amplify.js"
export { AmplifyError, AuthError } from "./AuthError.js"
export type { AuthClient, AuthSession, JWT } from "./AuthClient.js"
export type { AuthOptions, CallOptions } from "./createAuth.js"
export { Hub, type HubCallback, type HubCapsule } from "./Hub.js"
export type { SignInInput, SignInOptions, AuthFlowType, AuthFactorType } from "@cognito-effect/domain/steps/signIn"
export type { SignUpInput } from "@cognito-effect/domain/steps/signUp"
export type { ConfirmSignUpInput } from "@cognito-effect/domain/steps/confirmSignUp"
export type { ConfirmSignInInput } from "@cognito-effect/domain/steps/confirmSignIn"
export type { ResendSignUpCodeInput } from "@cognito-effect/domain/steps/resendSignUpCode"
export type { SignOutInput } from "@cognito-effect/domain/steps/signOut"
export type { FetchAuthSessionOptions } from "@cognito-effect/domain/steps/fetchAuthSession"
export type { AuthUser } from "@cognito-effect/domain/services/AuthEvents"
export type {
  CodeDeliveryDetails,
  NextSignInStep as AuthNextSignInStep,
  NextSignUpStep as AuthNextSignUpStep,
  SignInOutput,
  SignUpOutput
} from "@cognito-effect/domain/NextStep"

/** An independent auth client for `config` (Amplify's config or `amplify_outputs.json`). @since 0.1.0 */
export const createAuth = (config: unknown, options?: AuthOptions): AuthClient => makeClient(makeRuntime(config, options))

/** @since 0.1.0 */
export const signUp: AuthClient["signUp"] = (input, options) => currentClient().signUp(input, options)
/** @since 0.1.0 */
export const confirmSignUp: AuthClient["confirmSignUp"] = (input, options) => currentClient().confirmSignUp(input, options)
/** @since 0.1.0 */
export const resendSignUpCode: AuthClient["resendSignUpCode"] = (input, options) =>
  currentClient().resendSignUpCode(input, options)
/** @since 0.1.0 */
export const autoSignIn: AuthClient["autoSignIn"] = (options) => currentClient().autoSignIn(options)
/** @since 0.1.0 */
export const signIn: AuthClient["signIn"] = (input, options) => currentClient().signIn(input, options)
/** @since 0.1.0 */
export const confirmSignIn: AuthClient["confirmSignIn"] = (input, options) => currentClient().confirmSignIn(input, options)
/** @since 0.1.0 */
export const signOut: AuthClient["signOut"] = (input, options) => currentClient().signOut(input, options)
/** @since 0.1.0 */
export const getCurrentUser: AuthClient["getCurrentUser"] = (options) => currentClient().getCurrentUser(options)
/** Resolves an empty session when nothing is configured, as Amplify does. @since 0.1.0 */
export const fetchAuthSession: AuthClient["fetchAuthSession"] = async (input, options) => {
  return isConfigured() ? currentClient().fetchAuthSession(input, options) : {}
}

/** Decodes a JWT's payload (no verification), with Amplify's plain `Error`s. @since 0.1.0 */
export const decodeJWT = (token: string): JWT =>
  Either.match(Tokens.decode(token), {
    onLeft: (error) => {
      throw new Error(error.message)
    },
    onRight: toJWT
  })
