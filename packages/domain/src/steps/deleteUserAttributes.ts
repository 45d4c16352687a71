/**
 * `deleteUserAttributes`: removes attributes from the signed-in user (`DeleteUserAttributes`).
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as AuthConfig from "../AuthConfig.js"
import * as Authenticated from "../Authenticated.js"
import { CognitoClient } from "../services/CognitoClient.js"
import * as DeleteUserAttributes from "../wire/DeleteUserAttributes.js"
import type { UserAttributeKey } from "./fetchUserAttributes.js"

/** @since 0.1.0 */
export interface DeleteUserAttributesInput {
  readonly userAttributeKeys: readonly [UserAttributeKey, ...Array<UserAttributeKey>]
}

/** @since 0.1.0 */
export const deleteUserAttributes = Effect.fn("deleteUserAttributes")(function* (input: DeleteUserAttributesInput) {
  yield* AuthConfig.userPool
  const accessToken = yield* Authenticated.accessToken
  yield* (yield* CognitoClient).call(DeleteUserAttributes.operation, {
    AccessToken: accessToken,
    UserAttributeNames: input.userAttributeKeys
  })
})
