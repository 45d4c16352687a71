/**
 * The domain steps behind the documented functions, gathered for the facade. Re-exports only:
 * a bundler keeps just the steps an app's functions use.
 *
 * @since 0.1.0
 */
export { autoSignIn } from "@cognito-effect/domain/steps/autoSignIn"
export { confirmResetPassword } from "@cognito-effect/domain/steps/confirmResetPassword"
export { confirmSignIn } from "@cognito-effect/domain/steps/confirmSignIn"
export { confirmSignUp } from "@cognito-effect/domain/steps/confirmSignUp"
export { confirmUserAttribute } from "@cognito-effect/domain/steps/confirmUserAttribute"
export { deleteUser } from "@cognito-effect/domain/steps/deleteUser"
export { deleteUserAttributes } from "@cognito-effect/domain/steps/deleteUserAttributes"
export { fetchAuthSession } from "@cognito-effect/domain/steps/fetchAuthSession"
export { fetchDevices } from "@cognito-effect/domain/steps/fetchDevices"
export { fetchMFAPreference } from "@cognito-effect/domain/steps/fetchMFAPreference"
export { fetchUserAttributes } from "@cognito-effect/domain/steps/fetchUserAttributes"
export { forgetDevice } from "@cognito-effect/domain/steps/forgetDevice"
export { getCurrentUser } from "@cognito-effect/domain/steps/getCurrentUser"
export { rememberDevice } from "@cognito-effect/domain/steps/rememberDevice"
export { resendSignUpCode } from "@cognito-effect/domain/steps/resendSignUpCode"
export { resetPassword } from "@cognito-effect/domain/steps/resetPassword"
export { sendUserAttributeVerificationCode } from "@cognito-effect/domain/steps/sendUserAttributeVerificationCode"
export { setUpTOTP } from "@cognito-effect/domain/steps/setUpTOTP"
export { signIn } from "@cognito-effect/domain/steps/signIn"
export { signOut } from "@cognito-effect/domain/steps/signOut"
export { signUp } from "@cognito-effect/domain/steps/signUp"
export { updateMFAPreference } from "@cognito-effect/domain/steps/updateMFAPreference"
export { updatePassword } from "@cognito-effect/domain/steps/updatePassword"
export { updateUserAttribute } from "@cognito-effect/domain/steps/updateUserAttribute"
export { updateUserAttributes } from "@cognito-effect/domain/steps/updateUserAttributes"
export { verifyTOTPSetup } from "@cognito-effect/domain/steps/verifyTOTPSetup"
