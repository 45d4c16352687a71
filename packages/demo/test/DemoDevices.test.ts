/**
 * The demo page's devices list in Chromium: a sign-in confirms the browser as a device, the page
 * lists it as this device, remembers it, sees a second browser's device and forgets that one by id.
 */
import type { Page } from "playwright-core"
import { describe, expect, it } from "vitest"
import { demoSeed } from "../src/DemoSeed.js"
import { browser, demo, emulator, useDemo } from "./DemoFixture.js"


const admin = async (operation: string, body: unknown) => {
  const response = await fetch(emulator.endpoint, {
    method: "POST",
    headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": `AWSCognitoIdentityProviderService.${operation}` },
    body: JSON.stringify(body)
  })
  if (response.status !== 200) throw new Error(`${operation}: ${await response.text()}`)
}

useDemo({ seed: demoSeed })

/** A fresh browser (its own localStorage) signed in on the demo page. */
const signedInPage = async (email: string, password: string, errors: Array<string>): Promise<Page> => {
  const context = await browser.newContext()
  const page = await context.newPage()
  page.on("pageerror", (error) => errors.push(error.message))
  await page.goto(demo.url)
  await page.waitForSelector("body[data-ready=true]")
  await page.fill("#sign-in-form input[name=username]", email)
  await page.fill("#sign-in-form input[name=password]", password)
  await page.click("#sign-in-form button[type=submit]")
  await page.waitForSelector("#signed-in:not([hidden])")
  return page
}

const listed = (page: Page) => page.$$eval("#devices li[data-device-id]", (items) => items.map((item) => item.textContent ?? ""))

describe("demo page devices", () => {
  it("lists this device, remembers it, and forgets another browser's device by id", async () => {
    const email = `devices-${Date.now()}@example.com`
    const password = "Browser-passw0rd!"
    await admin("AdminCreateUser", {
      UserPoolId: emulator.userPoolId,
      Username: email,
      MessageAction: "SUPPRESS",
      UserAttributes: [{ Name: "email", Value: email }, { Name: "email_verified", Value: "true" }]
    })
    await admin("AdminSetUserPassword", { UserPoolId: emulator.userPoolId, Username: email, Password: password, Permanent: true })
    const errors: Array<string> = []

    const laptop = await signedInPage(email, password, errors)
    await expect.poll(() => listed(laptop)).toHaveLength(1)
    const [own] = await listed(laptop)
    expect(own).toContain("(this device)")
    expect(own).toContain("not remembered")
    const ownId = await laptop.getAttribute("#devices li[data-device-id]", "data-device-id")
    expect(ownId).toMatch(/^us-east-1_[0-9a-f-]{36}$/)

    await laptop.click("#remember-device")
    await expect.poll(() => laptop.textContent("#status")).toContain("This device is remembered.")
    expect((await listed(laptop))[0]).toMatch(/· remembered ·/)

    const phone = await signedInPage(email, password, errors)
    await expect.poll(() => listed(phone)).toHaveLength(2)

    await laptop.click("#reload-devices")
    await expect.poll(() => listed(laptop)).toHaveLength(2)
    const other = laptop.locator(`#devices li[data-device-id]:not([data-device-id="${ownId}"])`)
    const otherId = await other.getAttribute("data-device-id")
    await other.locator("button.forget-device").click()
    await expect.poll(() => laptop.textContent("#status")).toContain(`Forgot device ${otherId}.`)
    await expect.poll(() => listed(laptop)).toHaveLength(1)
    expect(await laptop.getAttribute("#devices li[data-device-id]", "data-device-id")).toBe(ownId)

    expect(errors).toEqual([])
    await laptop.context().close()
    await phone.context().close()
  })
})
