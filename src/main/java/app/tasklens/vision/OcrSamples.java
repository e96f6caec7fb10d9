package app.tasklens.vision;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.font.FontRenderContext;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import app.tasklens.labeling.TextDetection;

/**
 * Images of known text for measuring OCR: lines drawn with Java2D's sans-serif font onto a page or a dark
 * photo-like background, together with each word and the box it was drawn in. The benchmark renders them
 * itself, so word recall needs no image files.
 */
public final class OcrSamples {

	/** What the text is drawn on. */
	public enum Background {
		/** Black text on white paper. */
		PAPER,
		/** White text on a dark, uneven, noisy background, like a caption over a night photo. */
		DARK_PHOTO
	}

	/** A line to draw, its font size in pixels and whether it is bold. */
	public record TextLine(String text, int fontPx, String font, boolean bold) {

		public TextLine(String text, int fontPx, boolean bold) {
			this(text, fontPx, Font.SANS_SERIF, bold);
		}
	}

	/** A drawn word and the pixel box around its ink. */
	public record Word(String text, Rectangle box) {
	}

	/** A rendered image and the words on it, line by line, left to right. */
	public record Sample(String name, BufferedImage image, List<Word> words) {

		public Sample {
			words = List.copyOf(words);
		}

		/**
		 * Share of the drawn words found among the WORD detections letter for letter, case included; each
		 * detection counts for one drawn word at most. Two words read as one (a dropped space) count as
		 * missed.
		 */
		public double wordRecall(List<TextDetection> found) {
			List<String> read = new ArrayList<>();
			for (TextDetection detection : found) {
				if (detection.type() == TextDetection.Type.WORD) {
					read.add(detection.detectedText());
				}
			}
			long hits = words.stream().filter(word -> read.remove(word.text())).count();
			return words.isEmpty() ? 1 : (double) hits / words.size();
		}
	}

	private static final int MARGIN = 80;

	private OcrSamples() {
	}

	/**
	 * The benchmark set: an A4 page at 150 dpi (1240 x 1754) with a heading and body lines at four sizes, the
	 * same kind of page in small print, and white captions on a dark photo-like 1024 x 768 image.
	 */
	public static List<Sample> benchmark() {
		return List.of(
				render("page", 1240, 1754, Background.PAPER,
						List.of(new TextLine("TASKLENS 2026", 96, true),
								new TextLine("Quarterly report for the garden club", 48, false),
								new TextLine("Meeting on Friday at the library", 40, false),
								new TextLine("Bring seeds, gloves and a notebook", 32, false),
								new TextLine("Questions go to the secretary", 32, false),
								new TextLine("Total budget 4800 dollars", 28, false))),
				render("small-print", 1240, 1754, Background.PAPER,
						List.of(new TextLine("Invoice number 31337", 36, true),
								new TextLine("Payment due within thirty days", 24, false),
								new TextLine("Thank you for your business", 24, false),
								new TextLine("Printed on recycled paper", 20, false))),
				render("caption", 1024, 768, Background.DARK_PHOTO,
						List.of(new TextLine("HAPPY BIRTHDAY", 72, true),
								new TextLine("Summer evening by the lake", 48, false))));
	}

	/**
	 * Draws the lines top to bottom from the top-left margin, each line 1.6 font sizes below the last.
	 *
	 * @throws IllegalArgumentException when a line does not fit the width
	 */
	public static Sample render(String name, int width, int height, Background background, List<TextLine> lines) {
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		paint(image, background);
		Graphics2D g = image.createGraphics();
		try {
			g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
			g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
			g.setColor(background == Background.PAPER ? Color.BLACK : Color.WHITE);
			FontRenderContext frc = g.getFontRenderContext();
			List<Word> words = new ArrayList<>();
			double baseline = MARGIN;
			for (TextLine line : lines) {
				Font font = new Font(line.font(), line.bold() ? Font.BOLD : Font.PLAIN, line.fontPx());
				g.setFont(font);
				baseline += line.fontPx() * 1.6;
				double lineWidth = font.getStringBounds(line.text(), frc).getWidth();
				if (MARGIN + lineWidth > width - MARGIN || baseline > height - MARGIN) {
					throw new IllegalArgumentException("\"" + line.text() + "\" does not fit " + width + "x" + height);
				}
				g.drawString(line.text(), MARGIN, (float) baseline);
				int from = 0;
				for (String word : line.text().split(" ")) {
					int at = line.text().indexOf(word, from);
					double x = MARGIN + font.getStringBounds(line.text().substring(0, at), frc).getWidth();
					Rectangle2D ink = font.createGlyphVector(frc, word).getVisualBounds();
					words.add(new Word(word, new Rectangle2D.Double(x + ink.getX(), baseline + ink.getY(),
							ink.getWidth(), ink.getHeight()).getBounds()));
					from = at + word.length();
				}
			}
			return new Sample(name, image, words);
		}
		finally {
			g.dispose();
		}
	}

	private static void paint(BufferedImage image, Background background) {
		int w = image.getWidth();
		int h = image.getHeight();
		if (background == Background.PAPER) {
			Graphics2D g = image.createGraphics();
			g.setColor(Color.WHITE);
			g.fillRect(0, 0, w, h);
			g.dispose();
			return;
		}
		// Slow waves of dark blue and brown with fixed-seed grain: texture for the detector to ignore.
		SplittableRandom grain = new SplittableRandom(2026);
		int[] rgb = new int[w * h];
		for (int y = 0; y < h; y++) {
			for (int x = 0; x < w; x++) {
				double wave = Math.sin(x / 97.0) * Math.cos(y / 71.0) + Math.sin((x + y) / 151.0);
				int noise = grain.nextInt(-12, 13);
				int r = clamp(40 + (int) (18 * wave) + noise);
				int g = clamp(36 + (int) (10 * wave) + noise);
				int b = clamp(60 - (int) (16 * wave) + noise);
				rgb[y * w + x] = r << 16 | g << 8 | b;
			}
		}
		image.setRGB(0, 0, w, h, rgb, 0, w);
	}

	private static int clamp(int v) {
		return Math.max(0, Math.min(255, v));
	}
}
