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
 * Renders evaluation results as a self-contained HTML page ({@code report.html}), a CSV table
 * ({@code results.csv}) and a Markdown summary ({@code summary.md}). Bound to {@code verify} by
 * default, after {@code polyret:evaluate}.
 */
@Mojo(name = "report", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class ReportMojo extends AbstractPolyretMojo {

    /** The evaluation result to report (written by {@code polyret:evaluate}). */
    @Parameter(property = "polyret.evaluationFile", defaultValue = "${project.build.directory}/polyret/evaluation.json")
    File evaluationFile;

    /** Further evaluation results, shown beside the first for comparison. */
    @Parameter(property = "polyret.report.compareWith")
    List<File> compareWith;

    /** Training logs to include. */
    @Parameter(property = "polyret.report.trainingLogs")
    List<File> trainingLogs;

    /** Report directory. */
    @Parameter(property = "polyret.reportDirectory", defaultValue = "${project.build.directory}/polyret/report")
    File reportDirectory;

    /** Formats to write: {@code html}, {@code csv}, {@code md}; all three when empty. */
    @Parameter(property = "polyret.report.formats")
    List<String> formats;

    /** Report title. */
    @Parameter(property = "polyret.report.title")
    String title;

    /** Run name that deltas are computed against; the first result's run when empty. */
    @Parameter(property = "polyret.report.baseline")
    String baseline;

    /** Skips this goal. */
    @Parameter(property = "polyret.report.skip", defaultValue = "false")
    boolean skipReport;

    @Override
    protected String goal() {
        return "report";
    }

    @Override
    protected boolean skipGoal() {
        return skipReport;
    }

    /** The configuration fields this goal hands to the report writer. */
    ObjectNode settings() throws MojoFailureException {
        ObjectNode settings = settings(null);
        List<File> inputs = new java.util.ArrayList<>();
        inputs.add(evaluationFile);
        if (compareWith != null) {
            inputs.addAll(compareWith);
        }
        put(settings, "inputs", inputs);
        put(settings, "training_logs", trainingLogs);
        put(settings, "output", reportDirectory);
        put(settings, "formats", formats);
        put(settings, "title", title);
        put(settings, "baseline", baseline);
        return settings;
    }

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        runEngine("report", settings());
    }
}
