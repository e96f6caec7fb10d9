/** The JSON API: controllers with their request and response records, errors as problem+json. */
package app.tasklens.web.api;
