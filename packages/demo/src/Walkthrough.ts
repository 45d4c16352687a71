/**
 * The demo's walkthrough as a function: sign up, read the code from the emulator inbox, confirm,
 * sign in with SRP, read the user and the session, sign out — each step's `nextStep` reported.
 * `npm run demo:cli` prints it; the tests run it too.
 */
import { createAuth } from "@cognito-effect/auth"
import { InMemoryStorage } from "@cognito-effect/auth/storage"

export interface Coordinates {
  readonly endpoint: string
  readonly userPoolId: string
  readonly userPoolClientId: string
}

export type Report = (step: string, detail: unknown) => void

const latestCode = async (endpoint: string, username: string): Promise<string> => {
  const response = await fetch(`${endpoint}/_emulator/inbox?username=${encodeURIComponent(username)}`)
  const { messages } = (await response.json()) as { readonly messages: ReadonlyArray<{ readonly code: string }> }
  const code = messages.at(-1)?.code
  if (code === undefined) throw new Error(`the emulator inbox has no code for ${username}`)
  return code
}

export const walkthrough = async (emulator: Coordinates, report: Report, username = `demo-${Date.now()}@example.com`) => {
  const auth = createAuth(
    {
      Auth: {
        Cognito: {
          userPoolId: emulator.userPoolId,
          userPoolClientId: emulator.userPoolClientId,
          userPoolEndpoint: emulator.endpoint
        }
      }
    },
    { storage: new InMemoryStorage(), signInStorage: new InMemoryStorage(), crossTabEvents: false }
  )
  const events: Array<string> = []
  const unlisten = auth.listen(({ payload }) => events.push(payload.event))
  const password = "Demo-passw0rd!"
  try {
    const signUp = await auth.signUp({ username, password, options: { userAttributes: { email: username } } })
    report("signUp", signUp.nextStep)
    const code = await latestCode(emulator.endpoint, username)
    report("inbox", { code })
    const confirm = await auth.confirmSignUp({ username, confirmationCode: code })
    report("confirmSignUp", confirm.nextStep)
    const signIn = await auth.signIn({ username, password })
    report("signIn (USER_SRP_AUTH)", signIn.nextStep)
    const user = await auth.getCurrentUser()
    report("getCurrentUser", user)
    const session = await auth.fetchAuthSession()
    const exp = session.tokens?.accessToken.payload.exp
    report("fetchAuthSession", { userSub: session.userSub, accessTokenExpires: exp === undefined ? undefined : new Date(exp * 1000).toISOString() })
    await auth.signOut()
    report("signOut", { signedIn: (await auth.fetchAuthSession()).tokens !== undefined })
    report("events", events)
    return { username, user, events }
  } finally {
    unlisten()
    await auth.dispose()
  }
}
