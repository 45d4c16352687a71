/**
 * Every operation the emulator serves, by `X-Amz-Target`. Features add their handlers here.
 *
 * @since 0.1.0
 */
import type * as Handler from "./Handler.js"
import * as AdminUsers from "./operations/AdminUsers.js"
import * as Devices from "./operations/Devices.js"
import * as Groups from "./operations/Groups.js"
import * as IdentityPools from "./operations/IdentityPools.js"
import * as InitiateAuth from "./operations/InitiateAuth.js"
import * as Mfa from "./operations/Mfa.js"
import * as PasswordReset from "./operations/PasswordReset.js"
import * as RespondToAuthChallenge from "./operations/RespondToAuthChallenge.js"
import * as SignedIn from "./operations/SignedIn.js"
import * as SignUp from "./operations/SignUp.js"
import * as UserAttributes from "./operations/UserAttributes.js"
import * as UserPools from "./operations/UserPools.js"
import * as WebAuthnCredentials from "./operations/WebAuthnCredentials.js"

/** @since 0.1.0 */
export const all: ReadonlyArray<Handler.Any> = [
  ...UserPools.handlers,
  ...AdminUsers.handlers,
  ...Groups.handlers,
  ...SignUp.handlers,
  ...InitiateAuth.handlers,
  ...RespondToAuthChallenge.handlers,
  ...SignedIn.handlers,
  ...PasswordReset.handlers,
  ...UserAttributes.handlers,
  ...Devices.handlers,
  ...Mfa.handlers,
  ...IdentityPools.handlers,
  ...WebAuthnCredentials.handlers
]

/** @since 0.1.0 */
export const byTarget: ReadonlyMap<string, Handler.Any> = new Map(all.map((handler) => [handler.operation.target, handler]))
