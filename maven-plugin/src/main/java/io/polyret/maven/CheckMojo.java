package io.polyret.maven;

import io.polyret.core.cli.QualityGate;
import io.polyret.core.cli.ReferenceComparison;
import io.polyret.reports.model.EvaluationResult;
import io.polyret.reports.model.EvaluationResultJson;
import java.io.File;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Quality gate: fails the build when an evaluation result falls below minimum metric values or
 * exceeds a maximum language bias, listing every violation. Bound to {@code verify} by default,
 * after {@code polyret:evaluate}. Example:
 *
 * <pre>{@code
 * <configuration>
 *   <minimums>
 *     <minimum>monolingual/map=0.70</minimum>
 *     <minimum>xquad-r:multilingual/recall@10=0.80</minimum>
 *     <minimum>cross-lingual/map/de=0.50</minimum>
 *   </minimums>
 *   <maxRankDistance>300</maxRankDistance>
 * </configuration>
 * }</pre>
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class CheckMojo extends AbstractPolyretMojo {

    /** The evaluation result to check (written by {@code polyret:evaluate}). */
    @Parameter(property = "polyret.evaluationFile", defaultValue = "${project.build.directory}/polyret/evaluation.json")
    File evaluationFile;

    /**
     * Minimum metric values, each {@code [benchmark:]setting/metric[/language]=value}: the setting
     * ({@code monolingual}, {@code cross-lingual}, {@code multilingual}), the metric ({@code map},
     * {@code recall@1}, {@code recall@10}, {@code ndcg@10}...), optionally one query language
     * (otherwise the setting's macro average). Without a benchmark, the rule applies to every
     * benchmark that has the setting. On the command line: comma-separated.
     */
    @Parameter(property = "polyret.check.minimums")
    List<String> minimums;

    /** Maximum mean rank distance (language bias, multilingual setting, macro average); lower is better. */
    @Parameter(property = "polyret.check.maxRankDistance")
    Double maxRankDistance;

    /** Only check this benchmark (e.g. {@code xquad-r}); all benchmarks of the result when empty. */
    @Parameter(property = "polyret.check.benchmark")
    String benchmark;

    /**
     * Another evaluation result (e.g. the CPU run of a GPU evaluation) that every metric must match
     * within {@code tolerance}; rank distances within {@code tolerance} relative to the reference's.
     */
    @Parameter(property = "polyret.check.reference")
    File reference;

    /** Largest allowed difference from {@code reference}. */
    @Parameter(property = "polyret.check.tolerance", defaultValue = "1e-4")
    double tolerance = 1e-4;

    /** Fail the build on a violation; when false, violations are logged as warnings only. */
    @Parameter(property = "polyret.check.haltOnFailure", defaultValue = "true")
    boolean haltOnFailure = true;

    /** Skips this goal. */
    @Parameter(property = "polyret.check.skip", defaultValue = "false")
    boolean skipCheck;

    @Override
    protected String goal() {
        return "check";
    }

    @Override
    protected boolean skipGoal() {
        return skipCheck;
    }

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        QualityGate gate;
        ReferenceComparison comparison = null;
        try {
            gate = new QualityGate(minimums, maxRankDistance, benchmark);
            if (reference != null) {
                comparison = ReferenceComparison.read(reference.toPath(), tolerance, benchmark);
            }
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException("polyret:check: " + e.getMessage(), e);
        }
        if (gate.isEmpty() && comparison == null) {
            getLog().warn("polyret:check: no minimums, maxRankDistance or reference configured; nothing to check");
            return;
        }
        if (evaluationFile == null || !evaluationFile.isFile()) {
            throw new MojoFailureException("polyret:check: evaluation file " + evaluationFile
                    + " does not exist (run polyret:evaluate first, or set polyret.evaluationFile)");
        }
        EvaluationResult result;
        try {
            result = EvaluationResultJson.read(evaluationFile.toPath());
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException("polyret:check: " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new MojoExecutionException("polyret:check: " + e.getMessage(), e);
        }
        List<QualityGate.Outcome> outcomes = new java.util.ArrayList<>(gate.isEmpty() ? List.of() : gate.check(result));
        if (comparison != null) {
            outcomes.addAll(comparison.check(result));
        }
        List<String> violations = outcomes.stream().filter(outcome -> !outcome.passed())
                .map(QualityGate.Outcome::message).collect(Collectors.toList());
        outcomes.stream().filter(QualityGate.Outcome::passed)
                .forEach(outcome -> getLog().info("polyret:check ok: " + outcome.message()));
        if (violations.isEmpty()) {
            getLog().info("polyret:check: " + outcomes.size() + " checks passed on " + evaluationFile);
            return;
        }
        String message = "polyret:check: " + violations.size() + " of " + outcomes.size()
                + " checks failed on " + evaluationFile + ":" + violations.stream()
                .map(violation -> System.lineSeparator() + "  - " + violation).collect(Collectors.joining());
        if (haltOnFailure) {
            throw new MojoFailureException(message);
        }
        getLog().warn(message + System.lineSeparator() + "(haltOnFailure is false: the build goes on)");
    }
}
