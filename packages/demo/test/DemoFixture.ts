/**
 * Test support for the browser tests: an emulator, the demo server on it and Chromium, started
 * once per test file by `useDemo()` and stopped after it. The bindings are live: read them inside
 * tests, after `beforeAll` ran. Also: users made with the admin API, and a fresh page.
 */
import { start, type Running, type StartOptions } from "@cognito-effect/emulator/Server"
import type { Browser, Page } from "playwright-core"
import { afterAll, beforeAll } from "vitest"
import { type DemoServer, startDemoServer } from "../src/DemoServer.js"
import { launch } from "./Browser.js"

export let emulator: Running
export let demo: DemoServer
export let browser: Browser

export const useDemo = (options: StartOptions = {}) => {
  beforeAll(async () => {
    emulator = await start({ port: 0, ...options })
    demo = await startDemoServer(emulator)
    browser = await launch()
  }, 60_000)
  afterAll(async () => {
    await browser?.close()
    await demo?.close()
    await emulator?.stop()
  })
}

/** Calls an admin operation of the emulator over HTTP; a failure throws with Cognito's answer. */
export const admin = async (operation: string, body: unknown): Promise<void> => {
  const response = await fetch(emulator.endpoint, {
    method: "POST",
    headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": `AWSCognitoIdentityProviderService.${operation}` },
    body: JSON.stringify(body)
  })
  if (response.status !== 200) throw new Error(`${operation}: ${await response.text()}`)
}

/** A confirmed user of the first pool, e-mail verified, with a permanent password. */
export const createUser = async (email: string, password: string): Promise<void> => {
  await admin("AdminCreateUser", {
    UserPoolId: emulator.userPoolId,
    Username: email,
    MessageAction: "SUPPRESS",
    UserAttributes: [{ Name: "email", Value: email }, { Name: "email_verified", Value: "true" }]
  })
  await admin("AdminSetUserPassword", { UserPoolId: emulator.userPoolId, Username: email, Password: password, Permanent: true })
}

/** The demo page in a fresh browser context, ready; uncaught page errors collect in `errors`. */
export const openPage = async (): Promise<{ readonly page: Page; readonly errors: Array<string> }> => {
  const page = await (await browser.newContext()).newPage()
  const errors: Array<string> = []
  page.on("pageerror", (error) => errors.push(error.message))
  await page.goto(demo.url)
  await page.waitForSelector("body[data-ready=true]")
  return { page, errors }
}

/** Fills and submits the sign-in form. */
export const submitSignIn = async (page: Page, username: string, password: string): Promise<void> => {
  await page.fill("#sign-in-form input[name=username]", username)
  await page.fill("#sign-in-form input[name=password]", password)
  await page.click("#sign-in-form button[type=submit]")
}
