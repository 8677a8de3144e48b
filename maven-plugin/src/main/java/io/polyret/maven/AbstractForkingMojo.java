package io.polyret.maven;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * A goal that runs TensorFlow (train, evaluate): by default in a forked JVM, so that native memory,
 * TensorFlow's threads and a native crash stay out of Maven's process.
 */
public abstract class AbstractForkingMojo extends AbstractPolyretMojo {

    /**
     * Maximum heap of the forked JVM ({@code -Xmx}), e.g. {@code 2g}. TensorFlow's tensors live
     * outside the heap: the process needs more memory than this.
     */
    @Parameter(property = "polyret.jvmHeap", defaultValue = "2g")
    String jvmHeap = "2g";

    /** Further arguments of the forked JVM, e.g. {@code -XX:+UseParallelGC}. */
    @Parameter(property = "polyret.jvmArgs")
    List<String> jvmArgs;

    /** Stop the forked JVM after this many seconds and fail; 0 means no limit. */
    @Parameter(property = "polyret.timeout", defaultValue = "0")
    long timeout;

    /**
     * Run in a forked JVM (default). {@code false} runs in Maven's JVM: faster to start, but
     * TensorFlow's native memory and threads stay in Maven's process until it ends.
     */
    @Parameter(property = "polyret.fork", defaultValue = "true")
    boolean fork = true;

    /** Working directory of the forked JVM: relative paths in configuration files resolve against it. */
    @Parameter(defaultValue = "${basedir}", readonly = true)
    File basedir;

    /** Runs {@code command}'s engine with {@code settings}, forked or in process. */
    void runCommand(String command, ObjectNode settings) throws MojoExecutionException, MojoFailureException {
        if (!fork) {
            runEngine(command, settings);
            return;
        }
        ForkedCommand forked;
        try {
            forked = new ForkedCommand(command, jvmHeap, jvmArgs, timeout, getLog().isDebugEnabled(), basedir);
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException("polyret:" + goal() + ": " + e.getMessage(), e);
        }
        runForked(forked, settings);
    }
}
