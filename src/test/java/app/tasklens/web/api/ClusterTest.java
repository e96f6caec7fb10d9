package app.tasklens.web.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.jdbc.core.simple.JdbcClient;

import app.tasklens.LoadBalancer;
import app.tasklens.TasklensProcess;
import app.tasklens.TestImages;
import app.tasklens.adapter.jdbc.PostgresServer;
import app.tasklens.adapter.s3.S3StandIn;
import app.tasklens.web.api.ApiClient.User;
import tools.jackson.databind.JsonNode;

/**
 * Issue 8's cluster: PostgreSQL, one bucket of the S3 stand-in and two Tasklens processes (role all, each
 * with a data folder of its own) behind HAProxy, over real HTTP. A token made by node A works on node B; an
 * upload through the proxy is labeled; a stream on A hears the labels a worker on B saved; node A is killed
 * ({@code kill -9}) while it holds labeling jobs in the middle of a burst of 20 uploads, and node B labels
 * all 20, each once; a third node stopped with SIGTERM while labeling finishes or hands back its jobs. The steps run in order on one cluster (starting it takes most of the time).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterTest {

	private static final PostgresServer POSTGRES = PostgresServer.get();
	/** Short, so that node B takes over node A's jobs soon after the kill; renewed every third of it. */
	private static final String LEASE = "5s";
	private static final Duration LABELING_WAIT = Duration.ofMinutes(4);
	private static final Set<String> FINAL = Set.of("LABELED", "FAILED", "REJECTED");

	private static String database;
	private static String bucket;
	private static HikariDataSource direct;
	private static JdbcClient sql;
	private static TasklensProcess nodeA;
	private static TasklensProcess nodeB;
	private static String ownerA;
	private static String ownerB;
	private static Map<String, String> environment;
	private static LoadBalancer proxy;
	private static LeaseWatch leases;
	private static User alice;

	@BeforeAll
	static void cluster() throws Exception {
		database = POSTGRES.newEmptyDatabase();
		direct = POSTGRES.dataSource(database, 3);
		sql = JdbcClient.create(direct);
		bucket = S3StandIn.get().newBucket("cluster");
		environment = new HashMap<>(POSTGRES.environment(database));
		environment.putAll(S3StandIn.get().environment(bucket));
		environment.put("TASKLENS_DATABASE_POOL_SIZE", "4");
		// Both at once: the first to run Flyway holds its lock, the other waits, and both make or read the same keys.
		nodeA = launch("node-a", LEASE, 2);
		nodeB = launch("node-b", LEASE, 2);
		nodeA.awaitHealthy();
		nodeB.awaitHealthy();
		ownerA = leaseOwner(nodeA);
		ownerB = leaseOwner(nodeB);
		proxy = LoadBalancer.start(ApiIntegrationTest.FreshDataDir.newDataDir(), List.of(nodeA.port(), nodeB.port()));
		leases = new LeaseWatch(sql);
	}

	@AfterAll
	static void stop() throws Exception {
		if (leases != null) {
			leases.close();
		}
		if (proxy != null) {
			proxy.close();
		}
		for (TasklensProcess node : new TasklensProcess[] { nodeA, nodeB }) {
			if (node != null) {
				node.close();
			}
		}
		if (direct != null) {
			direct.close();
			POSTGRES.dropDatabase(database);
		}
	}

	@Test
	@Order(1)
	void aTokenMadeThroughNodeAWorksOnNodeB() {
		ApiClient a = new ApiClient(nodeA.port());
		ApiClient b = new ApiClient(nodeB.port());
		alice = a.signUp(ApiClient.unique("alice"));

		b.get("/api/tasks").as(alice).send().expect(200);
		String task = b.createTask(alice, "Made on B").path("id").asString();
		assertThat(a.task(alice, task).path("title").asString()).isEqualTo("Made on B");
	}

	@Test
	@Order(2)
	void anUploadThroughTheProxyIsLabeled() {
		ApiClient viaProxy = new ApiClient(proxy.port());
		ImageUploads uploads = new ImageUploads(viaProxy, proxy.port());
		String task = viaProxy.createTask(alice, "Walk the dog").path("id").asString();
		String image = uploads.attach(alice, task, "dog.jpg", "image/jpeg", TestImages.darknet("dog.jpg")).path("id")
			.asString();

		JsonNode labeled = uploads.awaitStatus(alice, task, image, FINAL, LABELING_WAIT);
		assertThat(labeled.path("status").asString()).as("error %s", labeled.path("error")).isEqualTo("LABELED");
		assertThat(ImageUploads.labelNames(labeled)).contains("Dog");
	}

	/**
	 * The upload is made on B, whose worker wakes at its commit; A's workers find the job only at their next poll
	 * (at most 5 s), but on a loaded machine that poll now and then comes first. Which node's worker held the job is
	 * read in the database: an image that A labeled proves nothing across nodes, so another is uploaded, up to five.
	 */
	@Test
	@Order(3)
	void aStreamOnNodeAReceivesTheLabelsAWorkerOnNodeBSaved() throws Exception {
		ApiClient b = new ApiClient(nodeB.port());
		ImageUploads onB = new ImageUploads(b, nodeB.port());
		String task = b.createTask(alice, "Seen on A").path("id").asString();
		List<Set<String>> ownersOfEach = new ArrayList<>();
		try (EventStream onA = EventStream.open(URI.create("http://localhost:" + nodeA.port() + "/api/events"),
				Map.of("Authorization", "Bearer " + alice.token()))) {
			assertThat(onA.status()).isEqualTo(200);
			while (ownersOfEach.size() < 5 && !ownersOfEach.contains(Set.of(ownerB))) {
				String image = onB.attach(alice, task, "dog.jpg", "image/jpeg", TestImages.darknet("dog.jpg")).path("id")
					.asString();
				EventStream.Event labels;
				do {
					labels = onA.next("labels", Duration.ofMinutes(2));
				}
				while (!labels.json().path("attachmentId").asString().equals(image));
				assertThat(labels.data()).contains("Dog");
				ownersOfEach.add(Set.copyOf(leases.owners(image)));
			}
		}
		assertThat(ownersOfEach).as("the lease owners seen on each image's job (A is %s, B is %s)", ownerA, ownerB)
			.contains(Set.of(ownerB));
	}

	/**
	 * Four clients upload 20 images through the proxy. Once node A holds labeling jobs (seen in
	 * {@code labeling_jobs.lease_owner}) and the burst is still going, A's JVM gets SIGKILL. A request that was
	 * on its way to A then fails at the client, which uploads that image again as a new attachment (the one it
	 * gave up on may be left waiting for bytes it never got, or be labeled if only the answer was lost). The 20
	 * are the attachments whose upload the client saw succeed.
	 */
	@Test
	@Order(4)
	void killingNodeADuringABurstOfTwentyUploadsLeavesAllTwentyLabeledOnce() throws Exception {
		ApiClient viaProxy = new ApiClient(proxy.port());
		ImageUploads uploads = new ImageUploads(viaProxy, proxy.port());
		String task = viaProxy.createTask(alice, "Twenty photos").path("id").asString();
		byte[] dog = TestImages.darknet("dog.jpg");
		List<String> succeeded = Collections.synchronizedList(new ArrayList<>());
		List<String> clientFailures = Collections.synchronizedList(new ArrayList<>());
		ExecutorService clients = Executors.newFixedThreadPool(4);
		List<Future<?>> burst = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			burst.add(clients.submit(() -> {
				for (int attempt = 1;; attempt++) {
					try {
						succeeded.add(uploads.attach(alice, task, "dog.jpg", "image/jpeg", dog).path("id").asString());
						return;
					}
					catch (RuntimeException | AssertionError ex) {
						clientFailures.add(ex.toString());
						if (attempt == 5) {
							throw ex;
						}
					}
				}
			}));
		}
		clients.shutdown();

		List<String> heldByA = await("node A holding a labeling job of the burst").atMost(LABELING_WAIT)
			.pollInterval(Duration.ofMillis(20))
			.until(() -> sql.sql("SELECT attachment_id FROM labeling_jobs WHERE lease_owner = ?").param(ownerA)
				.query(String.class).list(), held -> !held.isEmpty());
		int doneBeforeKill = succeeded.size();
		assertThat(nodeA.process().info().command().orElse("")).as("node A's process is the JVM itself")
			.endsWith("java");
		nodeA.kill();
		assertThat(doneBeforeKill).as("uploads the client had finished when node A was killed (of 20)").isLessThan(20);

		for (Future<?> upload : burst) {
			upload.get(LABELING_WAIT.toMillis(), TimeUnit.MILLISECONDS);
		}
		assertThat(clients.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
		assertThat(succeeded).as("uploads the client saw succeed (its failed tries: %s)", clientFailures).hasSize(20)
			.doesNotHaveDuplicates();

		Map<String, String> statuses = await("every attachment of the task final, or waiting for bytes never sent")
			.atMost(LABELING_WAIT).pollInterval(Duration.ofSeconds(1))
			.until(() -> statuses(uploads, task), all -> all.entrySet().stream()
				.allMatch(entry -> FINAL.contains(entry.getValue()) || isAbandoned(entry, task)));
		Map<String, String> ofTheTwenty = new LinkedHashMap<>();
		succeeded.forEach(id -> ofTheTwenty.put(id, statuses.get(id)));
		assertThat(ofTheTwenty).as("the 20 uploads the client saw succeed; node A held %s at the kill, after %d of 20",
				heldByA, doneBeforeKill).allSatisfy((id, status) -> assertThat(status).isEqualTo("LABELED"));
		assertThat(statuses).as("no attachment of the task failed or stayed between states")
			.allSatisfy((id, status) -> assertThat(status.equals("LABELED") || isAbandoned(Map.entry(id, status), task))
				.as("%s is %s", id, status).isTrue());
		assertThat(heldByA).as("the jobs node A held at the kill are labeled (by B)")
			.allSatisfy(id -> assertThat(statuses.get(id)).isEqualTo("LABELED"));

		for (Map.Entry<String, String> labeled : statuses.entrySet()) {
			if (labeled.getValue().equals("LABELED")) {
				assertThat(labelsSaved(labeled.getKey())).as("labels saved for %s (events in live_events)", labeled.getKey())
					.isOne();
			}
		}
		assertThat(sql.sql("SELECT COUNT(*) FROM labeling_jobs").query(Long.class).single()).as("jobs left").isZero();
		System.out.printf("ClusterTest: node A killed after %d of 20 uploads, holding the jobs of %s; %d failed client"
				+ " requests; %d attachments in the task%n", doneBeforeKill, heldByA, clientFailures.size(), statuses.size());
	}

	/**
	 * A third node, C, joins with one labeling thread and a lease of ten minutes, so that only a hand-back lets
	 * another node take its jobs within the wait. Twenty uploads go to C, whose worker wakes at each commit; once the
	 * uploads are done and C holds a job with more waiting, C gets SIGTERM (as from systemd or a rolling deploy). A
	 * stopped node finishes or hands back what it holds: after it has exited no job is leased to C, and node B labels
	 * the rest, each image once. With {@code kill -9} instead, C's jobs stay leased for ten minutes and this fails.
	 */
	@Test
	@Order(5)
	void aNodeStoppedWithSigtermWhileLabelingFinishesOrHandsBackItsJobs() throws Exception {
		TasklensProcess nodeC = launch("node-c", "10m", 1);
		try {
			nodeC.awaitHealthy();
			String ownerC = leaseOwner(nodeC);
			ApiClient c = new ApiClient(nodeC.port());
			ImageUploads onC = new ImageUploads(c, nodeC.port());
			String task = c.createTask(alice, "Stopped politely").path("id").asString();
			byte[] dog = TestImages.darknet("dog.jpg");
			ExecutorService clients = Executors.newFixedThreadPool(4);
			List<Future<String>> burst = new ArrayList<>();
			for (int i = 0; i < 20; i++) {
				burst.add(clients.submit(() -> onC.attach(alice, task, "dog.jpg", "image/jpeg", dog).path("id").asString()));
			}
			clients.shutdown();
			List<String> uploaded = new ArrayList<>();
			for (Future<String> upload : burst) {
				uploaded.add(upload.get(LABELING_WAIT.toMillis(), TimeUnit.MILLISECONDS));
			}
			List<String> heldByC = sql.sql("SELECT attachment_id FROM labeling_jobs WHERE lease_owner = ?").param(ownerC)
				.query(String.class).list();
			long waiting = sql.sql("SELECT COUNT(*) FROM labeling_jobs").query(Long.class).single();
			assertThat(heldByC).as("jobs node C holds when the 20 uploads are done (%d jobs left)", waiting).isNotEmpty();

			int exit = nodeC.stop(Duration.ofMinutes(1));
			assertThat(exit).as("node C's exit code after SIGTERM").isIn(0, 143);
			assertThat(sql.sql("SELECT attachment_id FROM labeling_jobs WHERE lease_owner = ?").param(ownerC)
				.query(String.class).list()).as("jobs node C still holds after it stopped").isEmpty();

			ImageUploads onB = new ImageUploads(new ApiClient(nodeB.port()), nodeB.port());
			Map<String, String> statuses = await("the 20 images labeled, those C left by node B").atMost(LABELING_WAIT)
				.pollInterval(Duration.ofSeconds(1))
				.until(() -> statuses(onB, task), all -> all.values().stream().allMatch(FINAL::contains));
			assertThat(statuses).as("C held %s at SIGTERM", heldByC).hasSize(20)
				.allSatisfy((id, status) -> assertThat(status).isEqualTo("LABELED"));
			assertThat(uploaded).allSatisfy(id -> assertThat(labelsSaved(id)).as("labels saved for %s", id).isOne());
			System.out.printf("ClusterTest: node C stopped holding the jobs of %s with %d jobs left; exit code %d%n",
					heldByC, waiting, exit);
		}
		finally {
			nodeC.close();
		}
	}

	private static TasklensProcess launch(String name, String lease, int workers) throws Exception {
		Path data = ApiIntegrationTest.FreshDataDir.newDataDir();
		return TasklensProcess.launch(data, name, List.of("-Xmx384m"), environment, "--tasklens.labeling.workers=" + workers,
				"--tasklens.labeling.lease=" + lease, "--tasklens.attachments.sweep-interval=2s");
	}

	/** The lease owner a node's labeling workers claim with, from the line they log when they start. */
	private static String leaseOwner(TasklensProcess node) {
		Pattern line = Pattern.compile("labeling threads, lease owner (labeler-\\S+)");
		return await().atMost(Duration.ofSeconds(30)).until(() -> {
			Matcher matcher = line.matcher(node.log());
			return matcher.find() ? matcher.group(1) : null;
		}, owner -> owner != null);
	}

	private static Map<String, String> statuses(ImageUploads uploads, String task) {
		Map<String, String> statuses = new LinkedHashMap<>();
		uploads.list(alice, task).forEach(item -> statuses.put(item.path("id").asString(), item.path("status").asString()));
		return statuses;
	}

	/** Made, but its bytes never reached the bucket: the client gave up on it after a failed request. */
	private static boolean isAbandoned(Map.Entry<String, String> attachment, String task) {
		return attachment.getValue().equals("PENDING_UPLOAD")
				&& S3StandIn.get().keys(bucket).stream().noneMatch(key -> key.contains(attachment.getKey()));
	}

	/** The {@code labels} events appended for {@code attachment}: one per time its labels were saved. */
	private static long labelsSaved(String attachment) {
		return sql.sql("SELECT COUNT(*) FROM live_events WHERE name = 'labels' AND payload LIKE ?")
			.param("%\"attachmentId\":\"" + attachment + "\"%").query(Long.class).single();
	}

	/** Which lease owners held each job, from polling {@code labeling_jobs} every 20 ms (jobs are deleted when done). */
	private static final class LeaseWatch implements AutoCloseable {

		private final Map<String, Set<String>> owners = new ConcurrentHashMap<>();
		private final Thread poller;
		private volatile boolean running = true;

		LeaseWatch(JdbcClient sql) {
			poller = new Thread(() -> {
				while (running) {
					sql.sql("SELECT attachment_id, lease_owner FROM labeling_jobs WHERE lease_owner IS NOT NULL")
						.query((rs, row) -> owners.computeIfAbsent(rs.getString(1), id -> ConcurrentHashMap.newKeySet())
							.add(rs.getString(2)))
						.list();
					try {
						Thread.sleep(20);
					}
					catch (InterruptedException ex) {
						return;
					}
				}
			}, "lease-watch");
			poller.setDaemon(true);
			poller.start();
		}

		Set<String> owners(String attachment) {
			return owners.getOrDefault(attachment, Set.of());
		}

		@Override
		public void close() throws InterruptedException {
			running = false;
			poller.interrupt();
			poller.join(5000);
		}
	}
}
