/**
 * Example: an Effect program composing the domain steps, with the adapters' Layers provided once
 * at the edge. Every failure is typed: the error channel lists exactly what can go wrong.
 */
import * as NodeLayers from "@cognito-effect/adapters/NodeLayers"
import { fetchAuthSession } from "@cognito-effect/domain/steps/fetchAuthSession"
import { getCurrentUser } from "@cognito-effect/domain/steps/getCurrentUser"
import { signIn } from "@cognito-effect/domain/steps/signIn"
import { signOut } from "@cognito-effect/domain/steps/signOut"
import * as Effect from "effect/Effect"

export interface Coordinates {
  readonly endpoint: string
  readonly userPoolId: string
  readonly userPoolClientId: string
}

/** Signs in, reads the user and the token expiry, signs out. */
export const signInAndOut = (username: string, password: string) =>
  Effect.gen(function* () {
    const { nextStep } = yield* signIn({ username, password })
    if (nextStep.signInStep !== "DONE") return { nextStep }
    const user = yield* getCurrentUser()
    const session = yield* fetchAuthSession()
    yield* signOut()
    return { nextStep, user, expires: session.tokens?.accessToken.payload.exp }
  }).pipe(
    // A wrong password is a value here, not an exception.
    Effect.catchTag("CognitoServiceError", (error) => Effect.succeed({ refused: error.exception }))
  )

/** The program with everything it needs: Node Layers (node:crypto SRP, memory storage). */
export const run = (emulator: Coordinates, username: string, password: string) =>
  Effect.runPromise(
    signInAndOut(username, password).pipe(
      Effect.provide(
        NodeLayers.node({
          Auth: {
            Cognito: {
              userPoolId: emulator.userPoolId,
              userPoolClientId: emulator.userPoolClientId,
              userPoolEndpoint: emulator.endpoint
            }
          }
        })
      )
    )
  )
