package app.tasklens.aws;

import java.nio.file.Path;

import app.tasklens.Ids;
import app.tasklens.adapter.dynamodb.Dynalite;

/**
 * The environment {@code template.yaml} gives the functions, for the in-process function tests (which run in
 * a JVM of their own, so these system properties reach no other test): the {@code aws} profile, a fresh table
 * on the DynamoDB stand-in, and a data folder under {@code target/}.
 */
final class AwsStage {

	static final String TABLE = "tasklens" + Ids.random().replaceAll("[^A-Za-z0-9]", "");
	private static boolean set;

	private AwsStage() {
	}

	static synchronized void set() {
		if (set) {
			return;
		}
		set = true;
		System.setProperty("spring.profiles.active", "aws");
		System.setProperty("tasklens.dynamodb.endpoint", Dynalite.get().endpoint().toString());
		System.setProperty("tasklens.dynamodb.table", TABLE);
		System.setProperty("tasklens.dynamodb.create-table", "true");
		System.setProperty("tasklens.data-dir", Path.of("target/aws-functions/" + TABLE).toAbsolutePath().toString());
		System.setProperty("tasklens.vision.fetch-missing", "false");
		// Rekognition is the local server that answers with Rekognition's documented responses (a dog).
		System.setProperty("tasklens.rekognition.endpoint", new app.tasklens.adapter.rekognition.DocumentedRekognition()
			.endpoint().toString());
		System.setProperty("tasklens.rekognition.bucket", "tasklens-uploads");
		// As template.yaml passes Secrets Manager's generated secret: every instance signs with the same key.
		System.setProperty("tasklens.keys.secret", "test-secret-of-the-function-tests-0123456789");
		// Any credentials do for the stand-ins; Lambda's come from its role.
		System.setProperty("aws.region", "eu-west-1");
		System.setProperty("aws.accessKeyId", "test");
		System.setProperty("aws.secretAccessKey", "test");
	}
}
