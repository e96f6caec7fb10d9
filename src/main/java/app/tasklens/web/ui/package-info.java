/** The server-rendered pages: sign-up, sign-in and My Tasks, real forms that htmx enhances when JavaScript runs. */
package app.tasklens.web.ui;
