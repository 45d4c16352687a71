/**
 * Test support: a real emulator on 127.0.0.1 (random port), a facade instance pointed at it over
 * HTTP, and admin calls as raw JSON 1.1 requests (what any Cognito client sends).
 */
import { start, type Running, type StartOptions } from "@cognito-effect/emulator/Server"
import { type AuthClient, type AuthOptions, createAuth } from "@cognito-effect/auth"
import { InMemoryStorage } from "@cognito-effect/auth/storage"

export const password = "Corr3ct-horse!"

export const startEmulator = (options: StartOptions = {}): Promise<Running> => start({ port: 0, ...options })

export const configOf = (emulator: Pick<Running, "endpoint" | "userPoolId" | "userPoolClientId">, clientId = emulator.userPoolClientId) => ({
  Auth: { Cognito: { userPoolId: emulator.userPoolId, userPoolClientId: clientId, userPoolEndpoint: emulator.endpoint } }
})

/** A facade instance with its own memory storages (pass them to simulate a reload). */
export const client = (emulator: Running, options: AuthOptions & { readonly clientId?: string } = {}): AuthClient =>
  createAuth(configOf(emulator, options.clientId), {
    storage: new InMemoryStorage(),
    signInStorage: new InMemoryStorage(),
    crossTabEvents: false,
    ...options
  })

/** Calls a Cognito operation with a raw JSON body; resolves the JSON answer or rejects with `__type`. */
export const call = async (emulator: Running, operation: string, body: unknown): Promise<any> => {
  const response = await fetch(emulator.endpoint, {
    method: "POST",
    headers: {
      "content-type": "application/x-amz-json-1.1",
      "x-amz-target": `AWSCognitoIdentityProviderService.${operation}`
    },
    body: JSON.stringify(body)
  })
  const json = await response.json()
  if (response.status >= 300) throw new Error(`${json.__type}: ${json.message}`)
  return json
}

/** A confirmed user with a permanent password. */
export const createUser = async (emulator: Running, username: string, attributes: Record<string, string> = {}) => {
  await call(emulator, "AdminCreateUser", {
    UserPoolId: emulator.userPoolId,
    Username: username,
    MessageAction: "SUPPRESS",
    UserAttributes: Object.entries({ email: username, email_verified: "true", ...attributes }).map(([Name, Value]) => ({ Name, Value }))
  })
  await call(emulator, "AdminSetUserPassword", { UserPoolId: emulator.userPoolId, Username: username, Password: password, Permanent: true })
}

/** The error a promise rejects with. */
export const rejection = async (promise: Promise<unknown>): Promise<Error & { recoverySuggestion?: string; metadata?: any }> => {
  try {
    await promise
  } catch (error) {
    return error as Error
  }
  throw new Error("expected the promise to reject")
}

let counter = 0
export const uniqueEmail = (prefix = "user") => `${prefix}-${Date.now()}-${counter++}@example.com`
