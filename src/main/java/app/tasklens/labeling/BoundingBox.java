package app.tasklens.labeling;

/**
 * A box as ratios of the image's width and height (0–1), in the orientation the user sees (EXIF
 * orientation applied), origin top left.
 */
public record BoundingBox(double left, double top, double width, double height) {
}
