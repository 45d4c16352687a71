/**
 * Each step's error channel lists exactly what it can fail with — checked by the compiler
 * (`tsc -b` builds this file). Regression: `signIn`'s error type had collapsed to `unknown`
 * through an untyped `catchIf` refinement.
 */
import { describe, expectTypeOf, it } from "vitest"
import type * as Effect from "effect/Effect"
import type * as AuthError from "@cognito-effect/domain/AuthError"
import type { PasskeyError } from "@cognito-effect/domain/PasskeyError"
import type * as OAuthError from "@cognito-effect/domain/OAuthError"
import type { autoSignIn } from "@cognito-effect/domain/steps/autoSignIn"
import type { confirmSignIn } from "@cognito-effect/domain/steps/confirmSignIn"
import type { signIn } from "@cognito-effect/domain/steps/signIn"
import type { signUp } from "@cognito-effect/domain/steps/signUp"
import type { signOut } from "@cognito-effect/domain/steps/signOut"

type ErrorOf<F extends (...args: any) => Effect.Effect<any, any, any>> = Effect.Effect.Error<ReturnType<F>>

describe("step error types", () => {
  it("signIn fails only with the domain's typed errors", () => {
    expectTypeOf<ErrorOf<typeof signIn>>().toEqualTypeOf<
      | AuthError.UserAlreadyAuthenticatedException
      | AuthError.AuthConfigError
      | AuthError.AuthValidationError
      | AuthError.CognitoServiceError
      | AuthError.TransportError
      | AuthError.InvalidPoolIdError
      | AuthError.StorageError
      | AuthError.SignInException
      | AuthError.InvalidTokensException
      | AuthError.SetUpTOTPException
      | AuthError.DeviceMetadataNotFoundException
      | AuthError.EmptyUserIdForSRPException
      | AuthError.UnexpectedSignInInterruptionException
      | PasskeyError
    >()
  })

  it("the other lifecycle steps have closed error unions too", () => {
    expectTypeOf<ErrorOf<typeof autoSignIn>>().not.toBeUnknown()
    expectTypeOf<ErrorOf<typeof confirmSignIn>>().not.toBeUnknown()
    expectTypeOf<ErrorOf<typeof signUp>>().toEqualTypeOf<
      | AuthError.AuthConfigError
      | AuthError.AuthValidationError
      | AuthError.CognitoServiceError
      | AuthError.TransportError
      | AuthError.InvalidPoolIdError
    >()
    expectTypeOf<ErrorOf<typeof signOut>>().toEqualTypeOf<
      AuthError.AuthConfigError | AuthError.StorageError | OAuthError.RedirectUrlError | OAuthError.OAuthSignOutException
    >()
  })
})
