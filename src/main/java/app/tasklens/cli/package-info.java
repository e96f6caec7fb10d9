/** The commands of {@code ./tasklens} besides {@code serve}: labeling files from the shell and the benchmarks. */
package app.tasklens.cli;
