package io.ib.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ib.data.DataFile;
import io.ib.data.Dataset;
import io.ib.info.Estimators;
import io.ib.info.MutualInformationEstimator;
import io.ib.nn.Activation;
import io.ib.nn.WeightInit;
import io.ib.optim.AdamSettings;
import io.ib.provenance.Provenance;
import io.ib.sweep.SweepConfig;
import io.ib.train.MeasurementSchedule;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The JSON form of configurations, datasets and provenance in {@code sweep.json}. Field names are
 * snake_case and stable; {@link #FORMAT} changes when they change incompatibly.
 */
public final class SweepJson {
  /** Format identifier written into every {@code sweep.json}. */
  public static final String FORMAT = "ib-sweep/1";

  static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private SweepJson() {}

  /** The configuration as JSON: everything needed to run the same sweep again. */
  public static ObjectNode config(SweepConfig c) {
    ObjectNode o = MAPPER.createObjectNode();
    ints(o.putArray("widths"), c.widths());
    ints(o.putArray("hidden_before_bottleneck"), c.hiddenBeforeBottleneck());
    ArrayNode seeds = o.putArray("seeds");
    c.seeds().forEach(seeds::add);
    o.put("activation", c.activation().id());
    o.put("init", c.init().id());
    o.put("epochs", c.epochs());
    o.put("batch_size", c.batchSize());
    ObjectNode adam = o.putObject("optimizer");
    adam.put("name", "adam");
    adam.put("learning_rate", c.optimizer().learningRate());
    adam.put("beta1", c.optimizer().beta1());
    adam.put("beta2", c.optimizer().beta2());
    adam.put("epsilon", c.optimizer().epsilon());
    ObjectNode schedule = o.putObject("schedule");
    schedule.put("at_start", c.schedule().atStart());
    ints(schedule.putArray("steps"), c.schedule().steps());
    schedule.put("every_epoch", c.schedule().everyEpoch());
    ArrayNode estimators = o.putArray("estimators");
    c.estimators().forEach(e -> estimators.add(e.spec().toString()));
    o.put("measure_output_layer", c.measureOutputLayer());
    o.put("data_type", "float32");
    return o;
  }

  /**
   * Reads a configuration written by {@link #config}; estimators are rebuilt through the registry.
   *
   * @throws IllegalArgumentException if a field is missing or invalid (the message names it)
   */
  public static SweepConfig readConfig(JsonNode o) {
    JsonNode adam = required(o, "optimizer");
    JsonNode schedule = required(o, "schedule");
    List<MutualInformationEstimator> estimators = new ArrayList<>();
    required(o, "estimators").forEach(e -> estimators.add(Estimators.parse(e.asText())));
    List<Long> seeds = new ArrayList<>();
    required(o, "seeds").forEach(s -> seeds.add(s.asLong()));
    return new SweepConfig(intList(required(o, "widths")),
        intList(required(o, "hidden_before_bottleneck")), seeds,
        Activation.parse(required(o, "activation").asText()),
        WeightInit.parse(required(o, "init").asText()),
        required(o, "epochs").asInt(), required(o, "batch_size").asInt(),
        new AdamSettings(required(adam, "learning_rate").asDouble(),
            required(adam, "beta1").asDouble(), required(adam, "beta2").asDouble(),
            required(adam, "epsilon").asDouble()),
        new MeasurementSchedule(required(schedule, "at_start").asBoolean(),
            intList(required(schedule, "steps")), required(schedule, "every_epoch").asBoolean()),
        estimators, o.path("measure_output_layer").asBoolean(false));
  }

  /** SHA-256 (hex) of the configuration's compact JSON text: equal configurations, equal hashes. */
  public static String configSha256(SweepConfig c) {
    try {
      byte[] text = new ObjectMapper().writeValueAsBytes(config(c));
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text));
    } catch (NoSuchAlgorithmException | com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot hash configuration", e);
    }
  }

  /** The dataset's shape and files. */
  public static ObjectNode dataset(Dataset d) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("name", d.name());
    o.put("train_size", d.train().size());
    o.put("test_size", d.test().size());
    o.put("features", d.numFeatures());
    o.put("classes", d.numClasses());
    ArrayNode files = o.putArray("files");
    for (DataFile f : d.files()) {
      ObjectNode file = files.addObject();
      file.put("name", f.name());
      file.put("sha256", f.sha256());
      file.put("bytes", f.bytes());
    }
    return o;
  }

  /** The provenance record. */
  public static ObjectNode provenance(Provenance p) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("library_version", p.libraryVersion());
    o.put("nd4j_version", p.nd4jVersion());
    o.put("backend", p.backend());
    o.put("blas_vendor", p.blasVendor());
    o.put("omp_threads", p.ompThreads());
    o.put("blas_threads", p.blasThreads());
    o.put("available_processors", p.availableProcessors());
    o.put("java_version", p.javaVersion());
    o.put("java_vendor", p.javaVendor());
    o.put("os", p.os());
    ArrayNode cmd = o.putArray("command_line");
    p.commandLine().forEach(cmd::add);
    return o;
  }

  /** Text of a JSON tree, UTF-8, indented. */
  static byte[] bytes(JsonNode node) {
    try {
      return (MAPPER.writeValueAsString(node) + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise JSON", e);
    }
  }

  private static JsonNode required(JsonNode o, String field) {
    JsonNode v = o.get(field);
    if (v == null || v.isNull()) {
      throw new IllegalArgumentException("sweep.json: configuration field '" + field + "' is missing");
    }
    return v;
  }

  private static void ints(ArrayNode array, List<Integer> values) {
    values.forEach(array::add);
  }

  private static List<Integer> intList(JsonNode array) {
    List<Integer> result = new ArrayList<>();
    array.forEach(v -> result.add(v.asInt()));
    return result;
  }
}
