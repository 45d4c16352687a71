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

/**
 * Calls an operation of the emulator (the file's, or `on`) over HTTP; a failure throws with
 * Cognito's answer.
 */
export const admin = async (operation: string, body: unknown, on: Running = emulator): Promise<void> => {
  const response = await fetch(on.endpoint, {
    method: "POST",
    headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": `AWSCognitoIdentityProviderService.${operation}` },
    body: JSON.stringify(body)
  })
  if (response.status !== 200) throw new Error(`${operation}: ${await response.text()}`)
}

/**
 * A confirmed user of the first pool (of the file's emulator, or `on`), e-mail verified, with a
 * permanent password and any further `attributes`.
 */
export const createUser = async (
  email: string,
  password: string,
  options: { readonly attributes?: Record<string, string>; readonly on?: Running } = {}
): Promise<void> => {
  const on = options.on ?? emulator
  await admin("AdminCreateUser", {
    UserPoolId: on.userPoolId,
    Username: email,
    MessageAction: "SUPPRESS",
    UserAttributes: Object.entries({ email, email_verified: "true", ...options.attributes }).map(([Name, Value]) => ({ Name, Value }))
  }, on)
  await admin("AdminSetUserPassword", { UserPoolId: on.userPoolId, Username: email, Password: password, Permanent: true }, on)
}

/**
 * The demo page (the file's, or the one at `url`) in a fresh browser context, ready; uncaught page
 * errors collect in `errors`.
 */
export const openPage = async (url: string = demo.url): Promise<{ readonly page: Page; readonly errors: Array<string> }> => {
  const page = await (await browser.newContext()).newPage()
  const errors: Array<string> = []
  page.on("pageerror", (error) => errors.push(error.message))
  await page.goto(url)
  await page.waitForSelector("body[data-ready=true]")
  return { page, errors }
}

/** Fills and submits the sign-in form. */
export const submitSignIn = async (page: Page, username: string, password: string): Promise<void> => {
  await page.fill("#sign-in-form input[name=username]", username)
  await page.fill("#sign-in-form input[name=password]", password)
  await page.click("#sign-in-form button[type=submit]")
}
