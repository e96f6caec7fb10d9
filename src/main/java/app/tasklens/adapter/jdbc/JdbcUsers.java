package app.tasklens.adapter.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
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
		if (insert(user, null) == 0) {
			throw new UsernameTakenException(user.username());
		}
	}

	/**
	 * The first account holds {@code first_account = 1} (V91, unique), so a second first account conflicts as a
	 * taken username does; which of the two it was is read afterwards. PostgreSQL makes a second first account
	 * wait for the first one's commit.
	 */
	@Override
	public boolean addFirst(User user) {
		int inserted = insert(user, 1);
		if (inserted == 0 && findByUsername(user.username()).isPresent()) {
			throw new UsernameTakenException(user.username());
		}
		return inserted == 1;
	}

	/** Without a conflict target: a taken username and a taken first place both insert nothing. */
	private int insert(User user, Integer firstAccount) {
		return jdbc.sql("""
				INSERT INTO users (id, username, username_key, password_hash, created_at, token_generation, admin,
				    first_account)
				VALUES (:id, :username, :key, :hash, :createdAt, :generation, :admin, :first)
				ON CONFLICT DO NOTHING""")
			.param("id", user.id())
			.param("username", user.username())
			.param("key", User.key(user.username()))
			.param("hash", user.passwordHash())
			.param("createdAt", user.createdAt().toEpochMilli())
			.param("generation", user.tokenGeneration())
			.param("admin", user.admin())
			.param("first", firstAccount, Types.INTEGER)
			.update();
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
