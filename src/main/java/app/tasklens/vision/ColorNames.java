package app.tasklens.vision;

/**
 * Names a colour with one of the twelve plain words Rekognition uses for {@code SimplifiedColor}, by hue,
 * saturation and value: greys first (low saturation), then hue sectors, with dark oranges as brown and pale
 * reds as pink, the way people name them.
 */
final class ColorNames {

	private ColorNames() {
	}

	static String simplified(int r, int g, int b) {
		int max = Math.max(r, Math.max(g, b));
		int min = Math.min(r, Math.min(g, b));
		double value = max / 255.0;
		double saturation = max == 0 ? 0 : (max - min) / (double) max;
		if (value < 0.18) {
			return "black";
		}
		if (saturation < 0.18 || max - min < 26) {
			return value > 0.85 ? "white" : value < 0.25 ? "black" : "grey";
		}
		double hue = hue(r, g, b, max, min);
		if (hue < 15 || hue >= 340) {
			return saturation < 0.5 && value > 0.7 ? "pink" : "red";
		}
		if (hue < 45) {
			return value < 0.65 || saturation < 0.45 ? "brown" : "orange";
		}
		if (hue < 70) {
			return value >= 0.55 ? "yellow" : hue < 55 ? "brown" : "green";
		}
		if (hue < 165) {
			return "green";
		}
		if (hue < 200) {
			return "teal";
		}
		if (hue < 255) {
			return "blue";
		}
		return hue < 305 ? "purple" : "pink";
	}

	/** Hue in degrees, 0 ≤ h < 360; {@code max > min}. */
	static double hue(int r, int g, int b, int max, int min) {
		double delta = max - min;
		double hue;
		if (max == r) {
			hue = 60 * ((g - b) / delta);
		}
		else if (max == g) {
			hue = 60 * ((b - r) / delta + 2);
		}
		else {
			hue = 60 * ((r - g) / delta + 4);
		}
		return hue < 0 ? hue + 360 : hue;
	}
}
