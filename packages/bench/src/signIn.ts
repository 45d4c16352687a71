/**
 * End-to-end sign-in against the local emulator: the time from `signIn({ username, password })`
 * to its `DONE` answer (USER_SRP_AUTH: InitiateAuth, the SRP math, RespondToAuthChallenge, token
 * storage) for ours — `createAuth` with its default Node platform — and for `aws-amplify` in Node
 * with `userPoolEndpoint` pointed at the emulator and tokens in memory. Each side signs out,
 * untimed, before its next sign-in. The emulator runs in this process and serves both alike.
 *
 * @since 0.1.0
 */
import { createAuth } from "@cognito-effect/auth"
import { InMemoryStorage } from "@cognito-effect/auth/storage"
import { start } from "@cognito-effect/emulator/Server"
import { amplifyVersion } from "./Reference.js"
import * as Table from "./Table.js"
import * as Timing from "./Timing.js"

/** The command line that reproduces this family's rows. @since 0.1.0 */
export const reproduce = "npm run bench -- --only signin"

/** A running user pool: where to send requests and which pool / client to use. @since 0.1.0 */
export interface Pool {
  readonly endpoint: string
  readonly userPoolId: string
  readonly userPoolClientId: string
}

/** The default pool signs in by email. */
const username = "bench-user@example.com"
const password = "Bench-Passw0rd!1"

/** One admin operation over HTTP, as any Cognito-compatible server takes it. */
const adminCall = async (pool: Pool, operation: string, body: Record<string, unknown>): Promise<void> => {
  const response = await fetch(pool.endpoint, {
    method: "POST",
    headers: {
      "content-type": "application/x-amz-json-1.1",
      "x-amz-target": `AWSCognitoIdentityProviderService.${operation}`
    },
    body: JSON.stringify(body)
  })
  if (!response.ok) throw new Error(`${operation} answered ${response.status}: ${await response.text()}`)
}

/** AdminCreateUser (no message) + AdminSetUserPassword with `Permanent: true`: a CONFIRMED user. @since 0.1.0 */
export const createConfirmedUser = async (pool: Pool, user: string, secret: string): Promise<void> => {
  await adminCall(pool, "AdminCreateUser", {
    UserPoolId: pool.userPoolId,
    Username: user,
    TemporaryPassword: secret,
    MessageAction: "SUPPRESS",
    UserAttributes: [
      { Name: "email", Value: user },
      { Name: "email_verified", Value: "true" }
    ]
  })
  await adminCall(pool, "AdminSetUserPassword", { UserPoolId: pool.userPoolId, Username: user, Password: secret, Permanent: true })
}

/** Amplify's `ResourcesConfig` for the pool. @since 0.1.0 */
export const amplifyConfig = (pool: Pool) => ({
  Auth: {
    Cognito: { userPoolId: pool.userPoolId, userPoolClientId: pool.userPoolClientId, userPoolEndpoint: pool.endpoint }
  }
})

const signedIn = (client: string, output: { readonly isSignedIn: boolean; readonly nextStep: { readonly signInStep: string } }) => {
  if (!output.isSignedIn) throw new Error(`${client} sign-in stopped at ${output.nextStep.signInStep}`)
}

/** Our side: an independent client, tokens and sign-in state in memory. @since 0.1.0 */
export const oursSide = (pool: Pool): Timing.Side & { readonly dispose: () => Promise<void> } => {
  const auth = createAuth(amplifyConfig(pool), { storage: new InMemoryStorage(), signInStorage: new InMemoryStorage() })
  return {
    run: async () => signedIn("ours", await auth.signIn({ username, password })),
    reset: () => auth.signOut(),
    dispose: () => auth.dispose()
  }
}

/** Amplify's side: the global `Amplify.configure`, tokens in `sharedInMemoryStorage`. @since 0.1.0 */
export const amplifySide = async (pool: Pool): Promise<Timing.Side> => {
  const [{ Amplify }, auth, { cognitoUserPoolsTokenProvider }, { ConsoleLogger, sharedInMemoryStorage }] = await Promise.all([
    import("aws-amplify"),
    import("aws-amplify/auth"),
    import("aws-amplify/auth/cognito"),
    import("aws-amplify/utils")
  ])
  // Amplify warns on every configure that the endpoint is custom; keep the table readable.
  ConsoleLogger.LOG_LEVEL = "ERROR"
  Amplify.configure(amplifyConfig(pool))
  cognitoUserPoolsTokenProvider.setKeyValueStorage(sharedInMemoryStorage)
  return {
    run: async () => signedIn("Amplify", await auth.signIn({ username, password })),
    reset: () => auth.signOut()
  }
}

/** @since 0.1.0 */
export const defaultPlan: Timing.Plan = { warmup: 3, runs: 15 }

/** Starts the emulator, seeds one user, measures both clients, stops the emulator. @since 0.1.0 */
export const run = async (plan: Timing.Plan = defaultPlan): Promise<ReadonlyArray<Table.Row>> => {
  const emulator = await start()
  try {
    await createConfirmedUser(emulator, username, password)
    const ours = oursSide(emulator)
    try {
      const result = await Timing.compare(plan, ours, await amplifySide(emulator))
      return [
        Table.measured({
          measurement: "Sign-in end to end, emulator",
          unit: "ms",
          ours: result.ours,
          referenceName: `aws-amplify ${amplifyVersion()}`,
          reference: result.reference,
          target: Table.informative,
          reproduce
        })
      ]
    } finally {
      await ours.dispose()
    }
  } finally {
    await emulator.stop()
  }
}
