/**
 * The demo page's profile: the signed-in user's attributes (e-mail and phone marked verified or
 * not), a form that updates the changed ones at once and shows each attribute's outcome, the code
 * step of an attribute Cognito verifies (enter, read from the inbox, send again), deleting an
 * attribute, changing the password, and deleting the account.
 */
import {
  confirmUserAttribute,
  deleteUser,
  deleteUserAttributes,
  fetchUserAttributes,
  Hub,
  sendUserAttributeVerificationCode,
  updatePassword,
  updateUserAttributes,
  type CodeDeliveryDetails,
  type FetchUserAttributesOutput,
  type VerifiableUserAttributeKey
} from "@cognito-effect/auth"

/** What the page lends this module. */
export interface Page {
  readonly element: <T extends HTMLElement = HTMLElement>(id: string) => T
  readonly guarded: (action: () => Promise<void>) => () => void
  readonly setStatus: (text: string, kind?: "ok" | "error" | "") => void
  /** the newest code of `purpose` in the emulator inbox for `username` */
  readonly readInbox: (username: string, purpose: string) => Promise<string>
  /** shows the page for whoever is signed in now (nobody, after the account is deleted) */
  readonly render: () => Promise<void>
}

const verifiable: ReadonlyArray<VerifiableUserAttributeKey> = ["email", "phone_number"]

/** Cognito sets these; the page shows the `_verified` ones as a badge beside the address. */
const serviceManaged = new Set(["sub", "identities", "email_verified", "phone_number_verified"])

/** The attributes as last read, and the attribute whose code the confirm form asks for. */
let current: FetchUserAttributesOutput = {}
let pending: VerifiableUserAttributeKey | undefined

const isVerifiable = (name: string): name is VerifiableUserAttributeKey => (verifiable as ReadonlyArray<string>).includes(name)

const sentTo = (details: CodeDeliveryDetails) => `the code sent to ${details.destination ?? "the user"} (${details.deliveryMedium ?? "?"})`

const button = (className: string, text: string, onClick: () => void) => {
  const element = document.createElement("button")
  element.type = "button"
  element.className = className
  element.textContent = text
  element.addEventListener("click", onClick)
  return element
}

/** Opens the code step for `attribute`. */
const askForCode = (page: Pick<Page, "element">, attribute: VerifiableUserAttributeKey, details: CodeDeliveryDetails) => {
  pending = attribute
  const form = page.element<HTMLFormElement>("attribute-confirm-form")
  form.reset()
  page.element("attribute-confirm-prompt").textContent = `Verify ${attribute}: enter ${sentTo(details)}.`
  form.hidden = false
}

const row = (page: Pick<Page, "element" | "guarded" | "setStatus">, name: string, value: string) => {
  const item = document.createElement("tr")
  item.dataset["attribute"] = name
  const label = document.createElement("th")
  label.textContent = name
  const shown = document.createElement("td")
  shown.className = "value"
  shown.textContent = value
  const status = document.createElement("td")
  const actions = document.createElement("td")
  actions.className = "actions"
  if (isVerifiable(name)) {
    const verified = current[`${name}_verified`] === "true"
    const badge = document.createElement("span")
    badge.className = `badge ${verified ? "verified" : "unverified"}`
    badge.textContent = verified ? "verified" : "not verified"
    badge.title = `${name}_verified = ${current[`${name}_verified`] ?? "(unset)"}`
    status.append(badge)
    if (!verified) {
      actions.append(
        button("verify-attribute", "Verify", page.guarded(async () => {
          const details = await sendUserAttributeVerificationCode({ userAttributeKey: name })
          askForCode(page, name, details)
          page.setStatus(`Code for ${name} sent to ${details.destination ?? "the user"}.`, "ok")
        }))
      )
    }
  }
  // The demo pool signs in with the e-mail address, and requires it.
  if (!serviceManaged.has(name) && name !== "email") {
    actions.append(
      button("delete-attribute", "Delete", page.guarded(async () => {
        await deleteUserAttributes({ userAttributeKeys: [name] })
        await render(page)
        page.setStatus(`Deleted ${name}.`, "ok")
      }))
    )
  }
  item.append(label, shown, status, actions)
  return item
}

/** Reads the attributes and shows them, in the table and in the edit form. */
export const render = async (page: Pick<Page, "element" | "guarded" | "setStatus">): Promise<void> => {
  current = await fetchUserAttributes()
  const rows = Object.entries(current)
    .filter(([name]) => !name.endsWith("_verified"))
    .map(([name, value]) => row(page, name, value ?? ""))
  page.element("attributes").replaceChildren(...rows)
  for (const input of page.element<HTMLFormElement>("attributes-form").querySelectorAll("input")) {
    input.value = current[input.name] ?? ""
  }
}

/** One line per attribute sent: `DONE`, or where its code went. */
const showResults = (page: Pick<Page, "element">, output: Awaited<ReturnType<typeof updateUserAttributes>>) => {
  page.element("attribute-results").replaceChildren(
    ...Object.entries(output).map(([name, result]) => {
      const item = document.createElement("li")
      item.dataset["attribute"] = name
      const step = result?.nextStep
      item.textContent = step?.updateAttributeStep === "CONFIRM_ATTRIBUTE_WITH_CODE"
        ? `${name}: ${step.updateAttributeStep}: enter ${sentTo(step.codeDeliveryDetails)}`
        : `${name}: ${step?.updateAttributeStep ?? "?"}`
      return item
    })
  )
}

/** Wires the profile's forms. */
export const install = (page: Page): void => {
  const form = page.element<HTMLFormElement>("attributes-form")
  form.addEventListener("submit", (event) => {
    event.preventDefault()
    page.guarded(async () => {
      // Only what was changed is sent; clearing a field is not a delete (the row's Delete is).
      const changed = Object.fromEntries(
        [...form.querySelectorAll("input")]
          .map((input) => [input.name, input.value.trim()] as const)
          .filter(([name, value]) => value !== "" && value !== (current[name] ?? ""))
      )
      if (Object.keys(changed).length === 0) return page.setStatus("Nothing changed.")
      const output = await updateUserAttributes({ userAttributes: changed })
      showResults(page, output)
      const steps = Object.entries(output).map(([name, result]) => `${name}: ${result?.nextStep.updateAttributeStep ?? "?"}`)
      const waiting = Object.entries(output).find(([, result]) => result?.nextStep.updateAttributeStep === "CONFIRM_ATTRIBUTE_WITH_CODE")
      await render(page)
      page.setStatus(`updateUserAttributes → ${steps.join(", ")}`, "ok")
      const step = waiting?.[1]?.nextStep
      if (waiting !== undefined && isVerifiable(waiting[0]) && step?.updateAttributeStep === "CONFIRM_ATTRIBUTE_WITH_CODE") {
        askForCode(page, waiting[0], step.codeDeliveryDetails)
      }
    })()
  })

  const confirm = page.element<HTMLFormElement>("attribute-confirm-form")
  const code = confirm.elements.namedItem("code") as HTMLInputElement
  page.element("attribute-inbox").addEventListener(
    "click",
    page.guarded(async () => {
      // The user's `sub` finds their messages whatever their e-mail is at the moment.
      code.value = await page.readInbox(current["sub"] ?? "", "VERIFY_ATTRIBUTE")
    })
  )
  page.element("attribute-resend").addEventListener(
    "click",
    page.guarded(async () => {
      if (pending === undefined) return
      const details = await sendUserAttributeVerificationCode({ userAttributeKey: pending })
      askForCode(page, pending, details)
      page.setStatus(`Code for ${pending} sent again to ${details.destination ?? "the user"}.`, "ok")
    })
  )
  confirm.addEventListener("submit", (event) => {
    event.preventDefault()
    page.guarded(async () => {
      if (pending === undefined) return
      await confirmUserAttribute({ userAttributeKey: pending, confirmationCode: code.value.trim() })
      const verified = pending
      pending = undefined
      confirm.hidden = true
      await render(page)
      // The status comes last: a page (or a test) that sees it sees the table it describes.
      page.setStatus(`${verified} verified.`, "ok")
    })()
  })

  const passwords = page.element<HTMLFormElement>("password-form")
  passwords.addEventListener("submit", (event) => {
    event.preventDefault()
    page.guarded(async () => {
      const field = (name: string) => (passwords.elements.namedItem(name) as HTMLInputElement).value
      await updatePassword({ oldPassword: field("oldPassword"), newPassword: field("newPassword") })
      passwords.reset()
      page.setStatus("Password changed: the next sign-in uses the new one.", "ok")
    })()
  })

  const removal = page.element<HTMLFormElement>("delete-user-form")
  removal.addEventListener("submit", (event) => {
    event.preventDefault()
    page.guarded(async () => {
      await deleteUser()
      removal.reset()
      page.setStatus("Account deleted; you are signed out.", "ok")
      await page.render()
    })()
  })

  // Nothing of one user's profile is left on the page for the next one.
  Hub.listen("auth", ({ payload }) => {
    if (payload.event !== "signedOut") return
    page.element("attribute-results").replaceChildren()
    confirm.hidden = true
    pending = undefined
  })
}
