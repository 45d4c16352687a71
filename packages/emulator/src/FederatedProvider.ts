/**
 * Simulated external identity providers (Google, Facebook, Login with Amazon, Sign in with Apple,
 * and any custom provider an app client lists). Cognito would send the browser to the provider
 * and take its answer at `/oauth2/idpresponse`; here the provider is a consent page of the
 * emulator's own, and what it vouches for (an e-mail address and a name) becomes — or updates —
 * the federated user `<Provider>_<id>`, as Cognito names them: status `EXTERNAL_PROVIDER`, no
 * password, and the `identities` attribute the ID token carries as the `identities` claim.
 *
 * The provider's user id is derived from the provider and the e-mail address, so the same
 * simulated account always comes back as the same user.
 *
 * @since 0.1.0
 */
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import type { SecureRandom } from "@cognito-effect/domain/services/SecureRandom"
import * as NodeCrypto from "node:crypto"
import * as AuthorizeRequest from "./AuthorizeRequest.js"
import { Backend } from "./Backend.js"
import * as Ids from "./Ids.js"
import * as Store from "./Store.js"

/** What the simulated provider vouches for. @since 0.1.0 */
export interface Profile {
  readonly email: string
  readonly name?: string
}

/** The name users know a provider by (`LoginWithAmazon` → `Amazon`; a custom one by its own name). @since 0.1.0 */
export const label = (provider: string): string => AuthorizeRequest.socialProviders[provider] ?? provider

/** A stable 21-digit account id for an e-mail address at a provider. @since 0.1.0 */
export const providerUserId = (provider: string, email: string): string => {
  const digest = NodeCrypto.createHash("sha256").update(`${provider}\u0000${email.trim().toLowerCase()}`).digest()
  return (digest.readBigUInt64BE(0) % 10n ** 21n).toString().padStart(21, "1")
}

/** The federated user's name: `<Provider>_<provider user id>`. @since 0.1.0 */
export const username = (provider: string, email: string): string => `${provider}_${providerUserId(provider, email)}`

const providerType = (provider: string): string =>
  AuthorizeRequest.socialProviders[provider] === undefined ? "OIDC" : provider

/**
 * The federated user for a provider's answer: created on first sign-in, its e-mail and name
 * refreshed on later ones (as Cognito's attribute mapping does at each sign-in).
 * @since 0.1.0
 */
export const signIn = (
  pool: Store.PoolState,
  provider: string,
  profile: Profile
): Effect.Effect<Store.User, never, Backend | SecureRandom> =>
  Effect.gen(function* () {
    const backend = yield* Backend
    const now = yield* Clock.currentTimeMillis
    const name = username(provider, profile.email)
    const mapped: Record<string, string> = {
      email: profile.email.trim(),
      // social providers vouch for the address; a custom provider's claim is taken as unverified
      email_verified: AuthorizeRequest.socialProviders[provider] === undefined ? "false" : "true",
      ...(profile.name ? { name: profile.name } : {})
    }
    const existing = pool.users.get(backend.store.userKey(pool, name))
    if (existing !== undefined) {
      const updated: Store.User = { ...existing, attributes: { ...existing.attributes, ...mapped }, modifiedAt: now }
      backend.store.putUser(pool, updated)
      return updated
    }
    const identities = JSON.stringify([{
      userId: providerUserId(provider, profile.email),
      providerName: provider,
      providerType: providerType(provider),
      issuer: null,
      primary: "true",
      dateCreated: String(now)
    }])
    const user = Store.newUser({
      username: name,
      attributes: { sub: yield* Ids.uuid, ...mapped, identities },
      status: "EXTERNAL_PROVIDER",
      now
    })
    backend.store.putUser(pool, user)
    return user
  })
