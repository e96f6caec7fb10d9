package app.tasklens.vision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.List;

import org.junit.jupiter.api.Test;

import app.tasklens.labeling.BoundingBox;
import app.tasklens.labeling.TextDetection;
import app.tasklens.labeling.TextDetection.Geometry;
import app.tasklens.labeling.TextDetection.Type;
import app.tasklens.vision.OcrSamples.Background;
import app.tasklens.vision.OcrSamples.Sample;
import app.tasklens.vision.OcrSamples.TextLine;

class OcrSamplesTest {

	@Test
	void everyInkedPixelLiesInTheBoxOfTheWordDrawnThere() {
		Sample sample = OcrSamples.render("ink", 900, 400, Background.PAPER,
				List.of(new TextLine("Fresh bread daily", 48, true), new TextLine("Open 7 days", 32, false)));
		BufferedImage image = sample.image();

		assertThat(sample.words()).extracting(OcrSamples.Word::text).containsExactly("Fresh", "bread", "daily", "Open",
				"7", "days");
		int inked = 0;
		for (int y = 0; y < image.getHeight(); y++) {
			for (int x = 0; x < image.getWidth(); x++) {
				if ((image.getRGB(x, y) & 0xff) < 128) {
					inked++;
					int px = x, py = y;
					assertThat(sample.words()).as("ink at %d,%d", x, y).anyMatch(word -> grown(word.box()).contains(px, py));
				}
			}
		}
		assertThat(inked).isGreaterThan(1000);
	}

	@Test
	void wordRecallCountsEachWordDetectionOnceAndIgnoresLines() {
		Sample sample = OcrSamples.render("recall", 900, 300, Background.PAPER,
				List.of(new TextLine("to be or", 40, false)));

		double recall = sample.wordRecall(List.of(detection("to be or", Type.LINE), detection("to", Type.WORD),
				detection("or", Type.WORD), detection("or", Type.WORD)));

		assertThat(recall).isEqualTo(2.0 / 3);
	}

	@Test
	void benchmarkHasAPageSizedSheetAPageOfSmallPrintAndADarkCaption() {
		List<Sample> samples = OcrSamples.benchmark();

		assertThat(samples).extracting(Sample::name).containsExactly("page", "small-print", "caption");
		assertThat(samples.get(0).image().getWidth()).isEqualTo(1240);
		assertThat(samples.get(0).image().getHeight()).isEqualTo(1754);
		assertThat(samples).allSatisfy(sample -> assertThat(sample.words()).isNotEmpty());
	}

	@Test
	void aLineThatDoesNotFitIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> OcrSamples.render("tight", 300, 300, Background.PAPER,
				List.of(new TextLine("far too long for this canvas", 48, false))));
	}

	private static Rectangle grown(Rectangle box) {
		Rectangle grown = new Rectangle(box);
		grown.grow(1, 1);
		return grown;
	}

	private static TextDetection detection(String text, Type type) {
		return new TextDetection(text, type, 0, null, 99,
				new Geometry(new BoundingBox(0, 0, 1, 1), List.of()));
	}
}
