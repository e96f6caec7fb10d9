/** User accounts: sign-up rules, password hashing, sign-in throttling, API tokens and their signing key. */
package app.tasklens.account;
