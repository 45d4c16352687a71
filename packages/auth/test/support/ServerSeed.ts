/**
 * Test support for server-side use: an emulator seed with a public client, a client with a
 * secret and a second pool, and a browser's cookie jar as a storage (what a browser using
 * `CookieStorage` would send as its `Cookie` header).
 */
import { encodeCookieName, encodeCookieValue } from "@cognito-effect/adapters/CookieStorage"
import type { KeyValueStorageInterface } from "@cognito-effect/auth/storage"
import type { Seed } from "@cognito-effect/emulator/Seed"
import type { Running } from "@cognito-effect/emulator/Server"

export const poolId = "us-east-1_ServerSide1"
export const publicClientId = "serverpublicclient1"
export const secretClientId = "serversecretclient1"
export const clientSecret = "s3cr3t-0f-the-server-app-client-do-not-leak"
export const shortLivedClientId = "servershortclient1"
export const otherPoolId = "us-east-1_ServerSide2"
export const otherClientId = "serverotherclient1"

const flows = ["ALLOW_USER_SRP_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] as const
const fiveMinutes = {
  AccessTokenValidity: 5,
  IdTokenValidity: 5,
  TokenValidityUnits: { AccessToken: "minutes", IdToken: "minutes" }
} as const

export const seed: Seed = {
  UserPools: [
    {
      Id: poolId,
      PoolName: "server-side",
      UsernameAttributes: ["email"],
      AutoVerifiedAttributes: ["email"],
      Schema: [{ Name: "email", Required: true }],
      Clients: [
        { Id: publicClientId, ClientName: "web", ExplicitAuthFlows: flows, ...fiveMinutes },
        { Id: secretClientId, ClientName: "server", ClientSecret: clientSecret, ExplicitAuthFlows: flows, ...fiveMinutes },
        {
          Id: shortLivedClientId,
          ClientName: "short-lived",
          ExplicitAuthFlows: flows,
          AccessTokenValidity: 1,
          IdTokenValidity: 1,
          TokenValidityUnits: { AccessToken: "seconds", IdToken: "seconds" }
        }
      ]
    },
    {
      Id: otherPoolId,
      PoolName: "other",
      UsernameAttributes: ["email"],
      Schema: [{ Name: "email", Required: true }],
      Clients: [{ Id: otherClientId, ClientName: "other", ExplicitAuthFlows: flows }]
    }
  ]
}

/** Amplify's configuration for a client of the seed's pool on this emulator. */
export const configFor = (emulator: Pick<Running, "endpoint">, clientId = publicClientId, userPoolId = poolId) => ({
  Auth: { Cognito: { userPoolId, userPoolClientId: clientId, userPoolEndpoint: emulator.endpoint } }
})

/** A browser's cookies for one site, as a storage: what it holds is what it sends. */
export class CookieJar implements KeyValueStorageInterface {
  readonly items = new Map<string, string>()
  async setItem(key: string, value: string) {
    this.items.set(key, value)
  }
  async getItem(key: string) {
    return this.items.get(key) ?? null
  }
  async removeItem(key: string) {
    this.items.delete(key)
  }
  async clear() {
    this.items.clear()
  }
  /** The `Cookie` request header, encoded as js-cookie encodes. */
  header(): string {
    return [...this.items].map(([name, value]) => `${encodeCookieName(name)}=${encodeCookieValue(value)}`).join("; ")
  }
  /** Applies a response's `Set-Cookie` headers as a browser would (names and values only). */
  receive(setCookies: ReadonlyArray<string>): void {
    for (const header of setCookies) {
      const [pair = ""] = header.split(";")
      const eq = pair.indexOf("=")
      const name = decodeURIComponent(pair.slice(0, eq))
      const value = decodeURIComponent(pair.slice(eq + 1))
      if (/;\s*Max-Age=0\b/i.test(header)) this.items.delete(name)
      else this.items.set(name, value)
    }
  }
}
