package app.tasklens.adapter.dynamodb;

import java.net.URI;
import java.nio.file.Path;

import app.tasklens.NodeServer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A stand-in for DynamoDB in tests: dynalite, a DynamoDB-API server from npm, behind
 * {@code tools/aws/dynalite-transactions.js}, which adds TransactWriteItems. One server per test JVM,
 * started on a free port on first use and stopped by its PID when the JVM ends; each test uses tables of
 * its own. {@code .ci/run} installs it ({@code npm ci} in {@code tools/aws}).
 */
public final class Dynalite {

	private static Dynalite instance;

	private final URI endpoint;

	private Dynalite(URI endpoint) {
		this.endpoint = endpoint;
	}

	public static synchronized Dynalite get() {
		if (instance == null) {
			NodeServer server = NodeServer.start(Path.of("tools/aws"), "dynalite", "the DynamoDB stand-in",
					"dynalite-transactions.js");
			instance = new Dynalite(URI.create("http://127.0.0.1:" + server.port()));
		}
		return instance;
	}

	public URI endpoint() {
		return endpoint;
	}

	/** A client of the stand-in; any credentials do. */
	public DynamoDbClient client() {
		return DynamoDbClient.builder()
			.httpClientBuilder(UrlConnectionHttpClient.builder())
			.endpointOverride(endpoint)
			.region(Region.US_EAST_1)
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
			.build();
	}
}
