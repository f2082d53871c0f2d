// Package auth holds the credential primitives Kinship's sign-in uses:
// argon2id password hashes, TOTP, recovery codes, opaque tokens and the QR
// code for MFA enrolment. It does no I/O beyond crypto/rand.
package auth
