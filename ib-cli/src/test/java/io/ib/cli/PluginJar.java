package io.ib.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Builds, at test time, a user's estimator jar that is not on the test's class path. */
final class PluginJar {
  private PluginJar() {}

  static Path build(Path dir) throws IOException {
    return build(dir, "org.example.TestPlugin");
  }

  /** A jar with the test plugin's classes whose service file lists {@code providers}. */
  static Path build(Path dir, String providers) throws IOException {
    Path src = dir.resolve("src/org/example/TestPlugin.java");
    Files.createDirectories(src.getParent());
    Files.writeString(src, """
        package org.example;

        import io.ib.info.*;
        import java.util.List;

        public final class TestPlugin implements EstimatorProvider {
          public String name() { return "test-plugin"; }
          public String usage() { return "test-plugin (a test's estimator)"; }
          public MutualInformationEstimator create(EstimatorSpec spec) {
            Estimators.requireKnownParameters(spec, List.of());
            return new MutualInformationEstimator() {
              public EstimatorSpec spec() { return EstimatorSpec.of("test-plugin"); }
              public InformationEstimate estimate(LayerSample s) {
                s.finiteActivations();
                return new InformationEstimate(spec(), 0, 0, Double.NaN, s.size(),
                    s.labelEntropyBits());
              }
            };
          }
        }
        """);
    Path classes = dir.resolve("classes");
    Files.createDirectories(classes);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int status = javac.run(null, null, null, "-d", classes.toString(), "-cp",
        System.getProperty("java.class.path"), src.toString());
    if (status != 0) {
      throw new IllegalStateException("the test plugin did not compile");
    }
    Path jar = dir.resolve("test-plugin-" + Math.abs(providers.hashCode()) + ".jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      for (String name : List.of("org/example/TestPlugin.class", "org/example/TestPlugin$1.class")) {
        out.putNextEntry(new JarEntry(name));
        out.write(Files.readAllBytes(classes.resolve(name)));
        out.closeEntry();
      }
      out.putNextEntry(new JarEntry("META-INF/services/io.ib.info.EstimatorProvider"));
      OutputStream o = out;
      o.write((providers + "\n").getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    }
    return jar;
  }
}
