package app.tasklens.attachment;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The key of an attachment's image in the object store, {@code <owner>/<task>/<attachment>.<ext>}, made of
 * ids only (never of the client's file name). Its thumbnail is kept beside it as
 * {@code <owner>/<task>/<attachment>.thumb.jpg}, which is not an image key.
 */
public record ObjectKey(String ownerId, String taskId, String attachmentId, ImageType type) {

	private static final String ID = "([A-Za-z0-9_-]{22})";
	private static final Pattern IMAGE = Pattern.compile(ID + "/" + ID + "/" + ID + "\\.(jpg|png|webp)");

	/** The ids and type in an image key, or empty for any other key (a thumbnail, an object not made here). */
	public static Optional<ObjectKey> parse(String key) {
		Matcher matcher = key == null ? null : IMAGE.matcher(key);
		if (matcher == null || !matcher.matches()) {
			return Optional.empty();
		}
		for (ImageType type : ImageType.values()) {
			if (type.extension().equals(matcher.group(4))) {
				return Optional.of(new ObjectKey(matcher.group(1), matcher.group(2), matcher.group(3), type));
			}
		}
		return Optional.empty();
	}

	static String of(String ownerId, String taskId, String attachmentId, String suffix) {
		return ownerId + "/" + taskId + "/" + attachmentId + "." + suffix;
	}

	@Override
	public String toString() {
		return of(ownerId, taskId, attachmentId, type.extension());
	}
}
