/**
 * @cognito-effect/emulator — a local Amazon Cognito user pool speaking the real wire protocol:
 * real SRP verification, RS256 tokens with a JWKS, a code inbox instead of e-mail and SMS. Run it
 * over HTTP (`start`, the `cognito-effect-emulator` CLI) or in-process as the `CognitoClient`
 * Layer (`EmulatorClient`).
 *
 * @since 0.1.0
 */
export { start, serve, ServerError, type StartOptions, type Running } from "./Server.js"
export * as AdjustableClock from "./AdjustableClock.js"
export * as Cli from "./Cli.js"
export * as CognitoException from "./CognitoException.js"
export * as Emulator from "./Emulator.js"
export * as Faults from "./Faults.js"
export * as HostedUi from "./HostedUi.js"
export * as EmulatorClient from "./EmulatorClient.js"
export * as IdentityPools from "./IdentityPools.js"
export * as Inbox from "./Inbox.js"
export * as Persistence from "./Persistence.js"
export * as Seed from "./Seed.js"
export * as SelfSignedCertificate from "./SelfSignedCertificate.js"
export * as Server from "./Server.js"
