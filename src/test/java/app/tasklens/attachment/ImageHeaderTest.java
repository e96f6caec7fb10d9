package app.tasklens.attachment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import app.tasklens.TestImages;
import app.tasklens.attachment.InvalidImageException.Reason;

class ImageHeaderTest {

	@Test
	void readsTheSizeOfACameraJpegWithExif() throws IOException {
		ImageHeader header = read(TestImages.darknet("dog.jpg"));

		assertThat(header).isEqualTo(new ImageHeader(ImageType.JPEG, 768, 576, 1));
	}

	@ParameterizedTest
	@ValueSource(strings = {"dog.jpg", "eagle.jpg", "giraffe.jpg", "horses.jpg", "person.jpg"})
	void wholeDarknetPhotosPassTheStructureCheck(String name) throws IOException {
		byte[] photo = TestImages.darknet(name);

		assertThat(verify(photo)).isEqualTo(read(photo));
	}

	@Test
	void readsPngAndItsStructure() throws IOException {
		byte[] png = TestImages.png(30, 20);

		assertThat(verify(png)).isEqualTo(new ImageHeader(ImageType.PNG, 30, 20, 1));
	}

	@Test
	void readsTheThreeKindsOfWebP() throws IOException {
		ImageHeader pixel = new ImageHeader(ImageType.WEBP, 1, 1, 1);

		assertThat(verify(TestImages.WEBP_LOSSLESS)).isEqualTo(pixel);
		assertThat(verify(TestImages.WEBP_LOSSY)).isEqualTo(pixel);
		assertThat(verify(TestImages.WEBP_EXTENDED)).isEqualTo(pixel);
	}

	@Test
	void exifOrientationTurnsTheDisplaySize() throws IOException {
		byte[] turned = TestImages.withExifOrientation(TestImages.jpeg(40, 10), 6);

		ImageHeader header = verify(turned);

		assertThat(header.orientation()).isEqualTo(6);
		assertThat(header.width()).isEqualTo(40);
		assertThat(header.displayWidth()).isEqualTo(10);
		assertThat(header.displayHeight()).isEqualTo(40);
	}

	@Test
	void readsTheClaimedSizeWithoutDecoding() throws IOException {
		ImageHeader header = read(TestImages.pngHeaderOnly(100_000, 100_000));

		assertThat(header.pixels()).isEqualTo(10_000_000_000L);
	}

	@Test
	void emptyInput() {
		assertReason(new byte[0], Reason.EMPTY);
	}

	@Test
	void otherFormats() {
		assertReason("GIF89a\1\0\1\0".getBytes(StandardCharsets.ISO_8859_1), Reason.UNSUPPORTED_TYPE);
		assertReason("<svg xmlns=\"http://www.w3.org/2000/svg\"/>".getBytes(StandardCharsets.UTF_8),
				Reason.UNSUPPORTED_TYPE);
		assertReason("RIFF\0\0\0\0WAVEfmt ".getBytes(StandardCharsets.ISO_8859_1), Reason.UNSUPPORTED_TYPE);
		assertReason(new byte[] {(byte) 0xFF, (byte) 0xFB, (byte) 0x90, 0x64}, Reason.UNSUPPORTED_TYPE);
	}

	@Test
	void aJpegCutInHalfHasAHeaderButFailsTheStructureCheck() throws IOException {
		byte[] photo = TestImages.darknet("dog.jpg");
		byte[] half = Arrays.copyOf(photo, photo.length / 2);

		assertThat(read(half).width()).isEqualTo(768);
		assertThatThrownBy(() -> verify(half)).isInstanceOfSatisfying(InvalidImageException.class,
				ex -> assertThat(ex.reason()).isEqualTo(Reason.TRUNCATED));
	}

	@Test
	void aJpegCutBeforeItsFrameHeader() {
		assertReason(Arrays.copyOf(TestImages.darknet("dog.jpg"), 100), Reason.TRUNCATED);
	}

	@Test
	void aJpegWithoutSize() {
		byte[] jpeg = TestImages.jpeg(8, 8);
		int sof = indexOf(jpeg, (byte) 0xFF, (byte) 0xC0);
		jpeg[sof + 5] = 0;
		jpeg[sof + 6] = 0;

		assertReason(jpeg, Reason.CORRUPT);
	}

	@Test
	void aJpegWithGarbageWhereASegmentShouldStart() {
		byte[] jpeg = TestImages.jpeg(8, 8);
		jpeg[2] = 0x12;

		assertReason(jpeg, Reason.CORRUPT);
	}

	@Test
	void aPngWithADamagedChunkFailsItsCrc() {
		byte[] png = TestImages.png(30, 20);
		int idat = indexOf(png, (byte) 'I', (byte) 'D', (byte) 'A', (byte) 'T');
		png[idat + 6] ^= 0x01;

		assertThatThrownBy(() -> verify(png)).isInstanceOfSatisfying(InvalidImageException.class,
				ex -> assertThat(ex.reason()).isEqualTo(Reason.CORRUPT));
	}

	@Test
	void aPngWithoutItsEnd() {
		byte[] png = TestImages.png(30, 20);

		assertThatThrownBy(() -> verify(Arrays.copyOf(png, png.length - 12)))
			.isInstanceOfSatisfying(InvalidImageException.class, ex -> assertThat(ex.reason()).isEqualTo(Reason.TRUNCATED));
	}

	@Test
	void aPngWithAnImpossiblePixelFormat() {
		byte[] ihdr = {0, 0, 0, 10, 0, 0, 0, 10, 8, 7, 0, 0, 0};
		byte[] png = TestImages.concat(Arrays.copyOf(TestImages.pngHeaderOnly(10, 10), 8),
				TestImages.pngChunk("IHDR", ihdr), TestImages.pngChunk("IEND", new byte[0]));

		assertReason(png, Reason.CORRUPT);
	}

	@Test
	void aWebPShorterThanItsRiffHeaderSays() {
		byte[] webp = TestImages.WEBP_LOSSY;

		assertThatThrownBy(() -> verify(Arrays.copyOf(webp, webp.length - 4)))
			.isInstanceOfSatisfying(InvalidImageException.class, ex -> assertThat(ex.reason()).isEqualTo(Reason.TRUNCATED));
	}

	@Test
	void aWebPWhoseFirstChunkIsNotAnImage() {
		byte[] webp = TestImages.WEBP_LOSSLESS.clone();
		webp[12] = 'J';

		assertReason(webp, Reason.CORRUPT);
	}

	private static void assertReason(byte[] bytes, Reason reason) {
		assertThatThrownBy(() -> read(bytes)).isInstanceOfSatisfying(InvalidImageException.class,
				ex -> assertThat(ex.reason()).isEqualTo(reason));
		assertThatThrownBy(() -> verify(bytes)).isInstanceOfSatisfying(InvalidImageException.class,
				ex -> assertThat(ex.reason()).isEqualTo(reason));
	}

	private static ImageHeader read(byte[] bytes) throws IOException {
		return ImageHeader.read(new ByteArrayInputStream(bytes));
	}

	private static ImageHeader verify(byte[] bytes) throws IOException {
		return ImageHeader.verify(new ByteArrayInputStream(bytes));
	}

	private static int indexOf(byte[] bytes, byte... pattern) {
		outer: for (int i = 0; i + pattern.length <= bytes.length; i++) {
			for (int j = 0; j < pattern.length; j++) {
				if (bytes[i + j] != pattern[j]) {
					continue outer;
				}
			}
			return i;
		}
		throw new AssertionError("pattern not found");
	}
}
