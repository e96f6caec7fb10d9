package app.tasklens.attachment;

import java.nio.charset.StandardCharsets;

/** How an image is named to the browser that shows it, whether this server or the bucket sends it. */
public final class ContentDispositions {

	private static final char[] HEX = "0123456789ABCDEF".toCharArray();

	private ContentDispositions() {
	}

	/**
	 * {@code inline; filename="<ASCII fallback>"; filename*=UTF-8''<percent-encoded>} (RFC 6266): the user's
	 * name survives in any language, and no quote, backslash or line break reaches the header.
	 */
	public static String inline(String filename) {
		StringBuilder fallback = new StringBuilder();
		filename.codePoints()
			.forEach(c -> fallback.append(c >= 0x20 && c < 0x7F && c != '"' && c != '\\' && c != '%' ? (char) c : '_'));
		return "inline; filename=\"" + fallback + "\"; filename*=UTF-8''" + percentEncoded(filename);
	}

	/** Every byte but the unreserved ones ({@code A-Z a-z 0-9 - . _ ~}) as {@code %XX} of its UTF-8. */
	private static String percentEncoded(String text) {
		StringBuilder out = new StringBuilder();
		for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
			char c = (char) (b & 0xFF);
			if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
					|| c == '_' || c == '~') {
				out.append(c);
			}
			else {
				out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
			}
		}
		return out.toString();
	}
}
