/**
 * @cognito-effect/domain — the pure auth domain: every documented API as an Effect step, the
 * sign-in state machine, Cognito wire codecs, SRP and TOTP math, tokens, errors and the ports the
 * steps need. Library code imports modules by path (`@cognito-effect/domain/steps/signIn`) to
 * keep bundles small; this barrel is for apps and exploration.
 *
 * @since 0.1.0
 */
export * as AuthConfig from "./AuthConfig.js"
export * as AuthError from "./AuthError.js"
export * as AwsJson from "./AwsJson.js"
export * as CodeDelivery from "./CodeDelivery.js"
export * as CurrentUser from "./CurrentUser.js"
export * as NextStep from "./NextStep.js"
export * as RetryPolicy from "./RetryPolicy.js"
export * as SignInFlow from "./SignInFlow.js"
export * as Srp from "./Srp.js"
export * as TokenProvider from "./TokenProvider.js"
export * as Tokens from "./Tokens.js"
export * as Totp from "./Totp.js"

export { AuthEvents } from "./services/AuthEvents.js"
export { AutoSignInState } from "./services/AutoSignInState.js"
export { CognitoClient } from "./services/CognitoClient.js"
export { IdentityClient } from "./services/IdentityClient.js"
export { KeyValueStorage, SignInStorage } from "./services/KeyValueStorage.js"
export { ModExp } from "./services/ModExp.js"
export { RefreshLock } from "./services/RefreshLock.js"
export { SecureRandom } from "./services/SecureRandom.js"
export { SignInStateStore } from "./services/SignInStateStore.js"
export { TokenStore } from "./services/TokenStore.js"

export * as Authenticated from "./Authenticated.js"
export * as DeviceTracking from "./DeviceTracking.js"

export { autoSignIn } from "./steps/autoSignIn.js"
export { confirmResetPassword } from "./steps/confirmResetPassword.js"
export { confirmUserAttribute } from "./steps/confirmUserAttribute.js"
export { deleteUser } from "./steps/deleteUser.js"
export { deleteUserAttributes } from "./steps/deleteUserAttributes.js"
export { fetchMFAPreference } from "./steps/fetchMFAPreference.js"
export { fetchUserAttributes } from "./steps/fetchUserAttributes.js"
export { resetPassword } from "./steps/resetPassword.js"
export { sendUserAttributeVerificationCode } from "./steps/sendUserAttributeVerificationCode.js"
export { setUpTOTP } from "./steps/setUpTOTP.js"
export { updateMFAPreference } from "./steps/updateMFAPreference.js"
export { updatePassword } from "./steps/updatePassword.js"
export { updateUserAttribute } from "./steps/updateUserAttribute.js"
export { updateUserAttributes } from "./steps/updateUserAttributes.js"
export { verifyTOTPSetup } from "./steps/verifyTOTPSetup.js"
export { confirmSignIn } from "./steps/confirmSignIn.js"
export { confirmSignUp } from "./steps/confirmSignUp.js"
export { fetchAuthSession } from "./steps/fetchAuthSession.js"
export { getCurrentUser } from "./steps/getCurrentUser.js"
export { resendSignUpCode } from "./steps/resendSignUpCode.js"
export { signIn } from "./steps/signIn.js"
export { signOut } from "./steps/signOut.js"
export { signUp } from "./steps/signUp.js"
