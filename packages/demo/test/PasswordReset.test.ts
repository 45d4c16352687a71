/**
 * "Forgot password?" on the demo page in Chromium: the reset code goes to the e-mail the page
 * names (masked), a wrong code shows Cognito's CodeMismatchException, the code read from the
 * emulator inbox sets the new password, and the prepared sign-in form signs in with it.
 */
import { describe, expect, it } from "vitest"
import { demoSeed } from "../src/DemoSeed.js"
import { createUser, emulator, openPage, useDemo } from "./DemoFixture.js"

useDemo({ seed: demoSeed })

describe("demo page password reset", () => {
  it("resets the password with the inbox code after a wrong one, then signs in with the new password", async () => {
    const email = `reset-${Date.now()}@example.com`
    const newPassword = "N3w-browser-passw0rd!"
    await createUser(email, "Browser-passw0rd!")
    const { page, errors } = await openPage()

    await page.fill("#sign-in-form input[name=username]", email)
    await page.click("#forgot-password")
    await page.waitForSelector("#reset:not([hidden])")
    expect(await page.inputValue("#reset-form input[name=username]")).toBe(email)
    await page.click("#reset-form button[type=submit]")
    await page.waitForSelector("#reset-confirm-form:not([hidden])")
    expect(await page.textContent("#status")).toBe("resetPassword → CONFIRM_RESET_PASSWORD_WITH_CODE")
    expect(await page.textContent("#reset-destination")).toBe("Enter the code sent to r***@e*** (EMAIL) and a new password.")

    const code = emulator.latestCode(email, "FORGOT_PASSWORD")!
    expect(code).toMatch(/^\d{6}$/)
    await page.fill("#reset-confirm-form input[name=code]", code === "000000" ? "111111" : "000000")
    await page.fill("#reset-confirm-form input[name=newPassword]", newPassword)
    await page.click("#reset-confirm-form button[type=submit]")
    await expect.poll(() => page.textContent("#status")).toMatch(/^CodeMismatchException: /)
    expect(await page.getAttribute("#status", "class")).toBe("error")

    await page.click("#reset-inbox")
    await expect.poll(() => page.inputValue("#reset-confirm-form input[name=code]")).toBe(code)
    await page.click("#reset-confirm-form button[type=submit]")
    await expect.poll(() => page.textContent("#status")).toBe("Password reset: sign in with the new password.")
    expect(await page.isHidden("#reset")).toBe(true)
    expect(await page.inputValue("#sign-in-form input[name=username]")).toBe(email)
    expect(await page.inputValue("#sign-in-form input[name=password]")).toBe("")

    await page.fill("#sign-in-form input[name=password]", newPassword)
    await page.click("#sign-in-form button[type=submit]")
    await page.waitForSelector("#signed-in:not([hidden])")
    expect(await page.textContent("#user-details")).toContain(email)
    expect(errors).toEqual([])
    await page.context().close()
  })
})
