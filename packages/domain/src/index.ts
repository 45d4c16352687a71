/**
 * @cognito-effect/domain — the pure auth domain. Import modules by path
 * (`@cognito-effect/domain/Tokens`) in library code to keep bundles small; this barrel is for apps.
 *
 * @since 0.1.0
 */
export * as AuthConfig from "./AuthConfig.js"
export * as AuthError from "./AuthError.js"
export * as Tokens from "./Tokens.js"
