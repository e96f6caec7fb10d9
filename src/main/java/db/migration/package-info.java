/**
 * Flyway's Java migrations, in the folder Flyway reads beside the SQL ones ({@code db/migration}): only
 * where a step needs code that SQL does not have, such as indexing what is already stored.
 */
package db.migration;
