/** JDBC adapters of the domain ports: plain SQL through {@code JdbcClient}, on SQLite (default) or PostgreSQL. */
package app.tasklens.adapter.jdbc;
