/**
 * Test support for passwordless sign-in and passkeys through the facade: an emulator whose pool
 * allows every first factor (USER_AUTH), facade instances with a software authenticator at the
 * page origin `http://localhost:5173`, and a fetch that rewrites one operation's answer (to play a
 * misbehaving server).
 */
import * as SoftwareAuthenticator from "@cognito-effect/adapters/SoftwareAuthenticator"
import type { AuthenticatorService } from "@cognito-effect/domain/services/Authenticator"
import type { Running } from "@cognito-effect/emulator/Server"
import type { AuthClient, AuthOptions } from "@cognito-effect/auth"
import { client, password, startEmulator } from "./Emulator.js"

export const origin = "http://localhost:5173"

/** An emulator with one pool for passwordless sign-in: every first factor, e-mail verified by code. */
export const startPasswordlessEmulator = (): Promise<Running> =>
  startEmulator({
    seed: {
      UserPools: [
        {
          PoolName: "passwordless",
          UsernameAttributes: ["email"],
          AutoVerifiedAttributes: ["email"],
          Schema: [{ Name: "email", Required: true, Mutable: true }],
          Policies: { SignInPolicy: { AllowedFirstAuthFactors: ["PASSWORD", "EMAIL_OTP", "SMS_OTP", "WEB_AUTHN"] } },
          Clients: [
            {
              ClientName: "web",
              ExplicitAuthFlows: ["ALLOW_USER_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
            }
          ]
        }
      ]
    }
  })

/** A software authenticator on the test page's origin. */
export const authenticator = (options: Partial<SoftwareAuthenticator.Options> = {}) => SoftwareAuthenticator.make({ origin, ...options })

/** A facade instance whose passkeys live on `device`. */
export const passkeyClient = (emulator: Running, device: AuthenticatorService, options: AuthOptions = {}): AuthClient =>
  client(emulator, { authenticator: SoftwareAuthenticator.layerFrom(device), ...options })

/** Signs `username` in with its password (USER_AUTH, PASSWORD), as a setup step. */
export const signInWithPassword = async (auth: AuthClient, username: string) => {
  const result = await auth.signIn({ username, password, options: { authFlowType: "USER_AUTH", preferredChallenge: "PASSWORD" } })
  if (!result.isSignedIn) throw new Error(`setup sign-in stopped at ${result.nextStep.signInStep}`)
}

/**
 * A `fetch` to the emulator that hands the JSON answer of `operation` to `rewrite` first
 * (`undefined` from `rewrite` leaves it alone).
 */
export const rewritingFetch =
  (operation: string, rewrite: (body: any, request: any) => unknown): typeof globalThis.fetch =>
  async (input, init) => {
    const response = await fetch(input, init)
    const target = new Headers(init?.headers).get("x-amz-target")
    if (target !== `AWSCognitoIdentityProviderService.${operation}` || response.status !== 200) return response
    const body = await response.json()
    const request = JSON.parse(String(init?.body ?? "{}"))
    const replaced = rewrite(body, request) ?? body
    return new Response(JSON.stringify(replaced), { status: 200, headers: response.headers })
  }
