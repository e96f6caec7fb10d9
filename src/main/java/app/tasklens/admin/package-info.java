/**
 * The operator's view of the server: accounts with what they store, the models' health, the labeling queue and
 * its recent failures; for admins only.
 */
package app.tasklens.admin;
