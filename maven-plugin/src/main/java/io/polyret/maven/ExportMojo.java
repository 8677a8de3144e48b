package io.polyret.maven;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/** Exports a trained checkpoint as a TensorFlow SavedModel. Not bound to a phase: {@code mvn polyret:export}. */
@Mojo(name = "export", threadSafe = true)
public class ExportMojo extends AbstractForkingMojo {

    /** Training output directory (the {@code outputDir} of {@code polyret:train}); its best checkpoint is exported. */
    @Parameter(property = "polyret.export.model", defaultValue = "${project.build.directory}/polyret/training")
    File model;

    /** Polyret model directory to write: TensorFlow SavedModel, tokenizer, config.json, polyret-model.json. */
    @Parameter(property = "polyret.exportDirectory", defaultValue = "${project.build.directory}/polyret/exported")
    File outputDir;

    /** Skips this goal. */
    @Parameter(property = "polyret.export.skip", defaultValue = "false")
    boolean skipExport;

    @Override
    protected String goal() {
        return "export";
    }

    @Override
    protected boolean skipGoal() {
        return skipExport;
    }

    /** The configuration fields this goal hands to the exporter. */
    ObjectNode settings() throws MojoFailureException {
        ObjectNode settings = settings(null);
        put(settings, "model", model);
        put(settings, "outputDir", outputDir);
        return settings;
    }

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        runCommand("export", settings());
    }
}
