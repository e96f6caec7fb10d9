package app.tasklens.search;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Text as the words search compares: split at anything that is not a letter or digit, lower case, accents
 * folded ("Café" and "cafe" are one word), and each word reduced to a simple base form, so that "dogs" finds
 * "Dog", "berries" finds "Berry" and "glasses" finds "Glass". Stored text and a query go through the same
 * steps; the rules are deliberately few (plurals, a possessive, a dozen irregular nouns) because a wrong
 * rule joins words a person keeps apart, and such a join is worse than a missed plural. A base form is a
 * key, not always a word: "leaf" and "leaves" both become "leave", so that they meet.
 */
public final class SearchWords {

	/** Longer words are cut: no label or English word is near it, and the column stays small. */
	public static final int MAX_WORD = 64;
	/** Shorter query words are matched whole only: two letters begin too many words to mean one. */
	public static final int MIN_PREFIX = 3;
	/** A query of more words is cut to these; each one is a lookup. */
	public static final int MAX_QUERY_WORDS = 8;

	private static final Pattern MARKS = Pattern.compile("\\p{M}+");
	private static final Pattern POSSESSIVE = Pattern.compile("['’]s\\b");

	private static final Map<String, String> IRREGULAR = Map.ofEntries(Map.entry("children", "child"),
			Map.entry("people", "person"), Map.entry("men", "man"), Map.entry("women", "woman"),
			Map.entry("mice", "mouse"), Map.entry("geese", "goose"), Map.entry("teeth", "tooth"),
			Map.entry("feet", "foot"), Map.entry("oxen", "ox"), Map.entry("cacti", "cactus"),
			Map.entry("fungi", "fungus"), Map.entry("dice", "die"), Map.entry("potatoes", "potato"),
			Map.entry("tomatoes", "tomato"), Map.entry("heroes", "hero"), Map.entry("buses", "bus"));

	/**
	 * One word of a query: it finds a stored word equal to its base form, or one that starts with it as
	 * typed ("socc" finds "soccer" while the user types).
	 *
	 * @param base the base form, compared for equality
	 * @param prefix the word as typed (lower case, folded), compared as a prefix
	 */
	public record QueryWord(String base, String prefix) {

		/**
		 * Whether {@code stored} (a base form) is found by this word: equal to its base form, or, once the word
		 * has {@value #MIN_PREFIX} characters, starting with it as typed. The JDBC adapter asks the same in SQL.
		 */
		public boolean finds(String stored) {
			return stored.equals(base)
					|| prefix.codePointCount(0, prefix.length()) >= MIN_PREFIX && stored.startsWith(prefix);
		}
	}

	private SearchWords() {
	}

	/** The distinct base forms of the words in {@code text}, in order of appearance. */
	public static Set<String> of(String text) {
		Set<String> words = new LinkedHashSet<>();
		for (String word : split(text)) {
			words.add(base(word));
		}
		return words;
	}

	/** The base forms of the words of several texts. */
	public static Set<String> of(Iterable<String> texts) {
		Set<String> words = new LinkedHashSet<>();
		for (String text : texts) {
			words.addAll(of(text));
		}
		return words;
	}

	/** The words of a query, each of which must be found; at most {@value #MAX_QUERY_WORDS}. */
	public static List<QueryWord> query(String text) {
		Set<String> seen = new LinkedHashSet<>(split(text));
		List<QueryWord> words = new ArrayList<>();
		for (String word : seen) {
			if (words.size() == MAX_QUERY_WORDS) {
				break;
			}
			words.add(new QueryWord(base(word), word));
		}
		return words;
	}

	/** Whether every word of a query finds one of {@code stored}. */
	public static boolean allFound(List<QueryWord> query, Set<String> stored) {
		return !query.isEmpty() && query.stream().allMatch(word -> stored.stream().anyMatch(word::finds));
	}

	/** Lower case, accents folded, split at anything that is not a letter or a digit. */
	static List<String> split(String text) {
		List<String> words = new ArrayList<>();
		if (text == null || text.isEmpty()) {
			return words;
		}
		String folded = MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFKD)).replaceAll("");
		folded = POSSESSIVE.matcher(folded.toLowerCase(Locale.ROOT)).replaceAll("");
		int start = -1;
		for (int i = 0; i <= folded.length(); ) {
			int c = i < folded.length() ? folded.codePointAt(i) : ' ';
			boolean inWord = i < folded.length() && Character.isLetterOrDigit(c);
			if (inWord && start < 0) {
				start = i;
			}
			else if (!inWord && start >= 0) {
				words.add(cut(folded.substring(start, i)));
				start = -1;
			}
			i += i < folded.length() ? Character.charCount(c) : 1;
		}
		return words;
	}

	/** The base form of one lower-case word: the singular of a regular English plural. */
	static String base(String word) {
		String irregular = IRREGULAR.get(word);
		if (irregular != null) {
			return irregular;
		}
		int n = word.length();
		if (n < 2 || !Character.isLetter(word.charAt(n - 1))) {
			return word;
		}
		return yToIe(fToVe(n <= 3 ? word : singular(word)));
	}

	private static String singular(String word) {
		int n = word.length();
		if (word.endsWith("sses") || word.endsWith("xes") || word.endsWith("ches") || word.endsWith("shes")
				|| word.endsWith("zzes")) {
			return word.substring(0, n - 2);
		}
		if (word.endsWith("men") && n > 4) {
			return word.substring(0, n - 3) + "man";
		}
		if (word.endsWith("s") && !word.endsWith("ss") && !word.endsWith("us") && !word.endsWith("is")) {
			return word.substring(0, n - 1);
		}
		return word;
	}

	/**
	 * "leaf"/"leaves", "knife"/"knives", "shelf"/"shelves" meet at "-ve", where "gloves" and "olives" already
	 * are once their s goes: one rule instead of a list of which -ves plurals come from an f. Of the -fe words
	 * only -ife ones have -ves plurals ("cafe", "safe" keep theirs).
	 */
	private static String fToVe(String word) {
		int n = word.length();
		if (n > 3 && word.endsWith("ife")) {
			return word.substring(0, n - 2) + "ve";
		}
		if (n > 2 && word.endsWith("f") && !word.endsWith("ff")) {
			return word.substring(0, n - 1) + "ve";
		}
		return word;
	}

	/** "berry"/"berries" and "cookie"/"cookies" both meet once the s goes: a y after a consonant is "ie". */
	private static String yToIe(String word) {
		int n = word.length();
		if (n > 2 && word.charAt(n - 1) == 'y' && "aeiouy".indexOf(word.charAt(n - 2)) < 0) {
			return word.substring(0, n - 1) + "ie";
		}
		return word;
	}

	private static String cut(String word) {
		return word.length() <= MAX_WORD ? word : word.substring(0, MAX_WORD);
	}
}
