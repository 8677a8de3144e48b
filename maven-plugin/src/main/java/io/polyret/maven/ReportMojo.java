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
 * ({@code results.csv}) and a Markdown summary ({@code summary.md}); several results are compared
 * run by run. Bound to {@code verify} by default, after {@code polyret:evaluate}; the last log line
 * names the report.
 */
@Mojo(name = "report", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class ReportMojo extends AbstractPolyretMojo {

    /** The evaluation result to report when {@code results} is empty (written by {@code polyret:evaluate}). */
    @Parameter(property = "polyret.evaluationFile", defaultValue = "${project.build.directory}/polyret/evaluation.json")
    File evaluationFile;

    /** Evaluation results to compare (the first is the baseline); {@code evaluationFile} alone when empty. */
    @Parameter(property = "polyret.report.results")
    List<File> results;

    /** Training logs to include. */
    @Parameter(property = "polyret.report.trainingLogs")
    List<File> trainingLogs;

    /** Report directory. */
    @Parameter(property = "polyret.reportDirectory", defaultValue = "${project.build.directory}/polyret/report")
    File outputDir;

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
        put(settings, "results", results == null || results.isEmpty() ? List.of(evaluationFile) : results);
        put(settings, "trainingLogs", trainingLogs);
        put(settings, "outputDir", outputDir);
        put(settings, "formats", formats);
        put(settings, "title", title);
        put(settings, "baseline", baseline);
        return settings;
    }

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        runEngine("report", settings());
        File html = new File(outputDir, "report.html");
        if (html.isFile()) {
            getLog().info("polyret report: " + html.getAbsolutePath());
        }
    }
}
