package app.tasklens.aws;

import java.nio.file.Path;

import app.tasklens.Ids;
import app.tasklens.adapter.dynamodb.Dynalite;
import app.tasklens.adapter.s3.S3StandIn;

/**
 * The environment {@code template.yaml} gives the functions, for the in-process function tests (which run in
 * a JVM of their own, so these system properties reach no other test): the {@code aws} profile, a fresh table
 * on the DynamoDB stand-in, a fresh bucket on the S3 stand-in (as the template's uploads bucket), and a data
 * folder under {@code target/}.
 */
final class AwsStage {

	static final String TABLE = "tasklens" + Ids.random().replaceAll("[^A-Za-z0-9]", "");
	static final String BUCKET = S3StandIn.get().newBucket("aws");
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
		// The uploads bucket, as template.yaml names it; the stand-in needs path-style URLs.
		System.setProperty("tasklens.objects.s3.bucket", BUCKET);
		System.setProperty("tasklens.objects.s3.endpoint", S3StandIn.get().endpoint().toString());
		System.setProperty("tasklens.objects.s3.region", S3StandIn.REGION);
		System.setProperty("tasklens.objects.s3.path-style", "true");
		// Rekognition is the local server that answers with Rekognition's documented responses (a dog); it is
		// given the bucket's objects as S3Object, like Rekognition on AWS.
		System.setProperty("tasklens.rekognition.endpoint", new app.tasklens.adapter.rekognition.DocumentedRekognition()
			.endpoint().toString());
		// As template.yaml passes Secrets Manager's generated secret: every instance signs with the same key.
		System.setProperty("tasklens.keys.secret", "test-secret-of-the-function-tests-0123456789");
		// The S3 stand-in's account (dynalite takes any); Lambda's credentials come from its role.
		System.setProperty("aws.region", "eu-west-1");
		System.setProperty("aws.accessKeyId", S3StandIn.ACCESS_KEY);
		System.setProperty("aws.secretAccessKey", S3StandIn.SECRET_KEY);
	}
}
