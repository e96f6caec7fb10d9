package app.tasklens.labeling;

import java.util.Optional;

/**
 * The label names a detector knows, with their parents and aliases (port): a label the user types is given
 * the same place in the hierarchy as a detected one of that name, so "animal" finds a dog the user named.
 */
public interface LabelVocabulary {

	/** The known label of that name (any case), spelled as the vocabulary spells it. */
	Optional<LabelEdits.Added> find(String name);
}
