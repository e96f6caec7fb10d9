package app.tasklens.attachment;

import java.util.Locale;
import java.util.Optional;

/** The image formats an attachment may have; the bytes decide, never a header or a file name. */
public enum ImageType {

	JPEG("image/jpeg", "jpg"), PNG("image/png", "png"), WEBP("image/webp", "webp");

	private final String mediaType;
	private final String extension;

	ImageType(String mediaType, String extension) {
		this.mediaType = mediaType;
		this.extension = extension;
	}

	public String mediaType() {
		return mediaType;
	}

	public String extension() {
		return extension;
	}

	/** The type a client declares ({@code image/jpeg; charset=…} or the common misspelling {@code image/jpg}). */
	public static Optional<ImageType> ofMediaType(String value) {
		if (value == null) {
			return Optional.empty();
		}
		int semicolon = value.indexOf(';');
		String bare = (semicolon < 0 ? value : value.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
		if (bare.equals("image/jpg")) {
			return Optional.of(JPEG);
		}
		for (ImageType type : values()) {
			if (type.mediaType.equals(bare)) {
				return Optional.of(type);
			}
		}
		return Optional.empty();
	}
}
