/**
 * `deleteUser`: deletes the signed-in user (`DeleteUser`), forgets this device's keys for them,
 * then signs out locally, which publishes `signedOut`.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as AuthConfig from "../AuthConfig.js"
import * as Authenticated from "../Authenticated.js"
import { CognitoClient } from "../services/CognitoClient.js"
import { TokenStore } from "../services/TokenStore.js"
import * as DeleteUser from "../wire/DeleteUser.js"
import { signOut } from "./signOut.js"

/** @since 0.1.0 */
export const deleteUser = Effect.fn("deleteUser")(function* () {
  yield* AuthConfig.userPool
  const session = yield* Authenticated.tokens
  yield* (yield* CognitoClient).call(DeleteUser.operation, { AccessToken: session.accessToken.raw })
  yield* (yield* TokenStore).clearDeviceMetadata(session.username)
  yield* signOut()
})
