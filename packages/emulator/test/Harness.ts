/**
 * Test support (not a test file): a running emulator as a Layer, plain `fetch` calls in AWS JSON
 * 1.1, and the client half of SRP built from the domain's `Srp` functions, as Amplify does it.
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import { modPow } from "@cognito-effect/adapters/NodeModExp"
import * as Srp from "@cognito-effect/domain/Srp"
import * as NodeCrypto from "node:crypto"
import * as Server from "../src/Server.js"

/** The emulator a suite talks to. */
export class TestEmulator extends Context.Tag("test/TestEmulator")<TestEmulator, Server.Running>() {
  static layer(options: Server.StartOptions = {}): Layer.Layer<TestEmulator> {
    return Layer.scoped(
      TestEmulator,
      Effect.acquireRelease(
        Effect.promise(() => Server.start({ port: 0, ...options })),
        (running) => Effect.promise(() => running.stop())
      )
    )
  }
}

/** An answer as the wire carries it. */
export interface Answer {
  readonly status: number
  readonly headers: Headers
  // The body is whatever JSON came back; tests read it freely.
  readonly body: any
}

/** POSTs one AWS JSON 1.1 operation. `body` as a string is sent verbatim. */
export const send = (endpoint: string, operation: string | undefined, body: unknown, headers: Record<string, string> = {}) =>
  Effect.promise(async (): Promise<Answer> => {
    const response = await fetch(`${endpoint}/`, {
      method: "POST",
      headers: {
        "content-type": "application/x-amz-json-1.1",
        ...(operation !== undefined ? { "x-amz-target": `AWSCognitoIdentityProviderService.${operation}` } : {}),
        ...headers
      },
      body: typeof body === "string" ? body : JSON.stringify(body)
    })
    const text = await response.text()
    return { status: response.status, headers: response.headers, body: text === "" ? undefined : JSON.parse(text) }
  })

/** `send` against the suite's emulator. */
export const call = (operation: string, body: unknown) => Effect.flatMap(TestEmulator, (emulator) => send(emulator.endpoint, operation, body))

/** Calls and expects success. */
export const ok = (operation: string, body: unknown) =>
  Effect.flatMap(call(operation, body), (answer) =>
    answer.status === 200 ? Effect.succeed(answer.body) : Effect.dieMessage(`${operation} failed: ${answer.status} ${JSON.stringify(answer.body)}`)
  )

/** Calls and expects a Cognito error; returns `[__type, message]`. */
export const fails = (operation: string, body: unknown) =>
  Effect.flatMap(call(operation, body), (answer) =>
    answer.status >= 400
      ? Effect.succeed([answer.body.__type as string, answer.body.message as string] as const)
      : Effect.dieMessage(`${operation} unexpectedly succeeded: ${JSON.stringify(answer.body)}`)
  )

let counter = 0
/** A fresh user name. */
export const uniqueName = (prefix = "user") => `${prefix}${Date.now().toString(36)}${(counter++).toString(36)}`

/** A pool and a client with every flow, made over the wire. */
export const makePool = (
  pool: Record<string, unknown> = {},
  client: Record<string, unknown> = {}
) =>
  Effect.gen(function* () {
    const created = yield* ok("CreateUserPool", { PoolName: "test", ...pool })
    const userPoolId = created.UserPool.Id as string
    const createdClient = yield* ok("CreateUserPoolClient", {
      UserPoolId: userPoolId,
      ClientName: "test-client",
      ExplicitAuthFlows: ["ALLOW_USER_SRP_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_CUSTOM_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
      ...client
    })
    return { userPoolId, clientId: createdClient.UserPoolClient.ClientId as string, client: createdClient.UserPoolClient }
  })

/** A confirmed user with a permanent password, made by the admin API. */
export const makeUser = (userPoolId: string, username: string, password: string, attributes: Record<string, string> = {}) =>
  Effect.gen(function* () {
    yield* ok("AdminCreateUser", {
      UserPoolId: userPoolId,
      Username: username,
      MessageAction: "SUPPRESS",
      UserAttributes: Object.entries(attributes).map(([Name, Value]) => ({ Name, Value }))
    })
    yield* ok("AdminSetUserPassword", { UserPoolId: userPoolId, Username: username, Password: password, Permanent: true })
  })

/** The client's SRP half: `a`, `A`, and the PASSWORD_VERIFIER answer for a challenge. */
export const srpClient = () => {
  const a = Srp.generateSmallA(NodeCrypto.randomBytes(128))
  const A = Either.getOrThrow(Srp.generateA(a, modPow))
  return {
    a,
    A,
    srpA: Srp.bigIntToHex(A),
    answer: (input: {
      readonly userPoolId: string
      readonly password: string
      readonly parameters: Record<string, string>
      readonly now?: Date
      readonly timestamp?: string
    }) => {
      const timestamp = input.timestamp ?? Srp.formatTimestamp(input.now ?? new Date())
      const claim = Either.getOrThrow(
        Srp.passwordClaim(
          {
            poolName: Srp.poolName(input.userPoolId),
            userId: input.parameters["USER_ID_FOR_SRP"]!,
            password: Redacted.make(input.password),
            salt: input.parameters["SALT"]!,
            srpB: input.parameters["SRP_B"]!,
            secretBlock: input.parameters["SECRET_BLOCK"]!,
            timestamp,
            a,
            A
          },
          modPow
        )
      )
      return {
        USERNAME: input.parameters["USER_ID_FOR_SRP"]!,
        PASSWORD_CLAIM_SECRET_BLOCK: input.parameters["SECRET_BLOCK"]!,
        TIMESTAMP: timestamp,
        PASSWORD_CLAIM_SIGNATURE: claim.signature
      }
    }
  }
}

/** USER_SRP_AUTH end to end; returns the final answer of RespondToAuthChallenge. */
export const srpSignIn = (input: {
  readonly userPoolId: string
  readonly clientId: string
  readonly username: string
  readonly password: string
  readonly flow?: "USER_SRP_AUTH" | "CUSTOM_AUTH"
}) =>
  Effect.gen(function* () {
    const emulator = yield* TestEmulator
    const client = srpClient()
    const challenge = yield* ok("InitiateAuth", {
      AuthFlow: input.flow ?? "USER_SRP_AUTH",
      ClientId: input.clientId,
      AuthParameters: {
        USERNAME: input.username,
        SRP_A: client.srpA,
        ...(input.flow === "CUSTOM_AUTH" ? { CHALLENGE_NAME: "SRP_A" } : {})
      }
    })
    return yield* call("RespondToAuthChallenge", {
      ChallengeName: "PASSWORD_VERIFIER",
      ClientId: input.clientId,
      ChallengeResponses: client.answer({
        userPoolId: input.userPoolId,
        password: input.password,
        parameters: challenge.ChallengeParameters,
        // The TIMESTAMP is read on the emulator's clock, which tests move forward.
        now: new Date(emulator.clock.unsafeCurrentTimeMillis())
      })
    })
  })

/** The payload of a JWT, unverified. */
export const claimsOf = (token: string): Record<string, unknown> =>
  JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString("utf8"))
