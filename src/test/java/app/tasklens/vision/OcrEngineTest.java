package app.tasklens.vision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import ai.onnxruntime.OrtEnvironment;
import app.tasklens.labeling.BoundingBox;
import app.tasklens.labeling.DetectorUnavailableException;
import app.tasklens.labeling.TextDetection;
import app.tasklens.labeling.TextDetection.Type;
import app.tasklens.vision.OcrSamples.Background;
import app.tasklens.vision.OcrSamples.Sample;
import app.tasklens.vision.OcrSamples.TextLine;

/** PP-OCRv4 on the real models: rendered text comes back as lines and words where it was drawn. */
class OcrEngineTest {

	private static OcrEngine ocr;

	@BeforeAll
	static void open() {
		Path models = Path.of(System.getProperty("tasklens.test.models-dir"));
		ocr = OcrEngine.open(OrtEnvironment.getEnvironment(), new ModelFiles(models), 2);
	}

	@AfterAll
	static void close() {
		ocr.close();
	}

	@Test
	void readsAHeadingAndSentencesOnWhitePaper() {
		Sample page = OcrSamples.render("page", 1240, 1754, Background.PAPER,
				List.of(new TextLine("TASKLENS 2026", 96, true),
						new TextLine("The quick brown fox jumps over", 48, false),
						new TextLine("the lazy dog near the river bank", 48, false),
						new TextLine("Tickets cost 12 dollars each", 40, false)));

		List<TextDetection> found = ocr.read(page.image());

		// The Chinese-trained model may drop a space between words; the letters must all be right.
		assertThat(lines(found)).map(OcrEngineTest::squashed).containsExactly("TASKLENS2026",
				"Thequickbrownfoxjumpsover", "thelazydogneartheriverbank", "Ticketscost12dollarseach");
		assertThat(page.wordRecall(found)).isGreaterThanOrEqualTo(0.9);
		assertThat(found).filteredOn(t -> t.type() == Type.LINE).allSatisfy(
				line -> assertThat(line.confidence()).isGreaterThan(90));
	}

	@Test
	void readsWhiteTextOnADarkPhotoLikeBackground() {
		Sample caption = OcrSamples.render("caption", 1024, 768, Background.DARK_PHOTO,
				List.of(new TextLine("HAPPY BIRTHDAY", 72, true), new TextLine("Summer evening by the lake", 48, false)));

		List<TextDetection> found = ocr.read(caption.image());

		assertThat(lines(found)).map(OcrEngineTest::squashed).containsExactly("HAPPYBIRTHDAY",
				"Summereveningbythelake");
		assertThat(caption.wordRecall(found)).isGreaterThanOrEqualTo(0.85);
	}

	@Test
	void wordBoxesLieWhereTheWordsWereDrawn() {
		Sample page = OcrSamples.render("words", 1240, 900, Background.PAPER,
				List.of(new TextLine("Meeting on Friday at the library", 48, false),
						new TextLine("Bring seeds and gloves", 40, false)));
		BufferedImage image = page.image();

		List<TextDetection> found = ocr.read(image);

		int matched = 0;
		for (OcrSamples.Word drawn : page.words()) {
			Optional<TextDetection> word = found.stream()
					.filter(t -> t.type() == Type.WORD && t.detectedText().equals(drawn.text())).findFirst();
			if (word.isEmpty()) {
				continue;
			}
			matched++;
			Rectangle box = pixels(word.get().geometry().boundingBox(), image);
			assertThat(box.contains(drawn.box().getCenterX(), drawn.box().getCenterY()))
					.as("%s drawn at %s, found at %s", drawn.text(), drawn.box(), box).isTrue();
			assertThat(horizontalOverlap(box, drawn.box())).as("%s drawn at %s, found at %s", drawn.text(),
					drawn.box(), box).isGreaterThan(0.7);
		}
		assertThat(matched).isGreaterThanOrEqualTo(page.words().size() - 1);
		TextDetection firstWord = found.stream().filter(t -> t.type() == Type.WORD).findFirst().orElseThrow();
		assertThat(firstWord.parentId()).isEqualTo(0);
	}

	@Test
	void readsATiltedLine() {
		Sample flat = OcrSamples.render("tilted", 1100, 500, Background.PAPER,
				List.of(new TextLine("Parking for customers only", 56, false)));
		BufferedImage tilted = rotated(flat.image(), Math.toRadians(-8));

		List<TextDetection> found = ocr.read(tilted);

		assertThat(lines(found)).map(OcrEngineTest::squashed).containsExactly("Parkingforcustomersonly");
		BoundingBox line = found.get(0).geometry().boundingBox();
		// Rising by 8 degrees over about 800 pixels: the box is well over the 56-pixel text height.
		assertThat(line.height() * tilted.getHeight()).isGreaterThan(130);
	}

	@Test
	void readsTextRunningTopToBottom() {
		Sample flat = OcrSamples.render("spine", 900, 300, Background.PAPER,
				List.of(new TextLine("Annual Report", 64, true)));
		BufferedImage spine = rotated(flat.image(), Math.PI / 2);

		List<TextDetection> found = ocr.read(spine);

		assertThat(lines(found)).map(OcrEngineTest::squashed).containsExactly("AnnualReport");
	}

	@ParameterizedTest
	@ValueSource(strings = { "dog.jpg", "eagle.jpg", "giraffe.jpg", "horses.jpg", "person.jpg" })
	void photosWithoutTextGiveNoLines(String photo) throws IOException {
		BufferedImage image = ImageIO.read(Path.of(System.getProperty("tasklens.test.darknet-dir"), photo).toFile());

		assertThat(ocr.read(image)).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(ints = { BufferedImage.TYPE_INT_ARGB, BufferedImage.TYPE_BYTE_GRAY, BufferedImage.TYPE_3BYTE_BGR })
	void tinyAndBlankImagesOfAnyPixelLayoutGiveNoText(int type) {
		assertThat(ocr.read(new BufferedImage(1, 1, type))).isEmpty();
		assertThat(ocr.read(new BufferedImage(3000, 20, type))).isEmpty();
	}

	@Test
	void aShortWordOnASmallLabelIsRead() {
		Sample label = OcrSamples.render("label", 360, 260, Background.PAPER, List.of(new TextLine("EXIT", 40, true)));

		assertThat(lines(ocr.read(label.image()))).containsExactly("EXIT");
	}

	@Test
	void gateIsShutForAPhotoWithoutTextAndOpenForAPage() throws IOException {
		BufferedImage dog = ImageIO.read(Path.of(System.getProperty("tasklens.test.darknet-dir"), "dog.jpg").toFile());
		Sample page = OcrSamples.render("gate", 1240, 1754, Background.PAPER,
				List.of(new TextLine("Payment due within thirty days", 24, false)));

		assertThat(ocr.mayContainText(dog)).isFalse();
		assertThat(ocr.mayContainText(page.image())).isTrue();
	}

	@Test
	void readsFromSeveralThreadsAtOnceAsFromOne() throws Exception {
		Sample page = OcrSamples.benchmark().get(0);
		List<TextDetection> alone = ocr.read(page.image());
		ExecutorService pool = Executors.newFixedThreadPool(3);
		try {
			List<Future<List<TextDetection>>> reads = new ArrayList<>();
			for (int i = 0; i < 3; i++) {
				reads.add(pool.submit(() -> ocr.read(page.image())));
			}
			for (Future<List<TextDetection>> read : reads) {
				assertThat(read.get()).isEqualTo(alone);
			}
		}
		finally {
			pool.shutdown();
		}
	}

	@Test
	void missingModelTellsTheOperatorWhichFileToPutWhere() throws IOException {
		Path empty = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "models");

		assertThatThrownBy(() -> OcrEngine.open(OrtEnvironment.getEnvironment(), new ModelFiles(empty), 1))
				.isInstanceOf(DetectorUnavailableException.class)
				.hasMessageContaining("model PP_OCRV4_DET missing: put file ch_PP-OCRv4_det_infer.onnx");
	}

	private static List<String> lines(List<TextDetection> found) {
		return found.stream().filter(t -> t.type() == Type.LINE).map(TextDetection::detectedText).toList();
	}

	private static String squashed(String text) {
		return text.replace(" ", "");
	}

	private static Rectangle pixels(BoundingBox box, BufferedImage image) {
		return new Rectangle((int) Math.round(box.left() * image.getWidth()),
				(int) Math.round(box.top() * image.getHeight()), (int) Math.round(box.width() * image.getWidth()),
				(int) Math.round(box.height() * image.getHeight()));
	}

	/** Overlap of the two boxes' horizontal extents over their union. */
	private static double horizontalOverlap(Rectangle a, Rectangle b) {
		double overlap = Math.min(a.getMaxX(), b.getMaxX()) - Math.max(a.getMinX(), b.getMinX());
		double union = Math.max(a.getMaxX(), b.getMaxX()) - Math.min(a.getMinX(), b.getMinX());
		return Math.max(0, overlap) / union;
	}

	/** The image turned by {@code angle} (clockwise for positive) about its centre onto a white canvas that holds all of it. */
	private static BufferedImage rotated(BufferedImage image, double angle) {
		double sin = Math.abs(Math.sin(angle));
		double cos = Math.abs(Math.cos(angle));
		int w = (int) Math.ceil(image.getWidth() * cos + image.getHeight() * sin);
		int h = (int) Math.ceil(image.getWidth() * sin + image.getHeight() * cos);
		BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = out.createGraphics();
		g.setColor(java.awt.Color.WHITE);
		g.fillRect(0, 0, w, h);
		g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
		AffineTransform turn = new AffineTransform();
		turn.translate(w / 2.0, h / 2.0);
		turn.rotate(angle);
		turn.translate(-image.getWidth() / 2.0, -image.getHeight() / 2.0);
		g.drawImage(image, turn, null);
		g.dispose();
		return out;
	}
}
