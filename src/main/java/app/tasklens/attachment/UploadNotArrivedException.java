package app.tasklens.attachment;

/** The client says it sent the bytes, but the object store has nothing under the attachment's key. */
public class UploadNotArrivedException extends RuntimeException {

	public UploadNotArrivedException() {
		super("the image has not arrived in the object store; send it to the upload target first");
	}
}
