package app.tasklens.adapter.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import app.tasklens.account.User;
import app.tasklens.account.UsernameTakenException;
import app.tasklens.account.Users;

@Repository
@JdbcStore
class JdbcUsers implements Users {

	private final JdbcClient jdbc;

	JdbcUsers(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public void add(User user) {
		int inserted = jdbc.sql("""
				INSERT INTO users (id, username, username_key, password_hash, created_at, token_generation, admin)
				VALUES (:id, :username, :key, :hash, :createdAt, :generation, :admin)
				ON CONFLICT (username_key) DO NOTHING""")
			.param("id", user.id())
			.param("username", user.username())
			.param("key", User.key(user.username()))
			.param("hash", user.passwordHash())
			.param("createdAt", user.createdAt().toEpochMilli())
			.param("generation", user.tokenGeneration())
			.param("admin", user.admin())
			.update();
		if (inserted == 0) {
			throw new UsernameTakenException(user.username());
		}
	}

	@Override
	public Optional<User> findByUsername(String username) {
		return jdbc.sql("SELECT * FROM users WHERE username_key = ?").param(User.key(username))
			.query(JdbcUsers::user).optional();
	}

	@Override
	public Optional<User> findById(String id) {
		return jdbc.sql("SELECT * FROM users WHERE id = ?").param(id).query(JdbcUsers::user).optional();
	}

	@Override
	public void update(User user) {
		jdbc.sql("""
				UPDATE users SET password_hash = :hash, token_generation = :generation, admin = :admin,
				                 disabled = :disabled
				WHERE id = :id""")
			.param("hash", user.passwordHash())
			.param("generation", user.tokenGeneration())
			.param("admin", user.admin())
			.param("disabled", user.disabled())
			.param("id", user.id())
			.update();
	}

	@Override
	public void remove(String id) {
		jdbc.sql("DELETE FROM users WHERE id = ?").param(id).update();
	}

	@Override
	public boolean any() {
		return jdbc.sql("SELECT EXISTS (SELECT 1 FROM users)").query(Boolean.class).single();
	}

	private static User user(ResultSet rs, int row) throws SQLException {
		return new User(rs.getString("id"), rs.getString("username"), rs.getString("password_hash"),
				Instant.ofEpochMilli(rs.getLong("created_at")), rs.getLong("token_generation"), rs.getBoolean("admin"),
				rs.getBoolean("disabled"));
	}
}
