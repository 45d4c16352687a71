/**
 * The documented type surface (api.md §4.1–4.2): every type Amplify's root and `/cognito`
 * export is exported here under the same name. The check is the compiler's (`tsc -b` runs before
 * the tests); the test only keeps the file in the suite.
 */
import type * as Root from "@cognito-effect/auth"
import type * as Cognito from "@cognito-effect/auth/cognito"
import { expect, it } from "vitest"

type RootTypes = [
  Root.ConfirmResetPasswordInput, Root.ConfirmSignInInput, Root.ConfirmSignUpInput, Root.ConfirmUserAttributeInput,
  Root.ResendSignUpCodeInput, Root.ResetPasswordInput, Root.SignInInput, Root.SignInWithRedirectInput, Root.SignOutInput,
  Root.SignUpInput, Root.UpdateMFAPreferenceInput, Root.UpdatePasswordInput, Root.UpdateUserAttributesInput,
  Root.UpdateUserAttributeInput, Root.VerifyTOTPSetupInput, Root.SendUserAttributeVerificationCodeInput,
  Root.DeleteUserAttributesInput, Root.ForgetDeviceInput,
  Root.FetchUserAttributesOutput, Root.GetCurrentUserOutput, Root.ConfirmSignInOutput, Root.ConfirmSignUpOutput,
  Root.FetchMFAPreferenceOutput, Root.ResendSignUpCodeOutput, Root.ResetPasswordOutput, Root.SetUpTOTPOutput,
  Root.SignInOutput, Root.SignUpOutput, Root.UpdateUserAttributesOutput, Root.SendUserAttributeVerificationCodeOutput,
  Root.UpdateUserAttributeOutput, Root.FetchDevicesOutput,
  Root.AuthUser, Root.CodeDeliveryDetails, Root.UserAttributeKey, Root.VerifiableUserAttributeKey,
  Root.AuthWebAuthnCredential, Root.DeleteWebAuthnCredentialInput, Root.ListWebAuthnCredentialsInput, Root.ListWebAuthnCredentialsOutput,
  Root.FetchAuthSessionOptions, Root.AuthSession, Root.CredentialsAndIdentityIdProvider, Root.GetCredentialsOptions,
  Root.CredentialsAndIdentityId, Root.TokenProvider, Root.AuthTokens, Root.JWT
]

type CognitoTypes = [
  Cognito.CognitoUserPoolTokenProviderType, Cognito.SignInInput, Cognito.SignInOutput, Cognito.FetchDevicesOutput,
  Cognito.UpdateUserAttributesOutput, Cognito.CodeDeliveryDetails, Cognito.AuthUser
]

it("names every documented type (checked by the compiler)", () => {
  const counts: [RootTypes["length"], CognitoTypes["length"]] = [48, 7]
  expect(counts).toEqual([48, 7])
})
