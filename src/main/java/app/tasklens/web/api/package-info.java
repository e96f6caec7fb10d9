/** The JSON API under {@code /api}: controllers, their request and response records, and RFC 9457 problem responses. */
package app.tasklens.web.api;
