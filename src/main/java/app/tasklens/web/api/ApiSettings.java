package app.tasklens.web.api;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * JSON API settings.
 *
 * @param maxJsonBody the largest JSON request body accepted (413 beyond). 128 KB holds the largest valid task
 *     even when a client escapes every character as {@code \\uXXXX} (10,000 body characters × 12 bytes for an
 *     escaped surrogate pair, plus the title), which some JSON libraries do by default.
 */
@ConfigurationProperties("tasklens.api")
record ApiSettings(@DefaultValue("128KB") DataSize maxJsonBody) {
}
