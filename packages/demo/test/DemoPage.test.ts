/**
 * The demo page in Chromium: the facade bundled for the browser (BigInt SRP, localStorage,
 * sessionStorage) signs up, confirms with the code from the emulator inbox, signs in, shows the
 * user, survives a reload signed in, and signs out.
 */
import { describe, expect, it } from "vitest"
import { emulator, openPage, submitSignIn, useDemo } from "./DemoFixture.js"

useDemo()

describe("demo page", () => {
  it("signs up, confirms from the inbox, signs in with SRP, reloads signed in, signs out", async () => {
    const { page, errors } = await openPage()
    const email = `browser-${Date.now()}@example.com`
    const password = "Browser-passw0rd!"

    await page.fill("#sign-up-form input[name=email]", email)
    await page.fill("#sign-up-form input[name=password]", password)
    await page.click("#sign-up-form button[type=submit]")
    await expect.poll(() => page.textContent("#status")).toContain("CONFIRM_SIGN_UP")

    await page.click("#read-inbox")
    await expect.poll(() => page.inputValue("#confirm-form input[name=code]")).toMatch(/^\d{6}$/)
    expect(await page.inputValue("#confirm-form input[name=code]")).toBe(emulator.latestCode(email, "SIGN_UP"))
    await page.click("#confirm-form button[type=submit]")
    await expect.poll(() => page.textContent("#status")).toContain("Confirmed: DONE")

    await submitSignIn(page, email, password)
    await page.waitForSelector("#signed-in:not([hidden])")
    expect(await page.textContent("#user-details")).toContain("USER_SRP_AUTH")
    expect(await page.textContent("#events")).toContain("signedIn")

    // Tokens are in localStorage under Amplify's keys, so a reload stays signed in.
    const keys = await page.evaluate(() => Object.keys(localStorage))
    expect(keys.some((key) => key.startsWith(`CognitoIdentityServiceProvider.${emulator.userPoolClientId}.`) && key.endsWith(".accessToken"))).toBe(true)
    await page.reload()
    await page.waitForSelector("body[data-ready=true]")
    await page.waitForSelector("#signed-in:not([hidden])")

    await page.click("#sign-out")
    await page.waitForSelector("#signed-out:not([hidden])")
    expect(errors).toEqual([])
    await page.context().close()
  })
})
