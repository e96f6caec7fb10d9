package app.tasklens.vision;

import java.util.Optional;

import org.springframework.stereotype.Component;

import app.tasklens.labeling.LabelEdits;
import app.tasklens.labeling.LabelVocabulary;

/**
 * The on-box labeler's vocabulary: the WordNet label hierarchy it names labels from, read from the classpath
 * (no model needed, so it serves whichever detector runs).
 */
@Component
class HierarchyLabelVocabulary implements LabelVocabulary {

	private final LabelHierarchy hierarchy = LabelHierarchy.fromClasspath();

	@Override
	public Optional<LabelEdits.Added> find(String name) {
		return hierarchy.byName(name).map(node -> new LabelEdits.Added(node.name(),
				hierarchy.ancestors(node).stream().map(LabelHierarchy.LabelNode::name).distinct().toList(),
				node.aliases()));
	}
}
