export { Amplify, signIn, fetchAuthSession, signOut } from "@cognito-effect/auth"
