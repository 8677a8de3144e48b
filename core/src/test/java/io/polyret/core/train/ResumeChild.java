package io.polyret.core.train;

import java.nio.file.Path;

/**
 * Child-process half of {@link KillAndResumeTest}: trains the shared run and halts the JVM hard (no
 * shutdown hooks, no flushing) in the middle of step {@code haltStep + 1}, right after its log line,
 * so that the checkpoint of {@code haltStep} is the newest one on disk.
 *
 * <p>Arguments: output directory, halt step.
 */
public final class ResumeChild {
  private ResumeChild() {}

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args[0]);
    long haltStep = Long.parseLong(args[1]);
    TrainingConfig config = KillAndResumeTest.config(out);
    Trainer.builder(config)
        .tokenizer(new TinyFixture.WordTokenizer())
        .sampler(TinyFixture.sampler(KillAndResumeTest.data(), config))
        .validation(KillAndResumeTest.validation())
        .listener(
            new TrainingListener() {
              @Override
              public void onStep(StepReport report) {
                if (report.step() == haltStep + 1) {
                  Runtime.getRuntime().halt(77);
                }
              }
            })
        .build()
        .train();
    System.exit(1); // not reached: the run must have been halted
  }
}
