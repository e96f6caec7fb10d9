package app.tasklens.cli;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Throwaway databases for a benchmark on the PostgreSQL server of a given JDBC URL: each created empty (the
 * server it is given to migrates it, as on a first start) and dropped at the end, so that runs never see each
 * other's rows and setups of one run never share a job queue. The user needs {@code CREATEDB}.
 */
final class PostgresDatabases {

	private static final String PREFIX = "jdbc:postgresql://";

	private final String url;
	private final String user;
	private final String password;
	private final String run = "tasklens_bench_" + Long.toString(System.currentTimeMillis(), 36);
	private final List<String> created = new ArrayList<>();

	/**
	 * @param url {@code jdbc:postgresql://host:port/database[?parameters]}: the server, and a database of it to
	 *        connect to while creating the others
	 */
	PostgresDatabases(String url, String user, String password) {
		if (!url.startsWith(PREFIX)) {
			throw new IllegalArgumentException("not a PostgreSQL JDBC URL: " + url);
		}
		this.url = url;
		this.user = user;
		this.password = password;
	}

	/** A new empty database; its JDBC URL, with the given URL's host, port and parameters. */
	String create() throws SQLException {
		String name = run + "_" + (created.size() + 1);
		execute("CREATE DATABASE " + name);
		created.add(name);
		return withDatabase(url, name);
	}

	/** Drops every database this created, also while servers still hold connections to them. */
	void dropAll() {
		for (String name : created) {
			try {
				execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
			}
			catch (SQLException ex) {
				System.err.println("bench: database " + name + " not dropped: " + ex.getMessage());
			}
		}
		created.clear();
	}

	static String withDatabase(String url, String database) {
		int slash = url.indexOf('/', PREFIX.length());
		int query = url.indexOf('?', PREFIX.length());
		String server = slash < 0 || query >= 0 && query < slash ? url.substring(0, query < 0 ? url.length() : query)
				: url.substring(0, slash);
		String parameters = query < 0 ? "" : url.substring(query);
		return server + "/" + database + parameters;
	}

	private void execute(String sql) throws SQLException {
		try (Connection connection = DriverManager.getConnection(url, user, password);
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}
}
