package app.tasklens.aws;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;

/**
 * Run in a fresh JVM from the Lambda package by {@link LambdaArtifactTest}: starts the API function as Lambda's
 * init phase does, sends it one sign-up, and prints the milliseconds from the JVM's start to the end of init
 * and to the first response, with the response's status.
 *
 * <p>Arguments: the DynamoDB endpoint, a table name, a data folder.
 */
public final class ColdStart {

	private ColdStart() {
	}

	public static void main(String[] args) throws Exception {
		System.setProperty("spring.profiles.active", "aws");
		System.setProperty("tasklens.dynamodb.endpoint", args[0]);
		System.setProperty("tasklens.dynamodb.table", args[1]);
		System.setProperty("tasklens.dynamodb.create-table", "true");
		System.setProperty("tasklens.data-dir", args[2]);
		System.setProperty("aws.region", "eu-west-1");
		System.setProperty("aws.accessKeyId", "test");
		System.setProperty("aws.secretAccessKey", "test");
		long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
		ApiFunction function = new ApiFunction();
		long initialized = System.currentTimeMillis();
		String body = "{\\\"username\\\":\\\"cold" + System.nanoTime() + "\\\",\\\"password\\\":\\\"correct horse battery\\\"}";
		String event = """
				{"version":"2.0","routeKey":"$default","rawPath":"/api/users","rawQueryString":"",
				 "headers":{"accept":"application/json","content-type":"application/json","host":"localhost"},
				 "requestContext":{"http":{"method":"POST","path":"/api/users","protocol":"HTTP/1.1","sourceIp":"203.0.113.7",
				   "userAgent":"curl/8.5.0"},"requestId":"cold","routeKey":"$default","stage":"$default","timeEpoch":0},
				 "body":"BODY","isBase64Encoded":false}""".replace("BODY", body);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		function.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out,
				new TestLambdaContext("tasklens-ApiFunction"));
		long answered = System.currentTimeMillis();
		String response = out.toString(StandardCharsets.UTF_8);
		String status = response.replaceAll("(?s).*\"statusCode\"\\s*:\\s*(\\d+).*", "$1");
		// The web UI too: a page rendered by Thymeleaf through the session chain.
		String page = """
				{"version":"2.0","routeKey":"$default","rawPath":"/login","rawQueryString":"",
				 "headers":{"accept":"text/html","host":"localhost"},
				 "requestContext":{"http":{"method":"GET","path":"/login","protocol":"HTTP/1.1","sourceIp":"203.0.113.7",
				   "userAgent":"curl/8.5.0"},"requestId":"page","routeKey":"$default","stage":"$default","timeEpoch":0},
				 "isBase64Encoded":false}""";
		ByteArrayOutputStream pageOut = new ByteArrayOutputStream();
		function.handleRequest(new ByteArrayInputStream(page.getBytes(StandardCharsets.UTF_8)), pageOut,
				new TestLambdaContext("tasklens-ApiFunction"));
		String pageStatus = pageOut.toString(StandardCharsets.UTF_8).replaceAll("(?s).*\"statusCode\"\\s*:\\s*(\\d+).*", "$1");
		System.out.println("COLD-START init_ms=" + (initialized - jvmStart) + " first_response_ms=" + (answered - jvmStart)
				+ " request_ms=" + (answered - initialized) + " status=" + status + " page_status=" + pageStatus);
		System.exit(0);
	}
}
