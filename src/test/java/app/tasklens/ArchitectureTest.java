package app.tasklens;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The domain packages hold the rules and the ports; technologies stay in adapters and at the web edge,
 * so that the SQL, S3, DynamoDB and Rekognition adapters fit without touching the domain.
 */
class ArchitectureTest {

	private static final String[] DOMAIN = { "app.tasklens.account..", "app.tasklens.task..",
			"app.tasklens.attachment..", "app.tasklens.labeling.." };

	private static JavaClasses classes;

	@BeforeAll
	static void importClasses() {
		classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages("app.tasklens");
	}

	@Test
	void domainDoesNotDependOnAdaptersOrEdges() {
		noClasses().that().resideInAnyPackage(DOMAIN)
			.should().dependOnClassesThat()
			.resideInAnyPackage("app.tasklens.adapter..", "app.tasklens.web..", "app.tasklens.cli..",
					"app.tasklens.vision..")
			.check(classes);
	}

	@Test
	void domainDoesNotDependOnInfrastructure() {
		noClasses().that().resideInAnyPackage(DOMAIN)
			.should().dependOnClassesThat()
			.resideInAnyPackage("software.amazon..", "ai.onnxruntime..", "java.sql..", "javax.sql..",
					"org.springframework.jdbc..", "org.springframework.web..", "jakarta.servlet..")
			.check(classes);
	}

	@Test
	void onlyTheVisionPackageRunsModels() {
		noClasses().that().resideOutsideOfPackages("app.tasklens.vision..")
			.should().dependOnClassesThat().resideInAnyPackage("ai.onnxruntime..")
			.check(classes);
	}

	@Test
	void onlyAdaptersAndTheLambdaEdgeTalkToAws() {
		noClasses().that().resideOutsideOfPackages("app.tasklens.adapter..", "app.tasklens.aws..")
			.should().dependOnClassesThat().resideInAnyPackage("software.amazon..", "com.amazonaws..")
			.check(classes);
	}

	@Test
	void onlyTheS3AdapterTalksToS3() {
		noClasses().that().resideOutsideOfPackages("app.tasklens.adapter.s3..")
			.should().dependOnClassesThat().resideInAnyPackage("software.amazon.awssdk.services.s3..")
			.check(classes);
	}

	@Test
	void adaptersDoNotDependOnTheWebEdge() {
		noClasses().that().resideInAnyPackage("app.tasklens.adapter..")
			.should().dependOnClassesThat().resideInAnyPackage("app.tasklens.web..", "app.tasklens.cli..")
			.check(classes);
	}
}
