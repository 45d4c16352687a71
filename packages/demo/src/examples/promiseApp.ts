/**
 * Example: a Promise app using the facade exactly as an Amplify app uses `aws-amplify/auth` —
 * only the import path differs.
 */
import { Amplify, fetchAuthSession, getCurrentUser, Hub, signIn, signOut } from "@cognito-effect/auth"

export const run = async (
  emulator: { readonly endpoint: string; readonly userPoolId: string; readonly userPoolClientId: string },
  username: string,
  password: string
) => {
  Amplify.configure({
    Auth: {
      Cognito: {
        userPoolId: emulator.userPoolId,
        userPoolClientId: emulator.userPoolClientId,
        userPoolEndpoint: emulator.endpoint
      }
    }
  })
  const events: Array<string> = []
  const stopListening = Hub.listen("auth", ({ payload }) => events.push(payload.event))
  try {
    const { isSignedIn } = await signIn({ username, password })
    const { username: name } = await getCurrentUser()
    const { tokens } = await fetchAuthSession()
    await signOut()
    return { isSignedIn, name, hasTokens: tokens !== undefined, events }
  } catch (error) {
    // Amplify's contract: `error.name` is the Cognito exception or Amplify's own code.
    if (error instanceof Error && error.name === "NotAuthorizedException") return { refused: error.name, events }
    throw error
  } finally {
    stopListening()
  }
}
