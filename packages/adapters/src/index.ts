/**
 * @cognito-effect/adapters — Layers for the domain's ports: the Cognito HTTP clients, storage,
 * the token and pending-sign-in stores, the event bus, and `Layers` that wires them all. Node-only
 * pieces (`NodeModExp`, `NodeLayers`) are imported by path so browser bundles never load them.
 *
 * @since 0.1.0
 */
export * as AdvancedSecurityData from "./AdvancedSecurityData.js"
export * as AuthEventBus from "./AuthEventBus.js"
export * as BrowserAuthenticator from "./BrowserAuthenticator.js"
export * as ClockSkew from "./ClockSkew.js"
export * as CognitoFetchClient from "./CognitoFetchClient.js"
export * as CognitoHttpClient from "./CognitoHttpClient.js"
export * as CookieStorage from "./CookieStorage.js"
export * as JwtVerifier from "./JwtVerifier.js"
export * as Layers from "./Layers.js"
export * as OAuthFetchClient from "./OAuthFetchClient.js"
export * as Redirect from "./Redirect.js"
export * as ServerCookieStorage from "./ServerCookieStorage.js"
export * as ServerLayers from "./ServerLayers.js"
export * as SignInStateStore from "./SignInStateStore.js"
export * as SoftwareAuthenticator from "./SoftwareAuthenticator.js"
export * as Storage from "./Storage.js"
export * as TokenStore from "./TokenStore.js"
