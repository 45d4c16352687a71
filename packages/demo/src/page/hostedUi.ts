/**
 * The demo page's hosted-UI part: "Sign in with the hosted page" (the emulator's sign-in form)
 * and "Sign in with a simulated provider" (its Google consent page), an optional custom state
 * handed back after the redirect, and what the OAuth events say. The redirect back is completed
 * by the automatic listener that comes with `signInWithRedirect`, after `Amplify.configure`.
 */
import { Hub, signInWithRedirect } from "@cognito-effect/auth"

/** What the demo server adds to the page's configuration once it registered the page. */
export interface HostedUiConfig {
  readonly oauthDomain?: string
  readonly redirectUrls?: ReadonlyArray<string>
  readonly oauthScopes?: ReadonlyArray<string>
}

/** `loginWith.oauth` for Amplify's configuration, when the server registered the page. */
export const oauth = (config: HostedUiConfig) =>
  config.oauthDomain === undefined || config.redirectUrls === undefined
    ? undefined
    : {
      domain: config.oauthDomain,
      scopes: [...(config.oauthScopes ?? ["openid", "email", "aws.cognito.signin.user.admin"])],
      redirectSignIn: [...config.redirectUrls],
      redirectSignOut: [...config.redirectUrls],
      responseType: "code" as const
    }

interface Page {
  readonly element: <T extends HTMLElement = HTMLElement>(id: string) => T
  readonly guarded: (action: () => Promise<void>) => () => void
  readonly setStatus: (text: string, kind?: "ok" | "error" | "") => void
}

/** Wires the buttons and listens for the OAuth events; call before `Amplify.configure`. */
export const install = ({ element, guarded, setStatus }: Page) => {
  const customState = () => element<HTMLInputElement>("custom-state-input").value.trim()
  const start = (provider?: "Google") =>
    guarded(async () => {
      const state = customState()
      setStatus("Leaving for the hosted UI…")
      await signInWithRedirect({ ...(provider === undefined ? {} : { provider }), ...(state === "" ? {} : { customState: state }) })
    })
  element("hosted-sign-in").addEventListener("click", start())
  element("provider-sign-in").addEventListener("click", start("Google"))
  Hub.listen("auth", ({ payload }) => {
    if (payload.event === "customOAuthState") {
      element("custom-state").textContent = String(payload.data)
      element("custom-state-line").hidden = false
    }
    if (payload.event === "signInWithRedirect") setStatus("Signed in through the hosted UI.", "ok")
    if (payload.event === "signInWithRedirect_failure") {
      const error = (payload.data as { readonly error?: { readonly name?: string; readonly message?: string } } | undefined)?.error
      setStatus(`Sign-in with redirect failed: ${error?.name ?? "Error"}: ${error?.message ?? ""}`, "error")
    }
  })
}
