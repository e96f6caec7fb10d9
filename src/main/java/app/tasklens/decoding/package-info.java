/**
 * Memory for decoding images: one budget, derived from the heap, that every decoder of the server
 * (labeling, thumbnails, the label-now endpoints) reserves its pixels from before it allocates them.
 */
package app.tasklens.decoding;
