package app.tasklens.labeling;

/**
 * A label name or parent that a user's images have, as the label filter suggests it: the name as shown,
 * and how many images and tasks it finds.
 */
public record LabelCount(String name, int images, int tasks) {
}
