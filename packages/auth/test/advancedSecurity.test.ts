/**
 * Advanced security through the facade, against the emulator over HTTP: with AWS's collector
 * script on the page (`AmazonCognitoAdvancedSecurityData`), the requests that name a user carry
 * its `UserContextData`, and the emulator accepts them as Cognito does; without it they carry
 * none. A recording `fetch` shows what went over the wire.
 */
import type { Running } from "@cognito-effect/emulator/Server"
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest"
import { client, createUser, password, startEmulator, uniqueEmail } from "./support/Emulator.js"

let emulator: Running

beforeAll(async () => {
  emulator = await startEmulator()
})
afterAll(async () => {
  await emulator.stop()
})

type Page = { AmazonCognitoAdvancedSecurityData?: unknown }

afterEach(() => {
  delete (globalThis as Page).AmazonCognitoAdvancedSecurityData
})

/** What the collector was asked, and a collector that answers with the username it was given. */
const installCollector = () => {
  const asked: Array<ReadonlyArray<string>> = []
  ;(globalThis as Page).AmazonCognitoAdvancedSecurityData = {
    getData: (username: string, userPoolId: string, clientId: string) => {
      asked.push([username, userPoolId, clientId])
      return `encoded:${username}`
    }
  }
  return asked
}

interface Sent {
  readonly operation: string
  readonly body: any
}

/** A `fetch` that records the operation and JSON body of each Cognito request, then sends it. */
const recordingFetch = () => {
  const sent: Array<Sent> = []
  const fetch: typeof globalThis.fetch = (input, init) => {
    const target = new Headers(init?.headers).get("x-amz-target") ?? ""
    sent.push({ operation: target.split(".").pop() ?? "", body: JSON.parse(String(init?.body)) })
    return globalThis.fetch(input, init)
  }
  return { sent, fetch }
}

describe("advanced security UserContextData", () => {
  it("signIn sends the collector's data on InitiateAuth and on the password proof", async () => {
    const username = uniqueEmail("asd")
    await createUser(emulator, username)
    const asked = installCollector()
    const { sent, fetch } = recordingFetch()
    const auth = client(emulator, { fetch })

    expect(await auth.signIn({ username, password })).toEqual({ isSignedIn: true, nextStep: { signInStep: "DONE" } })

    expect(sent.map((request) => request.operation)).toEqual(["InitiateAuth", "RespondToAuthChallenge"])
    const [initiate, proof] = sent
    expect(initiate!.body.UserContextData).toEqual({ EncodedData: `encoded:${username}` })
    // The proof names the user by USER_ID_FOR_SRP, and so does its data.
    const userId = proof!.body.ChallengeResponses.USERNAME
    expect(proof!.body.ChallengeName).toBe("PASSWORD_VERIFIER")
    expect(proof!.body.UserContextData).toEqual({ EncodedData: `encoded:${userId}` })
    expect(asked).toEqual([
      [username, emulator.userPoolId, emulator.userPoolClientId],
      [userId, emulator.userPoolId, emulator.userPoolClientId]
    ])
  })

  it("signUp, resendSignUpCode and resetPassword send it too", async () => {
    const newcomer = uniqueEmail("asd")
    const member = uniqueEmail("asd")
    await createUser(emulator, member)
    installCollector()
    const { sent, fetch } = recordingFetch()
    const auth = client(emulator, { fetch })

    await auth.signUp({ username: newcomer, password, options: { userAttributes: { email: newcomer } } })
    await auth.resendSignUpCode({ username: newcomer })
    await auth.resetPassword({ username: member })

    expect(sent.map((request) => [request.operation, request.body.UserContextData])).toEqual([
      ["SignUp", { EncodedData: `encoded:${newcomer}` }],
      ["ResendConfirmationCode", { EncodedData: `encoded:${newcomer}` }],
      ["ForgotPassword", { EncodedData: `encoded:${member}` }]
    ])
  })

  it("without the script nothing is sent, and a collector that throws does not stop the sign-in", async () => {
    const username = uniqueEmail("asd")
    await createUser(emulator, username)
    const { sent, fetch } = recordingFetch()

    expect(await client(emulator, { fetch }).signIn({ username, password })).toMatchObject({ isSignedIn: true })
    ;(globalThis as Page).AmazonCognitoAdvancedSecurityData = {
      getData: () => {
        throw new Error("collector failed")
      }
    }
    expect(await client(emulator, { fetch }).signIn({ username, password })).toMatchObject({ isSignedIn: true })

    expect(sent).toHaveLength(4)
    for (const request of sent) expect(request.body).not.toHaveProperty("UserContextData")
  })
})
