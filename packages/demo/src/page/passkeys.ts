/**
 * The demo page's passkeys: "Register a passkey" for the signed-in user (the browser creates it,
 * the emulator verifies the attestation), the list of their passkeys with a Delete button each,
 * "Sign in with a passkey" (USER_AUTH preferring WEB_AUTHN: no password typed), and the buttons
 * of the first-factor choice.
 *
 * Browsers refuse WebAuthn on an IP address: open the page at `http://localhost:<port>`.
 */
import {
  associateWebAuthnCredential,
  deleteWebAuthnCredential,
  listWebAuthnCredentials,
  signIn,
  type AuthNextSignInStep,
  type AuthWebAuthnCredential
} from "@cognito-effect/auth"

/** What the page lends this module. */
export interface Page {
  readonly element: <T extends HTMLElement = HTMLElement>(id: string) => T
  readonly guarded: (action: () => Promise<void>) => () => void
  readonly setStatus: (text: string, kind?: "ok" | "error" | "") => void
  /** shows what `signIn` answered (signed in, or the next step) */
  readonly showNextStep: (isSignedIn: boolean, nextStep: AuthNextSignInStep) => Promise<void>
  /** remembers who is signing in (for the inbox button) */
  readonly signingIn: (username: string) => void
}

/** Every passkey of the signed-in user, page by page. */
const allPasskeys = async () => {
  const all: Array<AuthWebAuthnCredential> = []
  let nextToken: string | undefined
  do {
    const page = await listWebAuthnCredentials(nextToken === undefined ? {} : { nextToken })
    all.push(...page.credentials)
    nextToken = page.nextToken
  } while (nextToken !== undefined)
  return all
}

/** The signed-in user's passkeys, each with a Delete button. */
export const render = async (page: Pick<Page, "element" | "guarded" | "setStatus">): Promise<void> => {
  const passkeys = await allPasskeys()
  const list = page.element("passkeys")
  if (passkeys.length === 0) {
    const empty = document.createElement("li")
    empty.textContent = "No passkeys yet."
    list.replaceChildren(empty)
    return
  }
  list.replaceChildren(
    ...passkeys.map((passkey) => {
      const item = document.createElement("li")
      item.dataset["credentialId"] = passkey.credentialId ?? ""
      const name = document.createElement("strong")
      name.textContent = passkey.friendlyCredentialName ?? "passkey"
      const details = document.createElement("span")
      details.textContent = ` · ${passkey.relyingPartyId ?? "?"} · created ${passkey.createdAt?.toLocaleString() ?? "?"} `
      const remove = document.createElement("button")
      remove.className = "delete-passkey"
      remove.textContent = "Delete"
      remove.addEventListener(
        "click",
        page.guarded(async () => {
          await deleteWebAuthnCredential({ credentialId: passkey.credentialId ?? "" })
          page.setStatus("Passkey deleted.", "ok")
          await render(page)
        })
      )
      item.append(name, details, remove)
      return item
    })
  )
}

/** The challenges a first-factor choice offers (none when the step asks something else). */
export const choicesOf = (step: AuthNextSignInStep): ReadonlyArray<string> =>
  step.signInStep === "CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION" ? (step.availableChallenges ?? []) : []

/** Wires the passkey buttons. */
export const install = (page: Page): void => {
  page.element("register-passkey").addEventListener(
    "click",
    page.guarded(async () => {
      await associateWebAuthnCredential()
      page.setStatus("Passkey registered: sign out and sign in with it.", "ok")
      await render(page)
    })
  )
  const form = page.element<HTMLFormElement>("passkey-sign-in-form")
  form.addEventListener("submit", (event) => {
    event.preventDefault()
    page.guarded(async () => {
      const username = (form.elements.namedItem("username") as HTMLInputElement).value
      page.signingIn(username)
      const { isSignedIn, nextStep } = await signIn({ username, options: { authFlowType: "USER_AUTH", preferredChallenge: "WEB_AUTHN" } })
      page.setStatus(`signIn (passkey) → ${nextStep.signInStep}`, isSignedIn ? "ok" : "")
      await page.showNextStep(isSignedIn, nextStep)
    })()
  })
}
