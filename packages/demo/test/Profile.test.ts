/**
 * The demo page's profile in Chromium: a signed-in user edits attributes (name and a custom one:
 * `DONE`), deletes one, changes the e-mail (a code is needed: sent again, read from the emulator
 * inbox, verified), changes the password and signs in with it and the new e-mail, then deletes
 * the account, after which signing in fails on the page with Cognito's error.
 */
import type { Page } from "playwright-core"
import { describe, expect, it } from "vitest"
import { demoSeed } from "../src/DemoSeed.js"
import { createUser, emulator, openPage, submitSignIn, useDemo } from "./DemoFixture.js"

useDemo({ seed: demoSeed })

const password = "Browser-passw0rd!"
const newPassword = "N3w-browser-passw0rd!"

/** The attribute table as `{name: value}`. */
const table = (page: Page) =>
  page.$$eval("#attributes tr[data-attribute]", (rows) =>
    Object.fromEntries(rows.map((row) => [(row as HTMLElement).dataset["attribute"], row.querySelector("td.value")?.textContent ?? ""]))
  )
const badge = (page: Page, attribute: string) => page.textContent(`#attributes tr[data-attribute="${attribute}"] .badge`)
const result = (page: Page, attribute: string) => page.textContent(`#attribute-results li[data-attribute="${attribute}"]`)

describe("demo page profile", () => {
  it("edits attributes, verifies a new e-mail with the inbox code, changes the password, deletes the account", async () => {
    const email = `profile-${Date.now()}@example.com`
    const changed = `changed-${Date.now()}@example.org`
    await createUser(email, password)
    const { page, errors } = await openPage()
    await submitSignIn(page, email, password)
    await page.waitForSelector("#signed-in:not([hidden])")
    await expect.poll(() => table(page)).toMatchObject({ email })
    expect(await badge(page, "email")).toBe("verified")
    expect(await page.inputValue("#attributes-form input[name=email]")).toBe(email)

    // Two attributes in one update, each DONE.
    await page.fill("#attributes-form input[name=name]", "Ada Lovelace")
    await page.fill('#attributes-form input[name="custom:favorite_color"]', "teal")
    await page.click("#attributes-form button[type=submit]")
    await expect.poll(() => result(page, "name")).toBe("name: DONE")
    expect(await result(page, "custom:favorite_color")).toBe("custom:favorite_color: DONE")
    await expect.poll(() => table(page)).toMatchObject({ email, name: "Ada Lovelace", "custom:favorite_color": "teal" })

    await page.click('#attributes tr[data-attribute="custom:favorite_color"] button.delete-attribute')
    await expect.poll(() => page.textContent("#status")).toBe("Deleted custom:favorite_color.")
    expect(Object.keys(await table(page))).not.toContain("custom:favorite_color")

    // A new e-mail waits for its code: sent, sent again, read from the inbox, verified.
    await page.fill("#attributes-form input[name=email]", changed)
    await page.click("#attributes-form button[type=submit]")
    await expect.poll(() => result(page, "email")).toBe("email: CONFIRM_ATTRIBUTE_WITH_CODE: enter the code sent to c***@e*** (EMAIL)")
    await page.waitForSelector("#attribute-confirm-form:not([hidden])")
    expect(await page.textContent("#attribute-confirm-prompt")).toBe("Verify email: enter the code sent to c***@e*** (EMAIL).")
    expect(emulator.inbox(changed, { purpose: "VERIFY_ATTRIBUTE" })).toHaveLength(1)
    await page.click("#attribute-resend")
    await expect.poll(() => page.textContent("#status")).toBe("Code for email sent again to c***@e***.")
    expect(emulator.inbox(changed, { purpose: "VERIFY_ATTRIBUTE" })).toHaveLength(2)
    await page.click("#attribute-inbox")
    await expect.poll(() => page.inputValue("#attribute-confirm-form input[name=code]")).toBe(emulator.latestCode(changed, "VERIFY_ATTRIBUTE"))
    await page.click("#attribute-confirm-form button[type=submit]")
    await expect.poll(() => page.textContent("#status")).toBe("email verified.")
    await expect.poll(() => table(page)).toMatchObject({ email: changed })
    expect(await badge(page, "email")).toBe("verified")
    expect(await page.isHidden("#attribute-confirm-form")).toBe(true)

    await page.fill("#password-form input[name=oldPassword]", password)
    await page.fill("#password-form input[name=newPassword]", newPassword)
    await page.click("#password-form button[type=submit]")
    await expect.poll(() => page.textContent("#status")).toBe("Password changed: the next sign-in uses the new one.")
    await page.click("#sign-out")
    await page.waitForSelector("#signed-out:not([hidden])")
    await submitSignIn(page, changed, newPassword)
    await page.waitForSelector("#signed-in:not([hidden])")
    await expect.poll(() => table(page)).toMatchObject({ email: changed, name: "Ada Lovelace" })

    await page.check("#delete-user-form input[name=sure]")
    await page.click("#delete-user-form button[type=submit]")
    await page.waitForSelector("#signed-out:not([hidden])")
    expect(await page.textContent("#status")).toBe("Account deleted; you are signed out.")
    expect(await page.textContent("#events")).toContain("signedOut")
    await submitSignIn(page, changed, newPassword)
    await expect.poll(() => page.getAttribute("#status", "class")).toBe("error")
    expect(await page.textContent("#status")).toMatch(/^NotAuthorizedException: /)
    expect(errors).toEqual([])
    await page.context().close()
  })
})
