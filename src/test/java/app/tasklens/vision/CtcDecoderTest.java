package app.tasklens.vision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

import app.tasklens.vision.CtcDecoder.Glyph;
import app.tasklens.vision.CtcDecoder.Line;
import app.tasklens.vision.CtcDecoder.Word;

class CtcDecoderTest {

	/** Blank, three letters, and the space as the last class, as in the PP-OCRv4 alphabet. */
	private static final String[] ALPHABET = { "", "a", "b", "c", " " };
	private static final int CLASSES = ALPHABET.length;
	private static final int BLANK = 0, A = 1, B = 2, C = 3, SPACE = 4;

	/** One time step whose most likely class is {@code best} at probability {@code p}, the rest shared out. */
	private static float[] step(int best, float p) {
		float[] probs = new float[CLASSES];
		for (int c = 0; c < CLASSES; c++) {
			probs[c] = c == best ? p : (1 - p) / (CLASSES - 1);
		}
		return probs;
	}

	private static float[] steps(float[]... steps) {
		float[] all = new float[steps.length * CLASSES];
		for (int t = 0; t < steps.length; t++) {
			System.arraycopy(steps[t], 0, all, t * CLASSES, CLASSES);
		}
		return all;
	}

	@Test
	void mergesRepeatsDropsBlanksAndKeepsLettersSeparatedByABlank() {
		float[] probs = steps(step(A, 0.9f), step(A, 0.5f), step(BLANK, 0.9f), step(A, 0.8f), step(B, 0.7f),
				step(SPACE, 0.6f), step(SPACE, 0.9f), step(C, 0.5f), step(BLANK, 0.99f));

		Line line = CtcDecoder.greedy(probs, 0, 9, CLASSES, ALPHABET);

		assertThat(line.text()).isEqualTo("aab c");
		assertThat(line.glyphs()).containsExactly(new Glyph("a", 0, 1, 0.9f), new Glyph("a", 3, 3, 0.8f),
				new Glyph("b", 4, 4, 0.7f), new Glyph(" ", 5, 6, 0.6f), new Glyph("c", 7, 7, 0.5f));
		// Mean of each kept symbol's probability at its first step: (0.9 + 0.8 + 0.7 + 0.6 + 0.5) / 5.
		assertThat(line.confidence()).isCloseTo(0.7, within(1e-6));
	}

	@Test
	void readsTheSampleAtItsOffset() {
		float[] first = steps(step(C, 0.9f), step(C, 0.9f));
		float[] second = steps(step(B, 0.8f), step(BLANK, 0.9f));
		float[] both = new float[first.length + second.length];
		System.arraycopy(first, 0, both, 0, first.length);
		System.arraycopy(second, 0, both, first.length, second.length);

		assertThat(CtcDecoder.greedy(both, 2 * CLASSES, 2, CLASSES, ALPHABET).text()).isEqualTo("b");
	}

	@Test
	void onlyBlanksGiveAnEmptyLineWithZeroConfidence() {
		Line line = CtcDecoder.greedy(steps(step(BLANK, 0.9f), step(BLANK, 0.8f)), 0, 2, CLASSES, ALPHABET);

		assertThat(line.text()).isEmpty();
		assertThat(line.glyphs()).isEmpty();
		assertThat(line.confidence()).isZero();
	}

	@Test
	void blankStepWithASpaceAtTheFloorBecomesASpaceThatDoesNotCountTowardsConfidence() {
		float[] gap = new float[CLASSES];
		gap[BLANK] = 0.9f;
		gap[SPACE] = 0.06f;
		gap[A] = 0.04f;
		float[] probs = steps(step(A, 0.8f), gap, step(B, 0.6f));

		Line line = CtcDecoder.greedy(probs, 0, 3, CLASSES, ALPHABET);

		assertThat(line.text()).isEqualTo("a b");
		assertThat(line.glyphs().get(1)).isEqualTo(new Glyph(" ", 1, 1, 0.06f));
		assertThat(line.confidence()).isCloseTo(0.7, within(1e-6));
	}

	@Test
	void blankStepWithASpaceBelowTheFloorStaysABlank() {
		float[] gap = new float[CLASSES];
		gap[BLANK] = 0.92f;
		gap[SPACE] = 0.04f;
		gap[A] = 0.04f;

		assertThat(CtcDecoder.greedy(steps(step(A, 0.8f), gap, step(B, 0.6f)), 0, 3, CLASSES, ALPHABET).text())
				.isEqualTo("ab");
	}

	@Test
	void wordsSpanHalfAPitchAroundTheirFirstAndLastGlyphCentres() {
		// Glyphs fire at steps 1, 3, 5 (space), 7, 9; at 8 input pixels per step their centres are at
		// 12, 28, 44, 60 and 76 pixels, so the pitch is (76 - 12) / 4 = 16 pixels.
		Line line = new Line("ab cd", 0.9, List.of(new Glyph("a", 1, 1, 0.9f), new Glyph("b", 3, 3, 0.7f),
				new Glyph(" ", 5, 5, 0.5f), new Glyph("c", 7, 7, 0.8f), new Glyph("d", 9, 9, 0.6f)));

		List<Word> words = CtcDecoder.words(line, 8, 100);

		assertThat(words).hasSize(2);
		assertWord(words.get(0), "ab", (0.9 + 0.7) / 2, 0.04, 0.36);
		assertWord(words.get(1), "cd", (0.8 + 0.6) / 2, 0.52, 0.84);
	}

	@Test
	void aGlyphSpanningSeveralStepsIsPlacedAtTheMiddleOfItsRun() {
		// "a" holds steps 0-3 (centre 2 steps = 16 px), "b" step 6 (centre 6.5 steps = 52 px): pitch 36 px.
		Line line = new Line("ab", 0.9, List.of(new Glyph("a", 0, 3, 0.9f), new Glyph("b", 6, 6, 0.9f)));

		Word word = CtcDecoder.words(line, 8, 80).get(0);

		assertThat(word.start()).isCloseTo(0.0, within(1e-9));
		assertThat(word.end()).isCloseTo(70.0 / 80, within(1e-9));
	}

	@Test
	void wordBoxesStayInsideTheLine() {
		Line line = new Line("a b", 0.9,
				List.of(new Glyph("a", 0, 0, 0.9f), new Glyph(" ", 2, 2, 0.9f), new Glyph("b", 4, 4, 0.9f)));

		List<Word> words = CtcDecoder.words(line, 8, 36);

		assertThat(words.get(0).start()).isZero();
		assertThat(words.get(1).end()).isEqualTo(1.0);
	}

	@Test
	void leadingTrailingAndRepeatedSpacesMakeNoEmptyWords() {
		Line line = new Line(" a  b ", 0.9, List.of(new Glyph(" ", 0, 0, 0.9f), new Glyph("a", 2, 2, 0.9f),
				new Glyph(" ", 4, 4, 0.9f), new Glyph(" ", 6, 6, 0.9f), new Glyph("b", 8, 8, 0.9f),
				new Glyph(" ", 10, 10, 0.9f)));

		assertThat(CtcDecoder.words(line, 8, 100)).extracting(Word::text).containsExactly("a", "b");
	}

	private static void assertWord(Word word, String text, double confidence, double start, double end) {
		assertThat(word.text()).isEqualTo(text);
		assertThat(word.confidence()).isCloseTo(confidence, within(1e-6));
		assertThat(word.start()).isCloseTo(start, within(1e-9));
		assertThat(word.end()).isCloseTo(end, within(1e-9));
	}
}
