package app.tasklens.adapter.jdbc;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;

/** The JDBC adapters serve unless another store is chosen ({@code tasklens.store=dynamodb}). */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ConditionalOnExpression("'${tasklens.store:sqlite}' != 'dynamodb'")
@interface JdbcStore {
}
