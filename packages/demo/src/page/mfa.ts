/**
 * The demo page's MFA pieces: an authenticator app's QR code (drawn by `qrcode-generator`) with
 * its `otpauth://` URI and secret, and one button per MFA method when sign-in asks to choose.
 */
import type { AuthNextSignInStep } from "@cognito-effect/auth"
import * as QrCodeModule from "qrcode-generator"

/**
 * The QR factory. The package's typings describe its CommonJS `export =`, but the ESM build the
 * page bundles exports the factory as `default` (and this project compiles without
 * `allowSyntheticDefaultImports`).
 */
const qrcode = (QrCodeModule as unknown as { readonly default: typeof QrCodeModule }).default

/** The issuer authenticator apps show next to the code. */
export const appName = "cognito-effect demo"

/** What `setUpTOTP` and the TOTP setup step give. */
export interface TotpSetup {
  readonly sharedSecret: string
  readonly getSetupUri: (appName: string, accountName?: string) => URL
}

/** A QR code image of `text`. */
export const qrImage = (text: string): HTMLImageElement => {
  const qr = qrcode(0, "M")
  qr.addData(text)
  qr.make()
  const image = document.createElement("img")
  image.src = qr.createDataURL(4, 4)
  image.alt = "QR code to scan with an authenticator app"
  image.className = "totp-qr"
  return image
}

const line = (label: string, value: string, className: string) => {
  const paragraph = document.createElement("p")
  const code = document.createElement("code")
  code.className = className
  code.textContent = value
  paragraph.append(label, code)
  return paragraph
}

/** Shows the QR code, the URI and the secret of a TOTP setup in `container`. */
export const showTotpSetup = (container: HTMLElement, setup: TotpSetup, accountName?: string) => {
  const uri = setup.getSetupUri(appName, accountName).href
  container.replaceChildren(qrImage(uri), line("Scan it, or open ", uri, "totp-uri"), line("Secret: ", setup.sharedSecret, "totp-secret"))
  container.hidden = false
}

/** The MFA methods a step asks to choose from (none when it asks for something else). */
export const choicesOf = (step: AuthNextSignInStep): ReadonlyArray<string> =>
  step.signInStep === "CONTINUE_SIGN_IN_WITH_MFA_SELECTION" || step.signInStep === "CONTINUE_SIGN_IN_WITH_MFA_SETUP_SELECTION"
    ? (step.allowedMFATypes ?? [])
    : []

/** One button per method in `container`; `choose` answers the step with the method. */
export const showChoices = (container: HTMLElement, methods: ReadonlyArray<string>, choose: (method: string) => void) => {
  container.replaceChildren(
    ...methods.map((method) => {
      const button = document.createElement("button")
      button.type = "button"
      button.className = "mfa-choice"
      button.dataset["mfa"] = method
      button.textContent = method
      button.addEventListener("click", () => choose(method))
      return button
    })
  )
  container.hidden = methods.length === 0
}

/** Labels of the MFA steps' answer field. */
export const labels: Partial<Record<AuthNextSignInStep["signInStep"], string>> = {
  CONTINUE_SIGN_IN_WITH_MFA_SELECTION: "MFA method (or pick one above)",
  CONTINUE_SIGN_IN_WITH_MFA_SETUP_SELECTION: "MFA method to set up (or pick one above)",
  CONTINUE_SIGN_IN_WITH_EMAIL_SETUP: "Email address for sign-in codes",
  CONTINUE_SIGN_IN_WITH_TOTP_SETUP: "Code from your authenticator app"
}
