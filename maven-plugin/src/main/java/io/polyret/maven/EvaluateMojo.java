package io.polyret.maven;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Evaluates a model on a retrieval benchmark (monolingual, cross-lingual and multilingual mAP and
 * recall, language bias) and writes the evaluation result JSON that {@code polyret:report} and
 * {@code polyret:check} read. Bound to {@code verify} by default.
 */
@Mojo(name = "evaluate", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class EvaluateMojo extends AbstractPolyretMojo {

    /** JSON file of evaluation settings; the parameters below override its fields. */
    @Parameter(property = "polyret.evaluate.configFile")
    File configFile;

    /** Model directory (checkpoint or exported model). */
    @Parameter(property = "polyret.model", defaultValue = "${project.build.directory}/polyret/model")
    File model;

    /** Benchmark directory (LAReQA {@code {lang}.json} files, or MIRACL). */
    @Parameter(property = "polyret.evaluate.data")
    File data;

    /** Benchmark format: {@code lareqa} or {@code miracl}. */
    @Parameter(property = "polyret.evaluate.format")
    String format;

    /** Languages to evaluate; all languages found when empty. */
    @Parameter(property = "polyret.evaluate.languages")
    List<String> languages;

    /** Where the evaluation result (JSON) is written. */
    @Parameter(property = "polyret.evaluationFile", defaultValue = "${project.build.directory}/polyret/evaluation.json")
    File evaluationFile;

    /** Also write a TREC run file here. */
    @Parameter(property = "polyret.evaluate.runFile")
    File runFile;

    /** Texts per encoding batch. */
    @Parameter(property = "polyret.evaluate.batchSize")
    Integer batchSize;

    /** Skips this goal. */
    @Parameter(property = "polyret.evaluate.skip", defaultValue = "false")
    boolean skipEvaluate;

    @Override
    protected String goal() {
        return "evaluate";
    }

    @Override
    protected boolean skipGoal() {
        return skipEvaluate;
    }

    /** The configuration fields this goal hands to the evaluator. */
    ObjectNode settings() throws MojoFailureException {
        ObjectNode settings = settings(configFile);
        put(settings, "model", model);
        put(settings, "data", data);
        put(settings, "format", format);
        put(settings, "languages", languages);
        put(settings, "output", evaluationFile);
        put(settings, "run_file", runFile);
        put(settings, "batch_size", batchSize);
        return settings;
    }

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        runEngine("evaluate", settings());
    }
}
