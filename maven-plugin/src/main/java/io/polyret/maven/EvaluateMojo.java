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
 * recall, language bias) in a forked JVM and writes {@code <outputDir>/evaluation.json}, which
 * {@code polyret:report} and {@code polyret:check} read. Bound to {@code verify} by default.
 */
@Mojo(name = "evaluate", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class EvaluateMojo extends AbstractForkingMojo {

    /** JSON file of evaluation settings; the parameters below override its fields. */
    @Parameter(property = "polyret.evaluate.configFile")
    File configFile;

    /** Model directory (written by {@code polyret:train} into {@code <outputDir>/model}, or by {@code polyret import}). */
    @Parameter(property = "polyret.model", defaultValue = "${project.build.directory}/polyret/training/model")
    File model;

    /** LAReQA benchmark directory ({@code {lang}.json} files). */
    @Parameter(property = "polyret.evaluate.data")
    File data;

    /** Benchmark format: {@code lareqa} (default), {@code miracl} or {@code trec}. */
    @Parameter(property = "polyret.evaluate.benchmark")
    String benchmark;

    /** MIRACL / TREC: topics file ({@code qid<TAB>query}). */
    @Parameter(property = "polyret.evaluate.topics")
    File topics;

    /** MIRACL / TREC: qrels file. */
    @Parameter(property = "polyret.evaluate.qrels")
    File qrels;

    /** MIRACL / TREC: corpus JSON-lines files or folders of them. */
    @Parameter(property = "polyret.evaluate.corpus")
    List<File> corpus;

    /** MIRACL / TREC: the collection's language. */
    @Parameter(property = "polyret.evaluate.language")
    String language;

    /** Languages to evaluate; all languages found when empty. */
    @Parameter(property = "polyret.evaluate.languages")
    List<String> languages;

    /** Directory of {@code evaluation.json} (and {@code runs/} with {@code trecRuns}). */
    @Parameter(property = "polyret.evaluate.outputDir", defaultValue = "${project.build.directory}/polyret")
    File outputDir;

    /** Also write one TREC run file per setting and language pair, with matching qrels, under {@code runs/}. */
    @Parameter(property = "polyret.evaluate.trecRuns")
    Boolean trecRuns;

    /** Name of this run in reports; the model directory's name when empty. */
    @Parameter(property = "polyret.evaluate.runName")
    String runName;

    /** Benchmark name in reports ({@code xquad-r}, {@code mlqa-r} show the paper's numbers); the data directory's name when empty. */
    @Parameter(property = "polyret.evaluate.benchmarkName")
    String benchmarkName;

    /** Texts per encoding batch. */
    @Parameter(property = "polyret.evaluate.batchSize")
    Integer batchSize;

    /** Directory of cached embeddings, keyed by model and data checksums; no cache when empty. */
    @Parameter(property = "polyret.evaluate.embeddingCache")
    File embeddingCache;

    /** Score kernel: {@code tensorflow} (default) or {@code java}. */
    @Parameter(property = "polyret.evaluate.kernel")
    String kernel;

    /** Threads for scoring and ranking; the number of cores when empty. */
    @Parameter(property = "polyret.evaluate.threads")
    Integer threads;

    /**
     * Device for encoding and scoring: {@code auto} (default; falls back to the CPU with the reason),
     * {@code cpu} or {@code gpu} (fails when no GPU can be used).
     */
    @Parameter(property = "polyret.device")
    String device;

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
        put(settings, "benchmark", benchmark);
        put(settings, "topics", topics);
        put(settings, "qrels", qrels);
        put(settings, "corpus", corpus);
        put(settings, "language", language);
        put(settings, "languages", languages);
        put(settings, "outputDir", outputDir);
        put(settings, "trecRuns", trecRuns);
        put(settings, "runName", runName);
        put(settings, "batchSize", batchSize);
        put(settings, "benchmarkName", benchmarkName);
        put(settings, "embeddingCache", embeddingCache);
        put(settings, "kernel", kernel);
        put(settings, "threads", threads);
        put(settings, "device", device);
        return settings;
    }

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        runCommand("evaluate", settings());
        getLog().info("polyret evaluation: " + new File(outputDir, "evaluation.json").getAbsolutePath());
    }
}
