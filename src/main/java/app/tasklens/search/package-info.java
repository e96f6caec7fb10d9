/**
 * Search: how text becomes the words that {@code q} finds (lower case, accents folded, simple English word
 * forms), shared by the tasks' titles and notes and the images' labels and text.
 */
package app.tasklens.search;
