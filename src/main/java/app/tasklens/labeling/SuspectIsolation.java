package app.tasklens.labeling;

import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Runs a suspect job alone on this process. A job whose process died while holding it may be what killed
 * the process, or may only have been in flight beside the one that did (a {@code kill -9} takes every job
 * the process held). Tried again alone, an innocent job is labeled, and a process that dies once more
 * while it runs alone has named the culprit: the next claim counts a second crash and fails it at once.
 *
 * <p>Ordinary jobs share the process; a suspect waits for the running ones to finish and holds back new
 * ones until it is done. The lock is fair, so a stream of ordinary jobs cannot starve a suspect.
 */
final class SuspectIsolation {

	private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock(true);

	/** Runs {@code work} beside other ordinary jobs, or alone when {@code suspect}. */
	void run(boolean suspect, Runnable work) {
		Lock held = suspect ? lock.writeLock() : lock.readLock();
		held.lock();
		try {
			work.run();
		}
		finally {
			held.unlock();
		}
	}
}
