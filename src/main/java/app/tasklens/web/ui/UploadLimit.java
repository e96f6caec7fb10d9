package app.tasklens.web.ui;

import java.util.Locale;

/**
 * The largest image the server takes, for the attach control: {@code js/app.js} refuses a bigger file
 * before sending it, and the page says the limit. The server still checks every upload.
 *
 * @param text for people, in the binary megabytes the setting is written in: "15 MB"
 */
record UploadLimit(long maxBytes, String text) {

	private static final long MEGABYTE = 1024 * 1024;

	static UploadLimit of(long maxBytes) {
		String text = maxBytes % MEGABYTE == 0 ? maxBytes / MEGABYTE + " MB"
				: maxBytes >= MEGABYTE ? String.format(Locale.ROOT, "%.1f MB", (double) maxBytes / MEGABYTE)
						: String.format(Locale.ROOT, "%d KB", Math.max(1, maxBytes / 1024));
		return new UploadLimit(maxBytes, text);
	}
}
