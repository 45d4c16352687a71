/**
 * The demo page: an Amplify-style app on the facade (`Amplify.configure`, `signUp`, `signIn`, …)
 * against the local emulator. It reads the emulator's inbox over HTTP so a visitor can confirm a
 * sign-up, answer an SMS or e-mail MFA code, verify an attribute or reset a password without a
 * phone or mailbox.
 */
import {
  Amplify,
  confirmSignIn,
  confirmSignUp,
  fetchAuthSession,
  fetchDevices,
  fetchMFAPreference,
  forgetDevice,
  getCurrentUser,
  Hub,
  rememberDevice,
  resendSignUpCode,
  signIn,
  signOut,
  signUp,
  setUpTOTP,
  updateMFAPreference,
  verifyTOTPSetup,
  type AuthNextSignInStep
} from "@cognito-effect/auth"
import * as HostedUi from "./hostedUi.js"
import * as Mfa from "./mfa.js"
import * as Passkeys from "./passkeys.js"
import * as PasswordReset from "./passwordReset.js"
import * as Profile from "./profile.js"

interface DemoConfig extends HostedUi.HostedUiConfig {
  readonly endpoint: string
  readonly userPoolId: string
  readonly userPoolClientId: string
}

const element = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T
const field = (form: HTMLFormElement, name: string) => (form.elements.namedItem(name) as HTMLInputElement).value

const setStatus = (text: string, kind: "ok" | "error" | "" = "") => {
  const status = element("status")
  status.textContent = text
  status.className = kind
}

const explain = (error: unknown) =>
  error instanceof Error ? `${error.name}: ${error.message}` : `Unexpected failure: ${String(error)}`

/** Runs an action with its errors shown on the page. */
const guarded = (action: () => Promise<void>) => () => {
  action().catch((error: unknown) => setStatus(explain(error), "error"))
}

const onSubmit = (id: string, action: (form: HTMLFormElement) => Promise<void>) => {
  const form = element<HTMLFormElement>(id)
  form.addEventListener("submit", (event) => {
    event.preventDefault()
    guarded(() => action(form))()
  })
}

let pendingUsername = ""

const challengeLabels: Partial<Record<AuthNextSignInStep["signInStep"], string>> = {
  CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED: "New password",
  CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE: "Answer (the code in the emulator inbox)",
  CONFIRM_SIGN_IN_WITH_SMS_CODE: "SMS code",
  CONFIRM_SIGN_IN_WITH_EMAIL_CODE: "Email code",
  CONFIRM_SIGN_IN_WITH_TOTP_CODE: "Authenticator code",
  CONFIRM_SIGN_IN_WITH_PASSWORD: "Password",
  ...Mfa.labels
}

const showNextStep = async (isSignedIn: boolean, nextStep: AuthNextSignInStep) => {
  element("challenge").hidden = true
  if (isSignedIn) return render()
  if (nextStep.signInStep === "CONFIRM_SIGN_UP") {
    element("confirm").hidden = false
    return setStatus("This account is not confirmed yet: enter the code.", "")
  }
  element("challenge").hidden = false
  element("challenge-step").textContent = nextStep.signInStep
  element("challenge-label").textContent = challengeLabels[nextStep.signInStep] ?? "Answer"
  element<HTMLFormElement>("challenge-form").reset()
  Mfa.showChoices(element("challenge-choices"), [...Mfa.choicesOf(nextStep), ...Passkeys.choicesOf(nextStep)], (method) =>
    guarded(() => answerChallenge(method))()
  )
  element("challenge-totp").hidden = nextStep.signInStep !== "CONTINUE_SIGN_IN_WITH_TOTP_SETUP"
  if (nextStep.signInStep === "CONTINUE_SIGN_IN_WITH_TOTP_SETUP") {
    Mfa.showTotpSetup(element("challenge-totp"), nextStep.totpSetupDetails, pendingUsername)
  }
  setStatus(`Next step: ${nextStep.signInStep}`)
}

/** Answers the pending sign-in step (a code, a method, an address, …). */
const answerChallenge = async (challengeResponse: string) => {
  const { isSignedIn, nextStep } = await confirmSignIn({ challengeResponse })
  setStatus(`confirmSignIn → ${nextStep.signInStep}`, isSignedIn ? "ok" : "")
  await showNextStep(isSignedIn, nextStep)
}

/** The signed-in user's MFA methods. */
const renderMfa = async () => {
  const preference = await fetchMFAPreference()
  element("mfa-enabled").textContent = preference.enabled?.join(", ") || "none"
  element("mfa-preferred").textContent = preference.preferred ?? "none"
}

const render = async () => {
  const session = await fetchAuthSession()
  const signedIn = session.tokens !== undefined
  element("signed-in").hidden = !signedIn
  element("signed-out").hidden = signedIn
  if (!signedIn) return
  const user = await getCurrentUser()
  element("user-name").textContent = user.username
  element("user-id").textContent = user.userId
  element("user-details").textContent = JSON.stringify(user.signInDetails ?? {})
  const exp = session.tokens?.accessToken.payload.exp
  element("token-expiry").textContent = exp === undefined ? "unknown" : new Date(exp * 1000).toLocaleString()
  await renderMfa()
  await renderDevices(session.tokens?.accessToken.payload["device_key"])
  await Passkeys.render({ element, guarded, setStatus })
  await Profile.render({ element, guarded, setStatus })
}

/** The user's devices, each with a Forget button; the one this browser signed in with is marked. */
const renderDevices = async (currentKey: unknown) => {
  const devices = await fetchDevices()
  const list = element("devices")
  list.replaceChildren(
    ...devices.map((device) => {
      const item = document.createElement("li")
      item.dataset["deviceId"] = device.id
      const name = document.createElement("strong")
      name.textContent = device.name ?? "unnamed device"
      const status = device.attributes["dev:device_remembered_status"] === "remembered" ? "remembered" : "not remembered"
      const seen = device.lastAuthenticatedDate?.toLocaleString() ?? "never"
      const details = document.createElement("span")
      details.className = "device-details"
      details.textContent = ` ${device.id === currentKey ? "(this device) " : ""}· ${status} · last sign-in ${seen} `
      const key = document.createElement("code")
      key.textContent = device.id
      const forget = document.createElement("button")
      forget.className = "forget-device"
      forget.textContent = "Forget"
      forget.addEventListener(
        "click",
        guarded(async () => {
          await forgetDevice({ device: { id: device.id } })
          setStatus(`Forgot device ${device.id}.`, "ok")
          await renderDevices(currentKey)
        })
      )
      item.append(name, details, key, forget)
      return item
    })
  )
  if (devices.length === 0) {
    const empty = document.createElement("li")
    empty.textContent = "No devices yet."
    list.replaceChildren(empty)
  }
}

/** The newest code for `username` in the emulator inbox (of one purpose, e.g. `FORGOT_PASSWORD`, if given). */
const readInbox = async (config: DemoConfig, username: string, purpose?: string) => {
  const query = new URLSearchParams({ username, ...(purpose === undefined ? {} : { purpose }) })
  const response = await fetch(`${config.endpoint}/_emulator/inbox?${query}`)
  const { messages } = (await response.json()) as { readonly messages: ReadonlyArray<{ readonly code: string }> }
  const latest = messages.at(-1)
  if (latest === undefined) throw new Error(`No message for ${username} in the emulator inbox yet.`)
  return latest.code
}

const main = async () => {
  const config = (await (await fetch("/config.json")).json()) as DemoConfig
  element("endpoint").textContent = config.endpoint
  element("pool").textContent = config.userPoolId
  HostedUi.install({ element, guarded, setStatus })
  Passkeys.install({ element, guarded, setStatus, showNextStep, signingIn: (username) => (pendingUsername = username) })
  const inbox = (username: string, purpose: string) => readInbox(config, username, purpose)
  PasswordReset.install({ element, guarded, setStatus, readInbox: inbox })
  Profile.install({ element, guarded, setStatus, readInbox: inbox, render })
  const oauth = HostedUi.oauth(config)
  Amplify.configure({
    Auth: {
      Cognito: {
        userPoolId: config.userPoolId,
        userPoolClientId: config.userPoolClientId,
        userPoolEndpoint: config.endpoint,
        loginWith: { email: true, ...(oauth === undefined ? {} : { oauth }) }
      }
    }
  })
  Hub.listen("auth", ({ payload }) => {
    element("events").textContent += `${new Date().toLocaleTimeString()} ${payload.event}\n`
  })

  onSubmit("sign-up-form", async (form) => {
    pendingUsername = field(form, "email")
    const { nextStep } = await signUp({
      username: pendingUsername,
      password: field(form, "password"),
      options: { userAttributes: { email: pendingUsername } }
    })
    element("confirm").hidden = nextStep.signUpStep !== "CONFIRM_SIGN_UP"
    const destination = nextStep.signUpStep === "CONFIRM_SIGN_UP" ? nextStep.codeDeliveryDetails.destination : undefined
    setStatus(`Signed up: ${nextStep.signUpStep}${destination === undefined ? "" : ` (code sent to ${destination})`}`, "ok")
  })
  element("read-inbox").addEventListener(
    "click",
    guarded(async () => {
      const form = element<HTMLFormElement>("confirm-form")
      ;(form.elements.namedItem("code") as HTMLInputElement).value = await readInbox(config, pendingUsername)
    })
  )
  element("resend").addEventListener(
    "click",
    guarded(async () => {
      const delivery = await resendSignUpCode({ username: pendingUsername })
      setStatus(`Code sent again to ${delivery.destination ?? "the user"}`, "ok")
    })
  )
  onSubmit("confirm-form", async (form) => {
    const { nextStep } = await confirmSignUp({ username: pendingUsername, confirmationCode: field(form, "code") })
    element("confirm").hidden = true
    setStatus(`Confirmed: ${nextStep.signUpStep}. You can sign in now.`, "ok")
  })
  onSubmit("sign-in-form", async (form) => {
    pendingUsername = field(form, "username")
    const { isSignedIn, nextStep } = await signIn({ username: pendingUsername, password: field(form, "password") })
    setStatus(`signIn → ${nextStep.signInStep}`, isSignedIn ? "ok" : "")
    await showNextStep(isSignedIn, nextStep)
  })
  onSubmit("challenge-form", (form) => answerChallenge(field(form, "answer")))
  element("challenge-inbox").addEventListener(
    "click",
    guarded(async () => {
      const form = element<HTMLFormElement>("challenge-form")
      ;(form.elements.namedItem("answer") as HTMLInputElement).value = await readInbox(config, pendingUsername)
    })
  )
  element("setup-totp").addEventListener(
    "click",
    guarded(async () => {
      const setup = await setUpTOTP()
      Mfa.showTotpSetup(element("totp-setup-details"), setup, (await getCurrentUser()).signInDetails?.loginId)
      element("totp-setup").hidden = false
      setStatus("Scan the QR code with an authenticator app, then enter its code.")
    })
  )
  onSubmit("totp-verify-form", async (form) => {
    await verifyTOTPSetup({ code: field(form, "code") })
    await updateMFAPreference({ totp: "PREFERRED" })
    form.reset()
    element("totp-setup").hidden = true
    await renderMfa()
    setStatus("TOTP is set up and preferred: the next sign-in asks for a code.", "ok")
  })
  element("refresh").addEventListener(
    "click",
    guarded(async () => {
      await fetchAuthSession({ forceRefresh: true })
      await render()
      setStatus("Session refreshed.", "ok")
    })
  )
  element("remember-device").addEventListener(
    "click",
    guarded(async () => {
      await rememberDevice()
      await render()
      setStatus("This device is remembered.", "ok")
    })
  )
  element("reload-devices").addEventListener("click", guarded(render))
  element("sign-out").addEventListener("click", guarded(async () => {
    await signOut()
    setStatus("Signed out.", "ok")
    await render()
  }))
  element("sign-out-global").addEventListener("click", guarded(async () => {
    await signOut({ global: true })
    setStatus("Signed out everywhere.", "ok")
    await render()
  }))
  await render()
  document.body.dataset["ready"] = "true"
}

main().catch((error: unknown) => setStatus(explain(error), "error"))
