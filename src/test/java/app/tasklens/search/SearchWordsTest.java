package app.tasklens.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class SearchWordsTest {

	@Test
	void aPluralAndItsSingularAreOneWord() {
		for (String[] pair : new String[][] { { "dogs", "Dog" }, { "berries", "Berry" }, { "cookies", "cookie" },
				{ "glasses", "glass" }, { "boxes", "box" }, { "watches", "watch" }, { "leaves", "leaf" },
				{ "knives", "knife" }, { "shelves", "shelf" }, { "gloves", "glove" }, { "horses", "horse" },
				{ "children", "child" }, { "women", "woman" }, { "firemen", "fireman" }, { "mice", "mouse" },
				{ "people", "person" }, { "tomatoes", "tomato" }, { "skies", "sky" }, { "buses", "bus" } }) {
			assertThat(SearchWords.of(pair[0])).as(pair[0] + " / " + pair[1]).isEqualTo(SearchWords.of(pair[1]));
		}
	}

	@Test
	void wordsThatOnlyLookPluralStayApart() {
		assertThat(SearchWords.of("glass")).isNotEqualTo(SearchWords.of("gla"));
		assertThat(SearchWords.of("cactus bus tennis")).containsExactly("cactus", "bus", "tennis");
		assertThat(SearchWords.of("day days toy")).containsExactly("day", "toy");
	}

	@Test
	void textIsSplitAtAnythingButLettersAndDigitsWithCaseAndAccentsFolded() {
		assertThat(SearchWords.of("Soccer Ball, CAFÉ au-lait 2026! Dog's bowl")).containsExactly("soccer", "ball",
				"cafe", "au", "lait", "2026", "dog", "bowl");
		assertThat(SearchWords.of("Straße Ελλάδα 東京")).containsExactly("straße", "ελλαδα", "東京");
		assertThat(SearchWords.of("  ,.;  ")).isEmpty();
		assertThat(SearchWords.of((String) null)).isEmpty();
	}

	@Test
	void aQueryWordFindsItsBaseFormOrAWordItBegins() {
		List<SearchWords.QueryWord> dogs = SearchWords.query("dogs");
		assertThat(dogs).containsExactly(new SearchWords.QueryWord("dog", "dogs"));
		assertThat(dogs.get(0).finds("dog")).isTrue();
		assertThat(dogs.get(0).finds("dogwood")).isFalse();

		SearchWords.QueryWord soc = SearchWords.query("Soc").get(0);
		assertThat(soc.finds("soccer")).isTrue();
		assertThat(SearchWords.query("so").get(0).finds("soccer")).as("two letters begin too many words").isFalse();
		assertThat(SearchWords.query("so").get(0).finds("so")).isTrue();
	}

	@Test
	void everyQueryWordMustBeFound() {
		Set<String> stored = SearchWords.of("Soccer Ball in the garden");
		assertThat(SearchWords.allFound(SearchWords.query("soccer balls"), stored)).isTrue();
		assertThat(SearchWords.allFound(SearchWords.query("soccer cat"), stored)).isFalse();
		assertThat(SearchWords.allFound(SearchWords.query("!!"), stored)).as("a query without words").isFalse();
	}

	@Test
	void aQueryIsCutToItsFirstDistinctWords() {
		assertThat(SearchWords.query("a a b c d e f g h i j")).hasSize(SearchWords.MAX_QUERY_WORDS)
			.extracting(SearchWords.QueryWord::prefix).startsWith("a", "b");
	}
}
