# `sam build` calls these targets (template.yaml: Metadata BuildMethod makefile) with ARTIFACTS_DIR set: both
# functions run from the one deployment package that ./mvnw -Paws package builds. The package's own check
# (LambdaArtifactTest, which needs the test stand-ins) is left to CI here.
build-ApiFunction build-LabelFunction:
	./mvnw -q -B -Paws -DskipTests -Dtasklens.skip-package-check=true package
	unzip -q -o target/tasklens-lambda.zip -d "$(ARTIFACTS_DIR)"
