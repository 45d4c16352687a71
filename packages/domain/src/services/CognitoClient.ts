/**
 * The port to Cognito User Pools: send one JSON-1.1 operation, get its decoded response or a typed
 * error. Layers: HTTP over `@effect/platform` or `fetch` (adapters), in-process emulator (emulator).
 * Retries and timeouts belong to the Layer, so every step gets them for free.
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import type * as Effect from "effect/Effect"
import type { CognitoServiceError, InvalidPoolIdError, TransportError } from "../AuthError.js"
import type { Operation } from "../wire/Operation.js"

/**
 * What both AWS JSON clients (user pools and identity pools) offer. `InvalidPoolIdError`: the
 * configured pool id names no region, so no request can be built (see `PoolIdCheck`).
 * @since 0.1.0
 */
export interface AwsJsonClient {
  readonly call: <I, IE, O, OE>(
    operation: Operation<I, IE, O, OE>,
    input: I
  ) => Effect.Effect<O, CognitoServiceError | TransportError | InvalidPoolIdError>
}

/** @since 0.1.0 @category tags */
export class CognitoClient extends Context.Tag("@cognito-effect/domain/CognitoClient")<CognitoClient, AwsJsonClient>() {}
