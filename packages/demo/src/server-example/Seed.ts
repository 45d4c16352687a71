/**
 * The example's emulator seed: one pool, one app client with a secret (which only the server
 * holds) and short-lived access and ID tokens (five minutes, so refreshes on the server happen
 * often), and a demo user.
 */
import type { Seed } from "@cognito-effect/emulator/Seed"

export const userPoolId = "us-east-1_ServerExample"
export const userPoolClientId = "serverexampleclient"
export const demoUser = { username: "ada@example.com", password: "Example-passw0rd!" } as const

export const seed = (clientSecret: string): Seed => ({
  UserPools: [
    {
      Id: userPoolId,
      PoolName: "server-example",
      UsernameAttributes: ["email"],
      AutoVerifiedAttributes: ["email"],
      Schema: [{ Name: "email", Required: true }],
      Clients: [
        {
          Id: userPoolClientId,
          ClientName: "server-example",
          ClientSecret: clientSecret,
          ExplicitAuthFlows: ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
          PreventUserExistenceErrors: "ENABLED",
          AccessTokenValidity: 5,
          IdTokenValidity: 5,
          TokenValidityUnits: { AccessToken: "minutes", IdToken: "minutes" }
        }
      ],
      Users: [{ Username: demoUser.username, Password: demoUser.password, Attributes: { email: demoUser.username } }]
    }
  ]
})

/** Amplify's configuration for the example's app client on an emulator at `endpoint`. */
export const configFor = (endpoint: string) => ({
  Auth: { Cognito: { userPoolId, userPoolClientId, userPoolEndpoint: endpoint } }
})
