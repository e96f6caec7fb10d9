package app.tasklens.adapter.jdbc;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the JDBC store keeps its data: a PostgreSQL database when a URL is given, otherwise the SQLite file
 * in the data folder. The password comes from the environment, never from a file in the repository.
 *
 * @param url {@code TASKLENS_DATABASE_URL}: {@code jdbc:postgresql://host:5432/tasklens} (the PostgreSQL
 *        JDBC driver's form, which also takes its parameters such as {@code ?sslmode=require}); empty for SQLite
 * @param username {@code TASKLENS_DATABASE_USERNAME}
 * @param password {@code TASKLENS_DATABASE_PASSWORD}
 * @param poolSize {@code TASKLENS_DATABASE_POOL_SIZE}: connections this node keeps open to PostgreSQL. At
 *        least 2: Flyway holds one for its lock while it migrates on another, so with one it waits forever
 */
@ConfigurationProperties("tasklens.database")
record DatabaseSettings(
		String url,
		String username,
		String password,
		@DefaultValue("10") int poolSize) {

	DatabaseSettings {
		if (url != null && !url.isBlank() && !url.strip().startsWith("jdbc:postgresql:")) {
			throw new IllegalArgumentException("tasklens.database.url (TASKLENS_DATABASE_URL) must be a PostgreSQL"
					+ " JDBC URL such as jdbc:postgresql://localhost:5432/tasklens, not " + redacted(url));
		}
		if (poolSize < 2) {
			throw new IllegalArgumentException("tasklens.database.pool-size (TASKLENS_DATABASE_POOL_SIZE) must be"
					+ " at least 2 (Flyway needs two connections while it migrates), not " + poolSize);
		}
	}

	/** Whether a PostgreSQL database is named. */
	boolean postgres() {
		return url != null && !url.isBlank();
	}

	/** The URL for messages: a password given in it as a parameter is not repeated. */
	private static String redacted(String url) {
		return url.replaceAll("(?i)(password=)[^&]*", "$1…").replaceAll("//[^/@]*@", "//…@");
	}
}
