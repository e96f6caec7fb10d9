package app.tasklens.web.rekognition;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

import app.tasklens.TestImages;
import app.tasklens.vision.OcrSamples;
import app.tasklens.web.api.ApiClient;
import app.tasklens.web.api.ApiClient.User;
import app.tasklens.web.api.ImageUploads;

/**
 * The eight cases of issue 10 for a Rekognition client that runs as a process of its own (the AWS CLI, the
 * JavaScript SDK on node): each subclass turns a {@link Call} into one run of its client and reads what it
 * printed and its exit code into an {@link Outcome}.
 */
abstract class RekognitionClientCases {

	@LocalServerPort
	int port;

	@TempDir
	Path files;

	ApiClient api;

	private Path dog;

	@BeforeEach
	void images() throws IOException {
		api = new ApiClient(port);
		dog = Files.write(files.resolve("dog.jpg"), TestImages.darknet("dog.jpg"));
	}

	record Key(String id, String secret) {
	}

	/** The image is either a file whose bytes are sent, or an S3Object (bucket, name). */
	record Call(String operation, Key key, Path bytes, String bucket, String name, Duration signedAgo) {

		static Call labels(Key key, Path image) {
			return new Call("DetectLabels", key, image, null, null, Duration.ZERO);
		}

		static Call text(Key key, Path image) {
			return new Call("DetectText", key, image, null, null, Duration.ZERO);
		}

		static Call labelsOf(Key key, String bucket, String name) {
			return new Call("DetectLabels", key, null, bucket, name, Duration.ZERO);
		}

		Call signedAgo(Duration ago) {
			return new Call(operation, key, bytes, bucket, name, ago);
		}
	}

	/**
	 * What the client printed: the response document on success, else the error name (the {@code __type}) and
	 * message as the client itself reports them.
	 */
	record Outcome(int exitCode, JsonNode response, String error, String message, String output) {

		List<String> labels() {
			assertThat(exitCode).as(output).isZero();
			return StreamSupport.stream(response.path("Labels").spliterator(), false)
				.map(label -> label.path("Name").asString()).toList();
		}

		void refusedWith(String name) {
			assertThat(exitCode).as(output).isNotZero();
			assertThat(error).as(output).isEqualTo(name);
			assertThat(message).as(output).isNotBlank();
		}
	}

	/** Runs the client once against {@code http://localhost:port}. */
	abstract Outcome run(Call call);

	record Finished(int exitCode, String stdout, String stderr) {

		String output() {
			return "exit " + exitCode + "\n" + stdout + stderr;
		}
	}

	/**
	 * Runs {@code command} with the key as AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, none of the test
	 * machine's other AWS_ settings, and empty AWS config and credentials files instead of the home folder's.
	 */
	Finished exec(List<String> command, Key key) {
		try {
			ProcessBuilder builder = new ProcessBuilder(command);
			Map<String, String> environment = builder.environment();
			environment.keySet().removeIf(name -> name.startsWith("AWS_"));
			environment.put("AWS_ACCESS_KEY_ID", key.id());
			environment.put("AWS_SECRET_ACCESS_KEY", key.secret());
			environment.put("AWS_DEFAULT_REGION", "eu-central-1");
			environment.put("AWS_REGION", "eu-central-1");
			environment.put("AWS_CONFIG_FILE", Files.createTempFile(files, "aws-config", "").toString());
			environment.put("AWS_SHARED_CREDENTIALS_FILE", Files.createTempFile(files, "aws-credentials", "").toString());
			environment.put("AWS_EC2_METADATA_DISABLED", "true");
			environment.put("AWS_MAX_ATTEMPTS", "1");
			environment.put("AWS_PAGER", "");
			Path stdout = Files.createTempFile(files, "stdout", "");
			Path stderr = Files.createTempFile(files, "stderr", "");
			Process process = builder.redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
			if (!process.waitFor(90, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new AssertionError("did not finish in 90 s: " + command);
			}
			return new Finished(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
					Files.readString(stderr, StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot run " + command.get(0), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private Key newKey(User user) {
		JsonNode created = api.post("/api/access-keys").as(user).send().expect(201).json();
		return new Key(created.path("accessKeyId").asString(), created.path("secretAccessKey").asString());
	}

	@Test
	void labelsForAPhoto() {
		Outcome outcome = run(Call.labels(newKey(api.signUp(ApiClient.unique("alice"))), dog));

		assertThat(outcome.labels()).contains("Dog");
		JsonNode label = StreamSupport.stream(outcome.response().path("Labels").spliterator(), false)
			.filter(l -> l.path("Name").asString().equals("Dog")).findFirst().orElseThrow();
		assertThat(label.path("Confidence").asDouble()).isGreaterThan(55);
		assertThat(label.path("Parents").findValuesAsString("Name")).contains("Animal");
		assertThat(outcome.response().path("LabelModelVersion").asString()).isNotBlank();
	}

	@Test
	void textForATextImage() throws IOException {
		ByteArrayOutputStream png = new ByteArrayOutputStream();
		ImageIO.write(OcrSamples.render("sign", 800, 240, OcrSamples.Background.PAPER,
				List.of(new OcrSamples.TextLine("OPEN DAILY", 48, true))).image(), "png", png);
		Path sign = Files.write(files.resolve("sign.png"), png.toByteArray());

		Outcome outcome = run(Call.text(newKey(api.signUp(ApiClient.unique("bob"))), sign));

		assertThat(outcome.exitCode()).as(outcome.output()).isZero();
		List<String> lines = StreamSupport.stream(outcome.response().path("TextDetections").spliterator(), false)
			.filter(t -> t.path("Type").asString().equals("LINE")).map(t -> t.path("DetectedText").asString())
			.toList();
		assertThat(lines).containsExactly("OPEN DAILY");
	}

	@Test
	void anS3ObjectIsTheKeyOwnersAttachmentAndAnotherUsersIsRefused() {
		User carol = api.signUp(ApiClient.unique("carol"));
		User dave = api.signUp(ApiClient.unique("dave"));
		String attachment = new ImageUploads(api, port).labeledDogPhoto(carol);
		Key carols = newKey(carol);
		Key daves = newKey(dave);

		assertThat(run(Call.labelsOf(carols, carol.username(), attachment)).labels()).contains("Dog");
		run(Call.labelsOf(daves, carol.username(), attachment)).refusedWith("AccessDeniedException");
		run(Call.labelsOf(daves, dave.username(), attachment)).refusedWith("InvalidS3ObjectException");
	}

	@Test
	void aWrongSecretIsRefused() {
		Key key = newKey(api.signUp(ApiClient.unique("erin")));

		run(Call.labels(new Key(key.id(), key.secret().substring(1) + "x"), dog)).refusedWith("InvalidSignatureException");
	}

	@Test
	void aSignatureOlderThanFifteenMinutesIsRefused() {
		Key key = newKey(api.signUp(ApiClient.unique("gina")));

		Outcome expired = run(Call.labels(key, dog).signedAgo(Duration.ofMinutes(20)));
		expired.refusedWith("InvalidSignatureException");
		assertThat(expired.message()).startsWith("Signature expired");
		assertThat(run(Call.labels(key, dog).signedAgo(Duration.ofMinutes(10))).labels()).as("within 15 minutes")
			.contains("Dog");
	}

	@Test
	void aRevokedKeyIsRefused() {
		User hank = api.signUp(ApiClient.unique("hank"));
		Key key = newKey(hank);
		assertThat(run(Call.labels(key, dog)).labels()).contains("Dog");

		api.delete("/api/access-keys/" + key.id()).as(hank).send().expect(204);

		run(Call.labels(key, dog)).refusedWith("UnrecognizedClientException");
	}

	@Test
	void aCorruptImageIsRefused() throws IOException {
		byte[] jpeg = TestImages.darknet("dog.jpg");
		Path corrupt = Files.write(files.resolve("corrupt.jpg"), Arrays.copyOf(jpeg, jpeg.length / 3));

		run(Call.labels(newKey(api.signUp(ApiClient.unique("ivy"))), corrupt)).refusedWith("InvalidImageFormatException");
	}
}
