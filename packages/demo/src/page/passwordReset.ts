/**
 * The demo page's "Forgot password?": `resetPassword` sends a code (the page says where it went,
 * and reads it from the emulator inbox on request), `confirmResetPassword` sets the new password,
 * and the sign-in form is left filled in with the user name, waiting for that password.
 */
import { confirmResetPassword, resetPassword } from "@cognito-effect/auth"

/** What the page lends this module. */
export interface Page {
  readonly element: <T extends HTMLElement = HTMLElement>(id: string) => T
  readonly guarded: (action: () => Promise<void>) => () => void
  readonly setStatus: (text: string, kind?: "ok" | "error" | "") => void
  /** the newest code of `purpose` in the emulator inbox for `username` */
  readonly readInbox: (username: string, purpose: string) => Promise<string>
}

const input = (form: HTMLFormElement, name: string) => form.elements.namedItem(name) as HTMLInputElement

/** Wires "Forgot password?" and the two reset forms. */
export const install = (page: Page): void => {
  const signInForm = page.element<HTMLFormElement>("sign-in-form")
  const request = page.element<HTMLFormElement>("reset-form")
  const confirm = page.element<HTMLFormElement>("reset-confirm-form")
  let username = ""

  page.element("forgot-password").addEventListener("click", () => {
    page.element("reset").hidden = false
    confirm.hidden = true
    input(request, "username").value = input(signInForm, "username").value
    input(request, "username").focus()
  })
  request.addEventListener("submit", (event) => {
    event.preventDefault()
    page.guarded(async () => {
      username = input(request, "username").value
      const { nextStep } = await resetPassword({ username })
      const { destination, deliveryMedium } = nextStep.codeDeliveryDetails
      page.element("reset-destination").textContent = `Enter the code sent to ${destination ?? "the user"} (${deliveryMedium ?? "?"}) and a new password.`
      confirm.reset()
      confirm.hidden = false
      page.setStatus(`resetPassword → ${nextStep.resetPasswordStep}`, "ok")
    })()
  })
  page.element("reset-inbox").addEventListener(
    "click",
    page.guarded(async () => {
      input(confirm, "code").value = await page.readInbox(username, "FORGOT_PASSWORD")
    })
  )
  confirm.addEventListener("submit", (event) => {
    event.preventDefault()
    page.guarded(async () => {
      await confirmResetPassword({
        username,
        confirmationCode: input(confirm, "code").value.trim(),
        newPassword: input(confirm, "newPassword").value
      })
      confirm.reset()
      confirm.hidden = true
      page.element("reset").hidden = true
      input(signInForm, "username").value = username
      input(signInForm, "password").value = ""
      input(signInForm, "password").focus()
      page.setStatus("Password reset: sign in with the new password.", "ok")
    })()
  })
}
