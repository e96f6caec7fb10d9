/** The web edge: security, the signed-in user, the JSON API ({@code api}) and the server-rendered pages ({@code ui}). */
package app.tasklens.web;
