/**
 * An operation the emulator serves: the shared wire descriptor (`@cognito-effect/domain/wire/*`)
 * and the function that answers its decoded input. The engine decodes, dispatches, encodes.
 *
 * @since 0.1.0
 */
import type * as Effect from "effect/Effect"
import type { SecureRandom } from "@cognito-effect/domain/services/SecureRandom"
import type { Operation } from "@cognito-effect/domain/wire/Operation"
import type { Backend } from "./Backend.js"
import type { CognitoException } from "./CognitoException.js"

/** @since 0.1.0 */
export interface Handler<I, IE, O, OE> {
  readonly operation: Operation<I, IE, O, OE>
  readonly handle: (input: I) => Effect.Effect<O, CognitoException, Backend | SecureRandom>
  /**
   * The operation consumes one-time state (a code, a session, a refresh token being rotated): a
   * byte-identical retry shortly after a success gets the first answer again instead of an error.
   */
  readonly replayable: boolean
}

/** Any handler, for the registry. @since 0.1.0 */
export type Any = Handler<any, any, any, any>

/** @since 0.1.0 */
export const make = <I, IE, O, OE>(
  operation: Operation<I, IE, O, OE>,
  handle: (input: I) => Effect.Effect<O, CognitoException, Backend | SecureRandom>,
  options: { readonly replayable?: boolean } = {}
): Handler<I, IE, O, OE> => ({ operation, handle, replayable: options.replayable ?? false })
