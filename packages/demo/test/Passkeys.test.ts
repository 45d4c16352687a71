/**
 * Passkeys on the demo page in Chromium, with a CDP virtual authenticator (an internal, resident,
 * user-verifying one, as a phone or laptop has): the user signs in with an e-mail code, registers
 * a passkey, signs out and signs back in with the passkey — no password typed at any point.
 *
 * WebAuthn refuses IP addresses as relying parties, so the page is opened at `localhost`, the
 * pool's relying party.
 */
import type { CDPSession } from "playwright-core"
import { describe, expect, it } from "vitest"
import { demoSeed } from "../src/DemoSeed.js"
import { createUser, demo, openPage, useDemo } from "./DemoFixture.js"

useDemo({ seed: demoSeed })

const virtualAuthenticator = async (cdp: CDPSession) => {
  await cdp.send("WebAuthn.enable")
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: { protocol: "ctap2", transport: "internal", hasResidentKey: true, hasUserVerification: true, isUserVerified: true }
  })
  return authenticatorId
}

describe("demo page passkeys", () => {
  it("registers a passkey with a virtual authenticator and signs in with it, no password typed", async () => {
    const email = `passkey-${Date.now()}@example.com`
    await createUser(email, "Unused-passw0rd!")

    const { page, errors } = await openPage(demo.url.replace("127.0.0.1", "localhost"))
    const cdp = await page.context().newCDPSession(page)
    const authenticatorId = await virtualAuthenticator(cdp)
    expect(await page.evaluate(() => window.isSecureContext)).toBe(true)

    // No passkey yet: the choice of factors is offered; the e-mail code signs the user in.
    await page.fill("#passkey-sign-in-form input[name=username]", email)
    await page.click("#passkey-sign-in-form button[type=submit]")
    await expect.poll(() => page.textContent("#challenge-step")).toBe("CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION")
    await page.click("#challenge-choices button[data-mfa=EMAIL_OTP]")
    await expect.poll(() => page.textContent("#challenge-step")).toBe("CONFIRM_SIGN_IN_WITH_EMAIL_CODE")
    await page.click("#challenge-inbox")
    await expect.poll(() => page.inputValue("#challenge-form input[name=answer]")).toMatch(/^\d{6}$/)
    await page.click("#challenge-form button[type=submit]")
    await page.waitForSelector("#signed-in:not([hidden])")

    await page.click("#register-passkey")
    await expect.poll(() => page.textContent("#status")).toContain("Passkey registered")
    await expect.poll(() => page.locator("#passkeys li[data-credential-id]").count()).toBe(1)
    const [credential] = (await cdp.send("WebAuthn.getCredentials", { authenticatorId })).credentials
    expect(credential?.rpId).toBe("localhost")
    expect(credential?.isResidentCredential).toBe(true)
    expect(await page.getAttribute("#passkeys li", "data-credential-id")).toBe(credential?.credentialId.replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, ""))

    await page.click("#sign-out")
    await page.waitForSelector("#signed-out:not([hidden])")
    await page.fill("#passkey-sign-in-form input[name=username]", email)
    await page.click("#passkey-sign-in-form button[type=submit]")
    await page.waitForSelector("#signed-in:not([hidden])")
    expect(await page.textContent("#user-details")).toContain("USER_AUTH")
    expect(await page.textContent("#status")).toContain("DONE")
    const [used] = (await cdp.send("WebAuthn.getCredentials", { authenticatorId })).credentials
    expect(used?.signCount).toBeGreaterThan(credential?.signCount ?? 0)

    // The user fails verification: the browser says NotAllowedError, the page shows Amplify's name.
    await page.click("#sign-out")
    await page.waitForSelector("#signed-out:not([hidden])")
    await cdp.send("WebAuthn.setUserVerified", { authenticatorId, isUserVerified: false })
    await page.fill("#passkey-sign-in-form input[name=username]", email)
    await page.click("#passkey-sign-in-form button[type=submit]")
    await expect
      .poll(() => page.textContent("#status"))
      .toBe("PasskeyAuthenticationCanceled: Passkey authentication ceremony has been canceled.")
    expect(await page.isHidden("#signed-in")).toBe(true)

    expect(errors).toEqual([])
    await page.context().close()
  }, 60_000)
})
