/**
 * The demo page's devices list in Chromium: a sign-in confirms the browser as a device, the page
 * lists it as this device, remembers it, sees a second browser's device and forgets that one by id.
 */
import type { Page } from "playwright-core"
import { describe, expect, it } from "vitest"
import { demoSeed } from "../src/DemoSeed.js"
import { createUser, openPage, submitSignIn, useDemo } from "./DemoFixture.js"

useDemo({ seed: demoSeed })

/** A fresh browser (its own localStorage) signed in on the demo page. */
const signedInPage = async (email: string, password: string) => {
  const { page, errors } = await openPage()
  await submitSignIn(page, email, password)
  await page.waitForSelector("#signed-in:not([hidden])")
  return { page, errors }
}

const listed = (page: Page) => page.$$eval("#devices li[data-device-id]", (items) => items.map((item) => item.textContent ?? ""))

describe("demo page devices", () => {
  it("lists this device, remembers it, and forgets another browser's device by id", async () => {
    const email = `devices-${Date.now()}@example.com`
    const password = "Browser-passw0rd!"
    await createUser(email, password)

    const { page: laptop, errors: laptopErrors } = await signedInPage(email, password)
    await expect.poll(() => listed(laptop)).toHaveLength(1)
    const [own] = await listed(laptop)
    expect(own).toContain("(this device)")
    expect(own).toContain("not remembered")
    const ownId = await laptop.getAttribute("#devices li[data-device-id]", "data-device-id")
    expect(ownId).toMatch(/^us-east-1_[0-9a-f-]{36}$/)

    await laptop.click("#remember-device")
    await expect.poll(() => laptop.textContent("#status")).toContain("This device is remembered.")
    expect((await listed(laptop))[0]).toMatch(/· remembered ·/)

    const { page: phone, errors: phoneErrors } = await signedInPage(email, password)
    await expect.poll(() => listed(phone)).toHaveLength(2)

    await laptop.click("#reload-devices")
    await expect.poll(() => listed(laptop)).toHaveLength(2)
    const other = laptop.locator(`#devices li[data-device-id]:not([data-device-id="${ownId}"])`)
    const otherId = await other.getAttribute("data-device-id")
    await other.locator("button.forget-device").click()
    await expect.poll(() => laptop.textContent("#status")).toContain(`Forgot device ${otherId}.`)
    await expect.poll(() => listed(laptop)).toHaveLength(1)
    expect(await laptop.getAttribute("#devices li[data-device-id]", "data-device-id")).toBe(ownId)

    expect([...laptopErrors, ...phoneErrors]).toEqual([])
    await laptop.context().close()
    await phone.context().close()
  })
})
