/** A user's second factor: TOTP enrolment, recovery codes, turning it off. */
package dev.tollgate.port.api.mfa;
