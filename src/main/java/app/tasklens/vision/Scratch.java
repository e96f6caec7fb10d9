package app.tasklens.vision;

/** A float array that grows to the largest size asked for and is then reused by its one thread. */
final class Scratch {

	private float[] floats = new float[0];

	float[] floats(int size) {
		if (floats.length < size) {
			floats = new float[size];
		}
		return floats;
	}
}
