package app.tasklens.account;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Refuses passwords that are long enough but obviously guessable: only whitespace, one run of consecutive or
 * repeated characters ({@code 1234567890}, {@code abcdefghij}, {@code aaaaaaaaaa}), the username or a password
 * containing it, and the entries of {@code account/common-passwords.txt} (its header names its source).
 */
final class WeakPasswords {

	private static final Set<String> COMMON = load();

	private WeakPasswords() {
	}

	/** Why {@code password} is too easy to guess, as a sentence for the user; empty when it is not. */
	static Optional<String> reason(String password, String username) {
		String lower = password.toLowerCase(Locale.ROOT);
		if (password.isBlank()) {
			return Optional.of("The password cannot be only spaces.");
		}
		if (username != null && username.length() >= 3 && lower.contains(username.toLowerCase(Locale.ROOT))) {
			return Optional.of("The password cannot contain your username.");
		}
		if (isRun(lower)) {
			return Optional.of("The password cannot be a sequence or a repeated character, like 1234567890.");
		}
		if (COMMON.contains(lower.strip())) {
			return Optional.of("This password is one of the most common ones. Choose another.");
		}
		return Optional.empty();
	}

	/** Every step between neighbouring characters is the same and is -1, 0 or +1 ({@code 9876543210}, {@code aaaa}). */
	private static boolean isRun(String password) {
		int[] chars = password.codePoints().toArray();
		int step = chars[1] - chars[0];
		if (Math.abs(step) > 1) {
			return false;
		}
		for (int i = 2; i < chars.length; i++) {
			// 7890: a digit sequence may wrap from 9 to 0.
			int delta = chars[i] - chars[i - 1];
			boolean wraps = step == 1 && chars[i - 1] == '9' && chars[i] == '0';
			if (delta != step && !wraps) {
				return false;
			}
		}
		return true;
	}

	private static Set<String> load() {
		try (InputStream in = WeakPasswords.class.getResourceAsStream("/account/common-passwords.txt")) {
			if (in == null) {
				throw new IllegalStateException("account/common-passwords.txt is missing from the classpath");
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
				.map(String::strip)
				.filter(line -> !line.isEmpty() && !line.startsWith("#"))
				.map(line -> line.toLowerCase(Locale.ROOT))
				.collect(Collectors.toUnmodifiableSet());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}
}
