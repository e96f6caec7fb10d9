package app.tasklens.web.api;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.TransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import app.tasklens.web.DiskFull;

/**
 * A database write that failed because the disk is full is a 507 that says so, on every route of the API,
 * instead of a 500; any other database failure stays the API's anonymous 500.
 */
@RestControllerAdvice(basePackageClasses = ApiProblems.class)
@Order(ApiProblems.ORDER)
class StorageProblems {

	private static final Logger log = LoggerFactory.getLogger(StorageProblems.class);

	@ExceptionHandler({ DataAccessException.class, TransactionException.class })
	ResponseEntity<ProblemDetail> database(RuntimeException ex) {
		if (DiskFull.causes(ex)) {
			log.warn("a write failed: the data folder's disk is full", ex);
			return ResponseEntity.status(HttpStatus.INSUFFICIENT_STORAGE).body(ApiProblems.problem(
					HttpStatus.INSUFFICIENT_STORAGE, DiskFull.MESSAGE));
		}
		log.error("unexpected database error in the JSON API", ex);
		return ResponseEntity.internalServerError()
			.body(ApiProblems.problem(HttpStatus.INTERNAL_SERVER_ERROR, "unexpected error; it has been logged"));
	}
}
