package app.tasklens.decoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

import org.junit.jupiter.api.Test;

import app.tasklens.TestImages;

class DecodeBudgetTest {

	@Test
	void losslessWebpIsChargedForEveryStoredPixelLossyAndJpegOnlyForTheSubsampledOnes() throws IOException {
		assertThat(decodesEveryPixel("WEBP", TestImages.webpBomb(100, 100))).isTrue();
		assertThat(decodesEveryPixel("WEBP", TestImages.WEBP_LOSSLESS)).isTrue();
		assertThat(decodesEveryPixel("WEBP", TestImages.WEBP_EXTENDED)).as("with an alpha plane").isTrue();
		assertThat(decodesEveryPixel("WEBP", TestImages.WEBP_LOSSY)).isFalse();
		assertThat(decodesEveryPixel("JPEG", TestImages.jpeg(8, 8))).isFalse();

		assertThat(DecodeBudget.cost(10_000, 5_000, 5, true)).isEqualTo(2_000 * 1_000 * 16L + 50_000_000L * 4);
		assertThat(DecodeBudget.cost(10_000, 5_000, 5, false)).isEqualTo(2_000 * 1_000 * 16L);
	}

	@Test
	void aDecodeLargerThanTheWholeBudgetIsRefusedWithItsNumbers() throws IOException {
		DecodeBudget budget = new DecodeBudget(100_000_000);

		assertThatThrownBy(() -> budget.reserve("WEBP", stream(TestImages.webpBomb(10_000, 5_000)), 10_000, 5_000, 5))
			.isInstanceOf(ImageTooLargeToDecodeException.class)
			.hasMessage("the WEBP image is 10000 × 5000 pixels; decoding it needs 232 MB, more than the 100 MB this"
					+ " server sets aside for decoding images");
		budget.reserve("JPEG", stream(TestImages.jpeg(8, 8)), 10_000, 5_000, 5).close();
	}

	@Test
	void decodesThatDoNotFitTogetherWaitForEachOther() throws Exception {
		DecodeBudget budget = new DecodeBudget(40_000_000);
		byte[] jpeg = TestImages.jpeg(8, 8);
		DecodeBudget.Reservation first = budget.reserve("JPEG", stream(jpeg), 2_000, 1_000, 1);

		CompletableFuture<DecodeBudget.Reservation> second = CompletableFuture
			.supplyAsync(() -> reserve(budget, jpeg, 2_000, 1_000));

		// 32 MB each: the second waits for the first; a small one behind it waits its turn too (first come, first
		// served). The small one asks only once the second is waiting: asked at once, it sometimes came first.
		await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> !second.isDone());
		CompletableFuture<DecodeBudget.Reservation> small = CompletableFuture
			.supplyAsync(() -> reserve(budget, jpeg, 100, 100));
		await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> !small.isDone());

		first.close();
		second.get().close();
		small.get().close();
	}

	private static DecodeBudget.Reservation reserve(DecodeBudget budget, byte[] image, int width, int height) {
		try {
			return budget.reserve("JPEG", stream(image), width, height, 1);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static boolean decodesEveryPixel(String format, byte[] image) throws IOException {
		try (ImageInputStream input = stream(image)) {
			boolean every = DecodeBudget.decodesEveryPixel(format, input);
			assertThat(input.getStreamPosition()).as("left at the start").isZero();
			return every;
		}
	}

	private static ImageInputStream stream(byte[] image) {
		return new MemoryCacheImageInputStream(new ByteArrayInputStream(image));
	}
}
