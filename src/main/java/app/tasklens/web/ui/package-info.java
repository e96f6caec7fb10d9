/**
 * The server-rendered pages: sign-up, sign-in and My Tasks with each task's images and labels, real forms
 * that htmx and {@code js/app.js} enhance when JavaScript runs.
 */
package app.tasklens.web.ui;
