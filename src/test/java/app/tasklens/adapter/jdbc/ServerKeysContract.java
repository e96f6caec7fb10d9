package app.tasklens.adapter.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import app.tasklens.account.ServerKey;

/** Keys in the database: made once, the same for every node, imported from an upgraded node's key file. */
abstract class ServerKeysContract {

	@TempDir
	Path dir;

	private JdbcFixture fixture;

	protected abstract JdbcFixture open(Path dir);

	@BeforeEach
	void openStore() {
		fixture = open(dir);
	}

	@AfterEach
	void closeStore() {
		fixture.close();
	}

	private JdbcServerKeys node(Path dataDir) {
		return new JdbcServerKeys(fixture.jdbc(), dataDir, Clock.systemUTC());
	}

	@Test
	void aKeyIsMadeOnceAndEveryNodeReadsTheSame() {
		byte[] first = node(dir.resolve("a")).key(ServerKey.TOKENS);

		assertThat(first).hasSize(32).isNotEqualTo(new byte[32]);
		assertThat(node(dir.resolve("b")).key(ServerKey.TOKENS)).as("another node").isEqualTo(first);
		assertThat(node(dir.resolve("a")).key(ServerKey.CURSORS)).as("each key its own").isNotEqualTo(first);
		assertThat(dir.resolve("a/keys")).as("no key file is written").doesNotExist();
	}

	@Test
	void ofTwoNodesThatFoundNoKeyTheSecondGetsTheFirstOnesKey() {
		byte[] first = new byte[32];
		byte[] second = new byte[32];
		Arrays.fill(first, (byte) 1);
		Arrays.fill(second, (byte) 2);

		assertThat(node(dir.resolve("a")).store(ServerKey.TOKENS, first)).isEqualTo(first);
		assertThat(node(dir.resolve("b")).store(ServerKey.TOKENS, second)).isEqualTo(first);
	}

	@Test
	void nodesStartingTogetherAgreeOnOneKey() throws Exception {
		int nodes = 8;
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(nodes);
		try {
			List<Future<byte[]>> keys = IntStream.range(0, nodes).mapToObj(n -> pool.submit((Callable<byte[]>) () -> {
				start.await();
				return node(dir.resolve("node" + n)).key(ServerKey.UPLOADS);
			})).toList();
			start.countDown();
			byte[] first = keys.get(0).get();
			for (Future<byte[]> key : keys) {
				assertThat(key.get()).isEqualTo(first);
			}
			assertThat(fixture.jdbc().sql("SELECT COUNT(*) FROM server_keys").query(Long.class).single()).isEqualTo(1);
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void anUpgradedNodesKeyFileIsImportedAndThenWinsOverOtherFiles() throws Exception {
		byte[] old = keyFile(dir.resolve("upgraded"), "jwt-hs256.key", 7);
		byte[] other = keyFile(dir.resolve("other"), "jwt-hs256.key", 9);

		assertThat(node(dir.resolve("upgraded")).key(ServerKey.TOKENS)).as("tokens it signed stay valid").isEqualTo(old);
		assertThat(node(dir.resolve("other")).key(ServerKey.TOKENS)).as("the stored key, not this node's file")
			.isEqualTo(old).isNotEqualTo(other);
		assertThat(node(dir.resolve("upgraded")).key(ServerKey.CURSORS)).as("a key without a file is made")
			.isNotEqualTo(old);
	}

	private static byte[] keyFile(Path dataDir, String name, int fill) throws Exception {
		byte[] key = new byte[32];
		Arrays.fill(key, (byte) fill);
		Files.createDirectories(dataDir.resolve("keys"));
		Files.write(dataDir.resolve("keys").resolve(name), key);
		return key;
	}
}
