/** The local file system adapter of the object store: objects as files under the data directory. */
package app.tasklens.adapter.localfs;
