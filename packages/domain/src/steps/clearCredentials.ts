/**
 * `clearCredentials` (Amplify core): forgets the identity-pool credentials and identity id, so the
 * next `fetchAuthSession` asks the identity pool again. Nothing to do without a credentials provider.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { CredentialsProvider } from "../Credentials.js"

/** @since 0.1.0 */
export const clearCredentials = Effect.fn("clearCredentials")(function* () {
  const provider = yield* Effect.serviceOption(CredentialsProvider)
  if (Option.isSome(provider)) yield* provider.value.clearCredentialsAndIdentityId
})
