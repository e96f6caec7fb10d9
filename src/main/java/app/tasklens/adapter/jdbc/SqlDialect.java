package app.tasklens.adapter.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.springframework.dao.DataAccessResourceFailureException;

/**
 * The few places where SQLite and PostgreSQL need different SQL for the same behaviour; everything else is
 * the same statement on both.
 */
enum SqlDialect {

	/** One writer at a time ({@code BEGIN IMMEDIATE}): no row is ever locked by another open claim. */
	SQLITE("", "LOWER(%s)"),

	/**
	 * {@code LOWER} follows the database's locale (Ä → ä under a UTF-8 one); under the C collation it changes
	 * A–Z only, as SQLite's {@code LOWER} does, so that a text matches the same tasks on both.
	 */
	POSTGRESQL(" FOR UPDATE SKIP LOCKED", "LOWER(%s COLLATE \"C\")");

	private final String skipLocked;
	private final String lower;

	SqlDialect(String skipLocked, String lower) {
		this.skipLocked = skipLocked;
		this.lower = lower;
	}

	/**
	 * What ends the subquery that picks a row to claim: on PostgreSQL it locks the row and passes over rows
	 * other claims hold, so concurrent workers take different rows instead of queueing on the first one.
	 */
	String skipLocked() {
		return skipLocked;
	}

	/** {@code column} with A–Z in lower case and every other character as it is. */
	String lowerColumn(String column) {
		return lower.formatted(column);
	}

	/** {@code text} lowered as {@link #lowerColumn} lowers a column: A–Z only. */
	static String lowerText(String text) {
		StringBuilder lowered = new StringBuilder(text.length());
		text.chars().forEach(c -> lowered.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : (char) c));
		return lowered.toString();
	}

	static SqlDialect of(DataSource dataSource) {
		try (Connection connection = dataSource.getConnection()) {
			String product = connection.getMetaData().getDatabaseProductName();
			return switch (product) {
				case "SQLite" -> SQLITE;
				case "PostgreSQL" -> POSTGRESQL;
				default -> throw new IllegalStateException("unsupported database: " + product);
			};
		}
		catch (SQLException ex) {
			throw new DataAccessResourceFailureException("cannot reach the database", ex);
		}
	}
}
