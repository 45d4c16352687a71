/**
 * @cognito-effect/auth — the Promise facade with Amplify v6's auth API. Switch
 * `from "aws-amplify/auth"` to `from "@cognito-effect/auth"` and the app keeps working;
 * `createAuth(config)` gives independent instances with no global state.
 *
 * @since 0.1.0
 */
import { AutoSignInException } from "@cognito-effect/domain/AuthError"
import * as Tokens from "@cognito-effect/domain/Tokens"
import * as Either from "effect/Either"
import { currentRuntime, isConfigured, onCurrent } from "./Amplify.js"
import { toAmplifyError } from "./AuthError.js"
import {
  type AuthClient,
  type AuthSession,
  bindings,
  fetchAuthSessionBinding,
  type JWT,
  makeClient,
  toAuthSession,
  toJWT,
  withInput,
  withOptionalInput,
  withoutInput
} from "./AuthClient.js"
import { withOAuthListener } from "./OAuthListener.js"
import { completeSignInWithRedirectBinding } from "./RedirectCompletion.js"
import * as steps from "./steps.js"
import type { FetchAuthSessionOptions } from "@cognito-effect/domain/steps/fetchAuthSession"
import { type AuthOptions, type CallOptions, makeRuntime } from "./createAuth.js"
import type { CodeDeliveryDetails, SignInOutput, SignUpOutput } from "@cognito-effect/domain/NextStep"
import type { AuthUser } from "@cognito-effect/domain/services/AuthEvents"
import type { AWSAuthDevice } from "@cognito-effect/domain/steps/fetchDevices"

export { Amplify, type LibraryOptions, type ResourcesConfig } from "./Amplify.js"
export { AmplifyError, AuthError, PasskeyError } from "./AuthError.js"
export type { AuthClient, AuthSession, JWT } from "./AuthClient.js"
export type {
  AuthTokens,
  CredentialsAndIdentityId,
  CredentialsAndIdentityIdProvider,
  GetCredentialsOptions,
  TokenProvider
} from "./cognito.js"
export type { AuthOptions, CallOptions } from "./createAuth.js"
export { Hub, type HubCallback, type HubCapsule } from "./Hub.js"
export type { SignInInput, SignInOptions, AuthFlowType, AuthFactorType } from "@cognito-effect/domain/steps/signIn"
export type { SignUpInput } from "@cognito-effect/domain/steps/signUp"
export type { ConfirmSignUpInput } from "@cognito-effect/domain/steps/confirmSignUp"
export type { ConfirmSignInInput } from "@cognito-effect/domain/steps/confirmSignIn"
export type { ResendSignUpCodeInput } from "@cognito-effect/domain/steps/resendSignUpCode"
export type { SignOutInput } from "@cognito-effect/domain/steps/signOut"
export type {
  SignInWithRedirectInput,
  SignInWithRedirectOptions
} from "@cognito-effect/domain/steps/signInWithRedirect"
export type { CompleteSignInWithRedirectOutput } from "@cognito-effect/domain/steps/completeSignInWithRedirect"
export type { AuthProvider, Prompt as AuthPrompt } from "@cognito-effect/domain/OAuth"
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
export type {
  UpdateUserAttributeOutput,
  UpdateUserAttributesInput,
  UpdateUserAttributesOutput
} from "@cognito-effect/domain/steps/updateUserAttributes"
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
  AuthWebAuthnCredential,
  ListWebAuthnCredentialsInput,
  ListWebAuthnCredentialsOutput
} from "@cognito-effect/domain/steps/listWebAuthnCredentials"
export type { DeleteWebAuthnCredentialInput } from "@cognito-effect/domain/steps/deleteWebAuthnCredential"
export type {
  CodeDeliveryDetails,
  NextSignInStep as AuthNextSignInStep,
  NextSignUpStep as AuthNextSignUpStep,
  SignInOutput,
  SignUpOutput
} from "@cognito-effect/domain/NextStep"

// Amplify's output types that are another output under a second name, or a function's result.
/** @since 0.1.0 */
export type ConfirmSignInOutput = SignInOutput
/** @since 0.1.0 */
export type ConfirmSignUpOutput = SignUpOutput
/** @since 0.1.0 */
export type ResendSignUpCodeOutput = CodeDeliveryDetails
/** @since 0.1.0 */
export type GetCurrentUserOutput = AuthUser
/** @since 0.1.0 */
export type FetchDevicesOutput = Array<AWSAuthDevice>

/** An independent auth client for `config` (Amplify's config or `amplify_outputs.json`). @since 0.1.0 */
export const createAuth = (config: unknown, options?: AuthOptions): AuthClient => makeClient(makeRuntime(config, options))

// The documented functions on the instance `Amplify.configure` started. Each binds its own step
// (not the whole client) so that a bundle keeps only the functions an app imports; every call is
// marked pure, the inner ones too: bundlers keep a pure call whose arguments are impure calls.
/** @since 0.1.0 */
export const signUp = /* @__PURE__ */ onCurrent(/* @__PURE__ */ withInput(steps.signUp))
/** @since 0.1.0 */
export const confirmSignUp = /* @__PURE__ */ onCurrent(/* @__PURE__ */ withInput(steps.confirmSignUp))
/** @since 0.1.0 */
export const resendSignUpCode = /* @__PURE__ */ onCurrent(/* @__PURE__ */ withInput(steps.resendSignUpCode))
const autoSignInOnCurrent = /* @__PURE__ */ onCurrent(/* @__PURE__ */ withoutInput(steps.autoSignIn))
/** Before `Amplify.configure` no flow can have started: Amplify's `AutoSignInException`, not a missing context. @since 0.1.0 */
export const autoSignIn: typeof autoSignInOnCurrent = (options) =>
  isConfigured() ? autoSignInOnCurrent(options) : Promise.reject(toAmplifyError(new AutoSignInException()))
/** @since 0.1.0 */
export const signIn = /* @__PURE__ */ onCurrent(/* @__PURE__ */ withInput(steps.signIn))
/** @since 0.1.0 */
export const confirmSignIn = /* @__PURE__ */ onCurrent(/* @__PURE__ */ withInput(steps.confirmSignIn))
/** @since 0.1.0 */
export const getCurrentUser = /* @__PURE__ */ onCurrent(/* @__PURE__ */ withoutInput(steps.getCurrentUser))
/** @since 0.1.0 */
export const resetPassword = /* @__PURE__ */ onCurrent(/* @__PURE__ */ withInput(steps.resetPassword))
/** @since 0.1.0 */
export const confirmResetPassword = /* @__PURE__ */ onCurrent(/* @__PURE__ */ withInput(steps.confirmResetPassword))
/** @since 0.1.0 */
export const updatePassword = /* @__PURE__ */ onCurrent(/* @__PURE__ */ withInput(steps.updatePassword))
/** @since 0.1.0 */
export const fetchUserAttributes = /* @__PURE__ */ onCurrent(/* @__PURE__ */ withoutInput(steps.fetchUserAttributes))
/** @since 0.1.0 */
export const updateUserAttributes = /* @__PURE__ */ onCurrent(/* @__PURE__ */ withInput(steps.updateUserAttributes))
/** @since 0.1.0 */
export const updateUserAttribute = /* @__PURE__ */ onCurrent(/* @__PURE__ */ withInput(steps.updateUserAttribute))
/** @since 0.1.0 */
export const confirmUserAttribute = /* @__PURE__ */ onCurrent(/* @__PURE__ */ withInput(steps.confirmUserAttribute))
/** @since 0.1.0 */
export const sendUserAttributeVerificationCode = /* @__PURE__ */ onCurrent(/* @__PURE__ */ withInput(steps.sendUserAttributeVerificationCode))
/** @since 0.1.0 */
export const deleteUserAttributes = /* @__PURE__ */ onCurrent(/* @__PURE__ */ withInput(steps.deleteUserAttributes))
/** @since 0.1.0 */
export const deleteUser = /* @__PURE__ */ onCurrent(/* @__PURE__ */ withoutInput(steps.deleteUser))
/** @since 0.1.0 */
export const setUpTOTP = /* @__PURE__ */ onCurrent(/* @__PURE__ */ withoutInput(steps.setUpTOTP))
/** @since 0.1.0 */
export const verifyTOTPSetup = /* @__PURE__ */ onCurrent(/* @__PURE__ */ withInput(steps.verifyTOTPSetup))
/** @since 0.1.0 */
export const updateMFAPreference = /* @__PURE__ */ onCurrent(/* @__PURE__ */ withInput(steps.updateMFAPreference))
/** @since 0.1.0 */
export const fetchMFAPreference = /* @__PURE__ */ onCurrent(/* @__PURE__ */ withoutInput(steps.fetchMFAPreference))
/** @since 0.1.0 */
export const rememberDevice = /* @__PURE__ */ onCurrent(/* @__PURE__ */ withoutInput(steps.rememberDevice))
/** @since 0.1.0 */
export const fetchDevices = /* @__PURE__ */ onCurrent(/* @__PURE__ */ withoutInput(steps.fetchDevices))
/** @since 0.1.0 */
export const signOut = /* @__PURE__ */ onCurrent(/* @__PURE__ */ withOptionalInput(steps.signOut))
/** @since 0.1.0 */
export const forgetDevice = /* @__PURE__ */ onCurrent(/* @__PURE__ */ withOptionalInput(steps.forgetDevice))
/** Registers a passkey for the signed-in user (the browser asks the user to create it). @since 0.1.0 */
export const associateWebAuthnCredential = /* @__PURE__ */ onCurrent(/* @__PURE__ */ withoutInput(steps.associateWebAuthnCredential))
/** @since 0.1.0 */
export const listWebAuthnCredentials = /* @__PURE__ */ onCurrent(/* @__PURE__ */ withOptionalInput(steps.listWebAuthnCredentials))
/** @since 0.1.0 */
export const deleteWebAuthnCredential = /* @__PURE__ */ onCurrent(/* @__PURE__ */ withInput(steps.deleteWebAuthnCredential))
/**
 * Sends the browser to the hosted UI. An app that uses it also gets Amplify's automatic
 * completion of the redirect on the page the hosted UI returns to (`OAuthListener`).
 * @since 0.1.0
 */
export const signInWithRedirect = /* @__PURE__ */ withOAuthListener(/* @__PURE__ */ onCurrent(/* @__PURE__ */ withOptionalInput(steps.signInWithRedirect)))
/**
 * Completes a redirect sign-in on the page the hosted UI returned to — the explicit call, for
 * apps that do not rely on the automatic listener. `{ isSignedIn: false }` when none was in flight.
 * @since 0.1.0
 */
export const completeSignInWithRedirect = /* @__PURE__ */ onCurrent(completeSignInWithRedirectBinding)
/** Resolves an empty session (its keys `undefined`) when nothing is configured, as Amplify does. @since 0.1.0 */
export const fetchAuthSession = (input?: FetchAuthSessionOptions, options?: CallOptions): Promise<AuthSession> =>
  isConfigured() ? fetchAuthSessionBinding(currentRuntime())(input, options) : Promise.resolve(toAuthSession({}))

/** Forgets the identity-pool credentials and identity id (Amplify core's `clearCredentials`). @since 0.1.0 */
export const clearCredentials = (options?: CallOptions): Promise<void> =>
  isConfigured() ? bindings.clearCredentials(currentRuntime())(options) : Promise.resolve()

/** Decodes a JWT's payload (no verification), with Amplify's plain `Error`s. @since 0.1.0 */
export const decodeJWT = (token: string): JWT =>
  Either.match(Tokens.decode(token), {
    onLeft: (error) => {
      throw new Error(error.message)
    },
    onRight: toJWT
  })
