/**
 * MFA on the demo page in Chromium: a signed-in user sets up TOTP (the page shows the otpauth URI
 * and its QR code, the code computed here from the secret on the page), signs out, and signs in
 * again with a TOTP code; a user with two factors picks one with the selection buttons and answers
 * with the code the page reads from the emulator inbox; in a pool that requires MFA, sign-in sets
 * up TOTP from the QR code shown in the challenge.
 */
import * as Totp from "@cognito-effect/domain/Totp"
import * as Option from "effect/Option"
import * as QrCodeModule from "qrcode-generator"
import { describe, expect, it } from "vitest"
import { start } from "@cognito-effect/emulator/Server"
import { startDemoServer } from "../src/DemoServer.js"
import { admin, createUser, emulator, openPage, submitSignIn, useDemo } from "./DemoFixture.js"

// The package's typings describe its CommonJS `export =`; its ESM build exports the factory as `default`.
const qrcode = (QrCodeModule as unknown as { readonly default: typeof QrCodeModule }).default

const password = "Browser-passw0rd!"

useDemo()

/** The authenticator app: the current code of a base32 secret on the emulator's clock. */
const totp = (secret: string) =>
  Totp.generate(Option.getOrThrow(Totp.base32Decode(secret)), Math.floor(emulator.clock.unsafeCurrentTimeMillis() / 1000))

describe("MFA on the demo page", () => {
  it("sets up TOTP with a QR code, then signs in again with a TOTP code", async () => {
    const { page, errors } = await openPage()
    const email = `totp-browser-${Date.now()}@example.com`
    await createUser(email, password)
    await submitSignIn(page, email, password)
    await page.waitForSelector("#signed-in:not([hidden])")
    await expect.poll(() => page.textContent("#mfa-enabled")).toBe("none")

    await page.click("#setup-totp")
    await page.waitForSelector("#totp-setup:not([hidden]) img.totp-qr")
    const secret = (await page.textContent("#totp-setup-details .totp-secret"))!
    expect(secret).toMatch(/^[A-Z2-7]{52}$/)
    const uri = (await page.textContent("#totp-setup-details .totp-uri"))!
    expect(uri).toBe(`otpauth://totp/cognito-effect%20demo:${email}?secret=${secret}&issuer=cognito-effect%20demo`)
    // The image is the QR code of exactly that URI, and the browser decoded it.
    const qr = qrcode(0, "M")
    qr.addData(uri)
    qr.make()
    expect(await page.getAttribute("#totp-setup-details img.totp-qr", "src")).toBe(qr.createDataURL(4, 4))
    expect(await page.$eval("#totp-setup-details img.totp-qr", (image) => (image as HTMLImageElement).naturalWidth)).toBeGreaterThan(100)

    await page.fill("#totp-verify-form input[name=code]", totp(secret))
    await page.click("#totp-verify-form button[type=submit]")
    await expect.poll(() => page.textContent("#status")).toContain("TOTP is set up and preferred")
    expect(await page.textContent("#mfa-enabled")).toBe("TOTP")
    expect(await page.textContent("#mfa-preferred")).toBe("TOTP")

    await page.click("#sign-out")
    await page.waitForSelector("#signed-out:not([hidden])")
    // A TOTP code counts once: the next sign-in uses the next 30-second step.
    emulator.clock.adjust("30 seconds")
    await submitSignIn(page, email, password)
    await page.waitForSelector("#challenge:not([hidden])")
    expect(await page.textContent("#challenge-step")).toBe("CONFIRM_SIGN_IN_WITH_TOTP_CODE")
    expect(await page.textContent("#challenge-label")).toBe("Authenticator code")
    await page.fill("#challenge-form input[name=answer]", totp(secret))
    await page.click("#challenge-form button[type=submit]")
    await page.waitForSelector("#signed-in:not([hidden])")
    expect(await page.textContent("#events")).toContain("signedIn")
    expect(errors).toEqual([])
    await page.context().close()
  })

  it("chooses a factor with the selection buttons and reads the e-mail code from the inbox", async () => {
    const { page, errors } = await openPage()
    const email = `pick-browser-${Date.now()}@example.com`
    await createUser(email, password, { attributes: { phone_number: "+15555550142" } })
    await admin("AdminSetUserMFAPreference", {
      UserPoolId: emulator.userPoolId,
      Username: email,
      SMSMfaSettings: { Enabled: true },
      EmailMfaSettings: { Enabled: true }
    })
    await submitSignIn(page, email, password)
    await page.waitForSelector("#challenge-choices:not([hidden])")
    expect(await page.textContent("#challenge-step")).toBe("CONTINUE_SIGN_IN_WITH_MFA_SELECTION")
    expect(await page.$$eval("#challenge-choices button", (buttons) => buttons.map((button) => button.textContent))).toEqual(["SMS", "EMAIL"])
    await page.click("#challenge-choices button[data-mfa=EMAIL]")
    await expect.poll(() => page.textContent("#challenge-step")).toBe("CONFIRM_SIGN_IN_WITH_EMAIL_CODE")
    expect(await page.isHidden("#challenge-choices")).toBe(true)
    await page.click("#challenge-inbox")
    await expect.poll(() => page.inputValue("#challenge-form input[name=answer]")).toBe(emulator.latestCode(email, "EMAIL_OTP"))
    await page.click("#challenge-form button[type=submit]")
    await page.waitForSelector("#signed-in:not([hidden])")
    expect(await page.textContent("#mfa-enabled")).toBe("SMS, EMAIL")
    expect(errors).toEqual([])
    await page.context().close()
  })

  it("sets up TOTP during sign-in when the pool requires MFA: choice buttons, then the QR code", async () => {
    const required = await start({
      port: 0,
      seed: {
        UserPools: [
          {
            PoolName: "required",
            UsernameAttributes: ["email"],
            MfaConfiguration: "ON",
            SoftwareTokenMfaConfiguration: { Enabled: true },
            EmailMfaConfiguration: {},
            Clients: [{ ClientName: "web", ExplicitAuthFlows: ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] }],
            Users: [{ Username: "setup@example.com", Password: password }]
          }
        ]
      }
    })
    const requiredDemo = await startDemoServer(required)
    try {
      const { page, errors } = await openPage(requiredDemo.url)
      await submitSignIn(page, "setup@example.com", password)
      await page.waitForSelector("#challenge-choices:not([hidden])")
      expect(await page.textContent("#challenge-step")).toBe("CONTINUE_SIGN_IN_WITH_MFA_SETUP_SELECTION")
      await page.click("#challenge-choices button[data-mfa=TOTP]")
      await page.waitForSelector("#challenge-totp:not([hidden]) img.totp-qr")
      expect(await page.textContent("#challenge-step")).toBe("CONTINUE_SIGN_IN_WITH_TOTP_SETUP")
      const secret = (await page.textContent("#challenge-totp .totp-secret"))!
      expect(await page.textContent("#challenge-totp .totp-uri")).toBe(
        `otpauth://totp/cognito-effect%20demo:setup@example.com?secret=${secret}&issuer=cognito-effect%20demo`
      )
      const code = Totp.generate(Option.getOrThrow(Totp.base32Decode(secret)), Math.floor(required.clock.unsafeCurrentTimeMillis() / 1000))
      await page.fill("#challenge-form input[name=answer]", code)
      await page.click("#challenge-form button[type=submit]")
      await page.waitForSelector("#signed-in:not([hidden])")
      expect(await page.textContent("#mfa-preferred")).toBe("TOTP")
      expect(errors).toEqual([])
      await page.context().close()
    } finally {
      await requiredDemo.close()
      await required.stop()
    }
  })
})
