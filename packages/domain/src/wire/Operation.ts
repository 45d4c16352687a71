/**
 * An AWS JSON 1.1 operation: its target header and the Schemas of its request and response.
 * Every module in `wire/` exports one (`InitiateAuth.operation`, …); clients, the emulator and
 * tests all speak through these descriptors.
 *
 * @since 0.1.0
 */
import type * as Schema from "effect/Schema"

/** The two JSON-1.1 services Amplify talks to. @since 0.1.0 */
export type Service = "CognitoIdentityProvider" | "CognitoIdentity"

/** The `X-Amz-Target` prefix of each service. @since 0.1.0 */
export const targetPrefix: Record<Service, string> = {
  CognitoIdentityProvider: "AWSCognitoIdentityProviderService",
  CognitoIdentity: "AWSCognitoIdentityService"
}

/** @since 0.1.0 */
export interface Operation<I, IE, O, OE> {
  readonly service: Service
  /** e.g. `InitiateAuth` */
  readonly name: string
  /** e.g. `AWSCognitoIdentityProviderService.InitiateAuth` */
  readonly target: string
  readonly request: Schema.Schema<I, IE>
  readonly response: Schema.Schema<O, OE>
}

/** Any operation, for registries and handlers. @since 0.1.0 */
export type Any = Operation<any, any, any, any>

/** @since 0.1.0 */
export type Request<Op> = Op extends Operation<infer I, any, any, any> ? I : never
/** @since 0.1.0 */
export type Response<Op> = Op extends Operation<any, any, infer O, any> ? O : never

/** @since 0.1.0 */
export const make = <I, IE, O, OE>(
  service: Service,
  name: string,
  request: Schema.Schema<I, IE>,
  response: Schema.Schema<O, OE>
): Operation<I, IE, O, OE> => ({ service, name, target: `${targetPrefix[service]}.${name}`, request, response })

/** A Cognito User Pools operation. @since 0.1.0 */
export const userPool = <I, IE, O, OE>(name: string, request: Schema.Schema<I, IE>, response: Schema.Schema<O, OE>) =>
  make("CognitoIdentityProvider", name, request, response)

/** A Cognito Identity (identity pools) operation. @since 0.1.0 */
export const identityPool = <I, IE, O, OE>(name: string, request: Schema.Schema<I, IE>, response: Schema.Schema<O, OE>) =>
  make("CognitoIdentity", name, request, response)
