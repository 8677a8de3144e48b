/**
 * Maven goals ({@code polyret:train}, {@code evaluate}, {@code report}, {@code check},
 * {@code export}, and the generated {@code help}). {@code evaluate}, {@code report} and
 * {@code check} bind to {@code verify}; {@code train} and {@code export} run when asked. Every
 * parameter has a {@code polyret.*} user property; {@code polyret.skip} skips every goal and
 * {@code polyret.<goal>.skip} one goal. The goals hold no logic beyond mapping their parameters to
 * configuration fields and calling the engine that the command line uses
 * ({@link io.polyret.core.cli.Engines}); {@code check} applies core's
 * {@link io.polyret.core.cli.QualityGate} to the evaluation result of polyret-reports.
 */
package io.polyret.maven;
