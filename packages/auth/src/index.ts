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
export type { ResetPasswordInput, ResetPasswordOutput } from "@cognito-effect/domain/steps/resetPassword"
export type { ConfirmResetPasswordInput } from "@cognito-effect/domain/steps/confirmResetPassword"
export type { UpdatePasswordInput } from "@cognito-effect/domain/steps/updatePassword"
export type {
  FetchUserAttributesOutput,
  UserAttributeKey,
  VerifiableUserAttributeKey
} from "@cognito-effect/domain/steps/fetchUserAttributes"
export type { UpdateUserAttributesInput, UpdateUserAttributesOutput } from "@cognito-effect/domain/steps/updateUserAttributes"
export type { UpdateUserAttributeInput } from "@cognito-effect/domain/steps/updateUserAttribute"
export type { ConfirmUserAttributeInput } from "@cognito-effect/domain/steps/confirmUserAttribute"
export type {
  SendUserAttributeVerificationCodeInput,
  SendUserAttributeVerificationCodeOutput
} from "@cognito-effect/domain/steps/sendUserAttributeVerificationCode"
export type { DeleteUserAttributesInput } from "@cognito-effect/domain/steps/deleteUserAttributes"
export type { SetUpTOTPOutput } from "@cognito-effect/domain/steps/setUpTOTP"
export type { VerifyTOTPSetupInput } from "@cognito-effect/domain/steps/verifyTOTPSetup"
export type { UpdateMFAPreferenceInput } from "@cognito-effect/domain/steps/updateMFAPreference"
export type { AWSAuthDevice } from "@cognito-effect/domain/steps/fetchDevices"
export type { ForgetDeviceInput } from "@cognito-effect/domain/steps/forgetDevice"
export type { FetchMFAPreferenceOutput } from "@cognito-effect/domain/steps/fetchMFAPreference"
export type {
  CodeDeliveryDetails,
  NextSignInStep as AuthNextSignInStep,
  NextSignUpStep as AuthNextSignUpStep,
  SignInOutput,
  SignUpOutput
} from "@cognito-effect/domain/NextStep"

/** An independent auth client for `config` (Amplify's config or `amplify_outputs.json`). @since 0.1.0 */
export const createAuth = (config: unknown, options?: AuthOptions): AuthClient => makeClient(makeRuntime(config, options))

// The documented functions, on the instance `Amplify.configure` created.
/** @since 0.1.0 */
export const signUp: AuthClient["signUp"] = (input, options) => currentClient().signUp(input, options)
/** @since 0.1.0 */
export const confirmSignUp: AuthClient["confirmSignUp"] = (input, options) => currentClient().confirmSignUp(input, options)
/** @since 0.1.0 */
export const resendSignUpCode: AuthClient["resendSignUpCode"] = (input, options) => currentClient().resendSignUpCode(input, options)
/** @since 0.1.0 */
export const signIn: AuthClient["signIn"] = (input, options) => currentClient().signIn(input, options)
/** @since 0.1.0 */
export const confirmSignIn: AuthClient["confirmSignIn"] = (input, options) => currentClient().confirmSignIn(input, options)
/** @since 0.1.0 */
export const signOut: AuthClient["signOut"] = (input, options) => currentClient().signOut(input, options)
/** @since 0.1.0 */
export const resetPassword: AuthClient["resetPassword"] = (input, options) => currentClient().resetPassword(input, options)
/** @since 0.1.0 */
export const confirmResetPassword: AuthClient["confirmResetPassword"] = (input, options) => currentClient().confirmResetPassword(input, options)
/** @since 0.1.0 */
export const updatePassword: AuthClient["updatePassword"] = (input, options) => currentClient().updatePassword(input, options)
/** @since 0.1.0 */
export const updateUserAttributes: AuthClient["updateUserAttributes"] = (input, options) => currentClient().updateUserAttributes(input, options)
/** @since 0.1.0 */
export const updateUserAttribute: AuthClient["updateUserAttribute"] = (input, options) => currentClient().updateUserAttribute(input, options)
/** @since 0.1.0 */
export const confirmUserAttribute: AuthClient["confirmUserAttribute"] = (input, options) => currentClient().confirmUserAttribute(input, options)
/** @since 0.1.0 */
export const sendUserAttributeVerificationCode: AuthClient["sendUserAttributeVerificationCode"] = (input, options) => currentClient().sendUserAttributeVerificationCode(input, options)
/** @since 0.1.0 */
export const deleteUserAttributes: AuthClient["deleteUserAttributes"] = (input, options) => currentClient().deleteUserAttributes(input, options)
/** @since 0.1.0 */
export const verifyTOTPSetup: AuthClient["verifyTOTPSetup"] = (input, options) => currentClient().verifyTOTPSetup(input, options)
/** @since 0.1.0 */
export const updateMFAPreference: AuthClient["updateMFAPreference"] = (input, options) => currentClient().updateMFAPreference(input, options)
/** @since 0.1.0 */
export const autoSignIn: AuthClient["autoSignIn"] = (options) => currentClient().autoSignIn(options)
/** @since 0.1.0 */
export const getCurrentUser: AuthClient["getCurrentUser"] = (options) => currentClient().getCurrentUser(options)
/** @since 0.1.0 */
export const fetchUserAttributes: AuthClient["fetchUserAttributes"] = (options) => currentClient().fetchUserAttributes(options)
/** @since 0.1.0 */
export const deleteUser: AuthClient["deleteUser"] = (options) => currentClient().deleteUser(options)
/** @since 0.1.0 */
export const setUpTOTP: AuthClient["setUpTOTP"] = (options) => currentClient().setUpTOTP(options)
/** @since 0.1.0 */
export const fetchMFAPreference: AuthClient["fetchMFAPreference"] = (options) => currentClient().fetchMFAPreference(options)
/** @since 0.1.0 */
export const rememberDevice: AuthClient["rememberDevice"] = (options) => currentClient().rememberDevice(options)
/** @since 0.1.0 */
export const forgetDevice: AuthClient["forgetDevice"] = (input, options) => currentClient().forgetDevice(input, options)
/** @since 0.1.0 */
export const fetchDevices: AuthClient["fetchDevices"] = (options) => currentClient().fetchDevices(options)
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
