/**
 * DynamoDB adapters of the domain ports, in one table ({@code tasklens.store=dynamodb}): items keyed in the
 * workshop's shape ({@code user#<id>} / {@code task#<id>}), conditional writes where SQL has constraints, and
 * the writes of one Spring transaction sent together as one {@code TransactWriteItems} at commit.
 */
package app.tasklens.adapter.dynamodb;
