/**
 * The Lambda entry points of {@code template.yaml}, as thin as they can be: the HTTP app runs unchanged behind
 * API Gateway ({@link app.tasklens.aws.ApiFunction}); the object-created handler hands each record of an S3
 * event to the same use cases the local store calls ({@link app.tasklens.aws.ObjectCreatedFunction}).
 */
package app.tasklens.aws;
