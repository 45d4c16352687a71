/**
 * The drop-in path: `import "@cognito-effect/auth/enable-oauth-listener"`, `Amplify.configure`,
 * the global `signInWithRedirect`, and on the next page load the redirect completed by the
 * listener alone, with `fetchAuthSession` waiting for it — as an Amplify app expects. The browser
 * is a stand-in `window` (the listener only runs in browsers) whose address is a `MemoryRedirect`.
 */
import { MemoryRedirect } from "@cognito-effect/adapters/Redirect"
import type { Running } from "@cognito-effect/emulator/Server"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { Amplify, fetchAuthSession, getCurrentUser, Hub, signInWithRedirect } from "@cognito-effect/auth"
import { createUser, password, startEmulator, uniqueEmail } from "./support/Emulator.js"
import { defaultStorage } from "@cognito-effect/auth/storage"
import { HostedUiUser } from "./support/HostedUi.js"

const app = "http://127.0.0.1:5173/"
const page = new MemoryRedirect(app)

let emulator: Running
beforeAll(async () => {
  emulator = await startEmulator()
  Object.assign(globalThis, { window: { location: { href: app } } })
  await import("@cognito-effect/auth/enable-oauth-listener")
})
afterAll(async () => {
  Reflect.deleteProperty(globalThis, "window")
  await emulator.stop()
})

const configure = () =>
  Amplify.configure(
    {
      Auth: {
        Cognito: {
          userPoolId: emulator.userPoolId,
          userPoolClientId: emulator.userPoolClientId,
          userPoolEndpoint: emulator.endpoint,
          loginWith: {
            oauth: {
              domain: new URL(emulator.endpoint).host,
              scopes: ["openid", "email", "aws.cognito.signin.user.admin"],
              redirectSignIn: [app],
              redirectSignOut: [app],
              responseType: "code"
            }
          }
        }
      }
    },
    undefined,
    { redirect: page, crossTabEvents: false }
  )

describe("enable-oauth-listener", () => {
  it("completes the redirect after configure on the page the hosted UI returns to", async () => {
    const username = uniqueEmail("listener")
    await createUser(emulator, username)
    const events: Array<string> = []
    Hub.listen("auth", ({ payload }) => events.push(payload.event))

    // An ordinary page load with nothing in flight: the listener leaves everything alone.
    configure()
    expect(await fetchAuthSession()).toEqual({})
    await signInWithRedirect({ customState: "listener" })
    page.url = await new HostedUiUser().signIn(page.navigations.at(-1)!, { username, password })

    // The page the hosted UI returns to loads: configure, and ask for the session at once.
    configure()
    const session = await fetchAuthSession()
    expect(session.tokens?.idToken?.payload["email"]).toBe(username)
    expect((await getCurrentUser()).userId).toBe(session.userSub)
    expect(events).toEqual(["customOAuthState", "signInWithRedirect", "signedIn"])
    expect(page.url).toBe(app)
  })

  it("leaves a page without the hosted UI's answer alone: the flight in progress stays", async () => {
    await signInWithRedirect({ options: { prompt: "LOGIN" } })
    page.url = `${app}orders`
    configure()
    expect((await fetchAuthSession()).tokens).toBeDefined()
    expect(await defaultStorage.getItem(`CognitoIdentityServiceProvider.${emulator.userPoolClientId}.inflightOAuth`)).toBe("true")
  })
})
