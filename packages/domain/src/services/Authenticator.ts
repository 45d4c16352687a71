/**
 * The passkey authenticator port: the two WebAuthn ceremonies, in their JSON forms. In a browser
 * it is `navigator.credentials` (the adapters' `BrowserAuthenticator`); in Node tests and scripts
 * a software authenticator with real keys (`SoftwareAuthenticator`). Failures are Amplify's
 * passkey errors (`PasskeyAuthenticationCanceled`, `PasskeyAlreadyExists`, …).
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import type * as Passkey from "../Passkey.js"
import { type PasskeyError, passkeyError } from "../PasskeyError.js"

/** @since 0.1.0 */
export interface AuthenticatorService {
  /** `navigator.credentials.create`: makes a passkey for the options StartWebAuthnRegistration gave. */
  readonly create: (options: Passkey.CreationOptions) => Effect.Effect<Passkey.RegistrationResponse, PasskeyError>
  /** `navigator.credentials.get`: signs the `WEB_AUTHN` challenge with a passkey. */
  readonly get: (options: Passkey.RequestOptions) => Effect.Effect<Passkey.AuthenticationResponse, PasskeyError>
}

/** @since 0.1.0 @category tags */
export class Authenticator extends Context.Tag("@cognito-effect/domain/Authenticator")<Authenticator, AuthenticatorService>() {
  /** No authenticator here: every ceremony fails with `PasskeyNotSupported`. */
  static readonly layerUnsupported: Layer.Layer<Authenticator> = Layer.succeed(Authenticator, {
    create: () => Effect.fail(passkeyError("PasskeyNotSupported")),
    get: () => Effect.fail(passkeyError("PasskeyNotSupported"))
  })
}
