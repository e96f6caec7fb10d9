package app.tasklens.attachment;

/** How much room is left where the server keeps its data (port): the database and the stored images. */
public interface FreeSpace {

	/** Bytes that can still be written; {@link Long#MAX_VALUE} where the store has no such limit. */
	long usableBytes();
}
