package io.ib.run;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ib.info.EstimatorSpec;
import io.ib.info.Estimators;
import io.ib.info.MutualInformationEstimator;
import io.ib.nn.Activation;
import io.ib.nn.Quantization;
import io.ib.nn.WeightInit;
import io.ib.optim.AdamSettings;
import io.ib.optim.OptimizerSettings;
import io.ib.optim.SgdSettings;
import io.ib.sweep.Dropout;
import io.ib.sweep.EvaluationSet;
import io.ib.sweep.OutputLayer;
import io.ib.sweep.SweepConfig;
import io.ib.train.MeasurementSchedule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A sweep configuration as JSON, the form {@code sweep.json} holds under {@code config}: everything
 * needed to run the same sweep again, estimators by their specs. Field names are snake_case and
 * stable; the manifest's format changes when they change incompatibly.
 */
public final class ConfigJson {
  private ConfigJson() {}

  /** The configuration as compact JSON text. */
  public static String toJson(SweepConfig config) {
    return node(config).toString();
  }

  /**
   * A run's configuration as compact JSON text, as its manifest holds it: for a recorded run only
   * the fields that apply to networks trained outside ib (see {@link RunManifest#recording()}).
   */
  public static String toJson(RunManifest manifest) {
    return manifestNode(manifest).toString();
  }

  /** SHA-256 (hex) of a run's configuration as its manifest holds it ({@link #toJson(RunManifest)}). */
  public static String sha256(RunManifest manifest) {
    return sha256(manifestNode(manifest));
  }

  static ObjectNode manifestNode(RunManifest m) {
    return m.isRecorded() ? recordedNode(m.config()) : node(m.config());
  }

  // ------------------------------------------------------------------ recorded runs

  /**
   * The stand-in of the training fields of a recorded run's configuration (see
   * {@link RunManifest#recording()}): not written, not shown, not used.
   */
  static final SweepConfig RECORDED_STAND_IN = SweepConfig.notebook()
      .withHiddenBeforeBottleneck(List.of()).withEpochs(1).withBatchSize(SweepConfig.FULL_BATCH)
      .withSchedule(new MeasurementSchedule(true, List.of(), MeasurementSchedule.EpochPoints.NONE,
          MeasurementSchedule.Anchor.END))
      .withEstimators(List.of());
  /** The fields of a recorded run's configuration: those that apply to networks ib did not train. */
  private static final List<String> RECORDED_FIELDS = List.of("widths", "seeds", "estimators",
      "output_layer", "evaluate_on", "data_type");

  /** The JSON of a recorded run's configuration: only the fields that apply. */
  static ObjectNode recordedNode(SweepConfig config) {
    ObjectNode all = node(config);
    ObjectNode o = Json.MAPPER.createObjectNode();
    RECORDED_FIELDS.forEach(f -> o.set(f, all.get(f)));
    return o;
  }

  /**
   * Reads a recorded run's configuration written by {@link #recordedNode}.
   *
   * @throws IllegalArgumentException if a field is missing or invalid, or a training field is there
   */
  static SweepConfig readRecorded(JsonNode node) {
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("the configuration is not a JSON object");
    }
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      if (!RECORDED_FIELDS.contains(e.getKey())) {
        throw new IllegalArgumentException("field '" + e.getKey() + "' does not belong to the"
            + " configuration of a recorded run");
      }
    }
    ObjectNode all = node(RECORDED_STAND_IN);
    for (String f : RECORDED_FIELDS) {
      all.set(f, required(node, f));
    }
    return read(all);
  }

  /**
   * Reads a configuration written by {@link #toJson}.
   *
   * @throws IllegalArgumentException if the text is not JSON or a field is missing or invalid (the
   *     message names it)
   */
  public static SweepConfig fromJson(String json) {
    JsonNode node;
    try {
      node = Json.MAPPER.readTree(json);
    } catch (JacksonException e) {
      throw new IllegalArgumentException("the configuration is not valid JSON: "
          + e.getOriginalMessage());
    }
    return read(node);
  }

  /** The configuration as JSON: everything needed to run the same sweep again. */
  static ObjectNode node(SweepConfig c) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    ints(o.putArray("widths"), c.widths());
    ints(o.putArray("hidden_before_bottleneck"), c.hiddenBeforeBottleneck());
    ArrayNode seeds = o.putArray("seeds");
    c.seeds().forEach(seeds::add);
    o.put("activation", c.activation().id());
    o.put("init", c.init().id());
    o.put("epochs", c.epochs());
    o.put("batch_size", c.batchSize());
    o.put("shuffle", c.shuffle());
    ObjectNode optimizer = o.putObject("optimizer");
    optimizer.put("name", c.optimizer().name());
    optimizer.put("learning_rate", c.optimizer().learningRate());
    if (c.optimizer() instanceof AdamSettings adam) {
      optimizer.put("beta1", adam.beta1());
      optimizer.put("beta2", adam.beta2());
      optimizer.put("epsilon", adam.epsilon());
    } else if (c.optimizer() instanceof SgdSettings sgd) {
      optimizer.put("momentum", sgd.momentum());
    }
    ObjectNode schedule = o.putObject("schedule");
    schedule.put("at_start", c.schedule().atStart());
    ints(schedule.putArray("steps"), c.schedule().steps());
    schedule.put("epochs", c.schedule().epochs().toString());
    schedule.put("anchor", c.schedule().anchor().id());
    ArrayNode estimators = o.putArray("estimators");
    c.estimators().forEach(e -> estimators.add(e.spec().toString()));
    o.put("output_layer", c.outputLayer().id());
    o.put("evaluate_on", c.evaluateOn().id());
    // Written only when set, so configurations of unquantized sweeps keep their text and hash.
    if (c.quantization().enabled()) {
      ObjectNode q = o.putObject("quantization");
      q.put("bits", c.quantization().bits());
      q.put("lower", c.quantization().lower());
      q.put("upper", c.quantization().upper());
    }
    if (c.noisy()) { // likewise: noiseless sweeps keep their text and hash
      o.put("noise", c.noise());
    }
    if (c.dropout().enabled()) { // likewise
      ObjectNode d = o.putObject("dropout");
      d.put("kind", c.dropout().id());
      d.put("rate", c.dropout().rate());
    }
    o.put("data_type", "float32");
    return o;
  }

  /**
   * Reads a configuration written by {@link #node}; estimators are rebuilt through the registry, and
   * those no provider on the class path makes become stand-ins that keep their spec.
   *
   * @throws IllegalArgumentException if a field is missing or invalid (the message names it)
   */
  static SweepConfig read(JsonNode o) {
    if (o == null || !o.isObject()) {
      throw new IllegalArgumentException("the configuration is not a JSON object");
    }
    JsonNode opt = object(o, "optimizer");
    JsonNode schedule = object(o, "schedule");
    List<MutualInformationEstimator> estimators = new ArrayList<>();
    for (JsonNode e : array(o, "estimators")) {
      if (!e.isTextual()) {
        throw new IllegalArgumentException("configuration field 'estimators' holds " + e
            + ", not an estimator spec");
      }
      estimators.add(Estimators.createOrStandIn(EstimatorSpec.parse(e.asText())));
    }
    List<Long> seeds = new ArrayList<>();
    for (JsonNode s : array(o, "seeds")) {
      seeds.add(longValue(s, "seeds"));
    }
    OptimizerSettings optimizer = switch (text(opt, "name")) {
      case "adam" -> new AdamSettings(number(opt, "learning_rate"), number(opt, "beta1"),
          number(opt, "beta2"), number(opt, "epsilon"));
      case "sgd" -> new SgdSettings(number(opt, "learning_rate"), number(opt, "momentum"));
      default -> throw new IllegalArgumentException("configuration field 'optimizer.name' is '"
          + text(opt, "name") + "', expected adam or sgd");
    };
    // Format 1 wrote every_epoch and measure_output_layer; later formats the general forms.
    MeasurementSchedule.EpochPoints epochs = schedule.has("every_epoch")
        ? (bool(schedule, "every_epoch") ? MeasurementSchedule.EpochPoints.every(1)
            : MeasurementSchedule.EpochPoints.NONE)
        : MeasurementSchedule.EpochPoints.parse(text(schedule, "epochs"));
    MeasurementSchedule.Anchor anchor = schedule.has("anchor")
        ? MeasurementSchedule.Anchor.parse(text(schedule, "anchor")) : MeasurementSchedule.Anchor.END;
    OutputLayer output = o.has("output_layer") ? OutputLayer.parse(text(o, "output_layer"))
        : o.has("measure_output_layer") && bool(o, "measure_output_layer") ? OutputLayer.LOGITS
        : OutputLayer.NONE;
    return new SweepConfig(intList(o, "widths"), intList(o, "hidden_before_bottleneck"), seeds,
        Activation.parse(text(o, "activation")), WeightInit.parse(text(o, "init")),
        intValue(required(o, "epochs"), "epochs"), intValue(required(o, "batch_size"), "batch_size"),
        !o.has("shuffle") || bool(o, "shuffle"), optimizer,
        new MeasurementSchedule(bool(schedule, "at_start"), intList(schedule, "steps"), epochs,
            anchor),
        estimators, output,
        o.has("evaluate_on") ? EvaluationSet.parse(text(o, "evaluate_on")) : EvaluationSet.TEST,
        o.has("quantization") ? quantization(object(o, "quantization")) : Quantization.NONE,
        o.has("noise") ? number(o, "noise") : 0,
        o.has("dropout") ? dropout(object(o, "dropout")) : Dropout.NONE);
  }

  private static Dropout dropout(JsonNode d) {
    return Dropout.parse(text(d, "kind"), number(d, "rate"));
  }

  private static Quantization quantization(JsonNode q) {
    return new Quantization(intValue(required(q, "bits"), "quantization.bits"),
        number(q, "lower"), number(q, "upper"));
  }

  /** SHA-256 (hex) of the configuration's compact JSON text: equal configurations, equal hashes. */
  public static String sha256(SweepConfig c) {
    return sha256(node(c));
  }

  static String sha256(JsonNode node) {
    try {
      return Sha256.of(new ObjectMapper().writeValueAsBytes(node));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot hash configuration", e);
    }
  }

  private static JsonNode required(JsonNode o, String field) {
    JsonNode v = o.get(field);
    if (v == null || v.isNull()) {
      throw new IllegalArgumentException("configuration field '" + field + "' is missing");
    }
    return v;
  }

  private static JsonNode object(JsonNode o, String field) {
    JsonNode v = required(o, field);
    if (!v.isObject()) {
      throw new IllegalArgumentException("configuration field '" + field + "' is not an object");
    }
    return v;
  }

  private static JsonNode array(JsonNode o, String field) {
    JsonNode v = required(o, field);
    if (!v.isArray()) {
      throw new IllegalArgumentException("configuration field '" + field + "' is not an array");
    }
    return v;
  }

  private static String text(JsonNode o, String field) {
    JsonNode v = required(o, field);
    if (!v.isTextual()) {
      throw new IllegalArgumentException("configuration field '" + field + "' is not text");
    }
    return v.asText();
  }

  private static boolean bool(JsonNode o, String field) {
    JsonNode v = required(o, field);
    if (!v.isBoolean()) {
      throw new IllegalArgumentException("configuration field '" + field + "' is not true or false");
    }
    return v.asBoolean();
  }

  private static double number(JsonNode o, String field) {
    JsonNode v = required(o, field);
    if (!v.isNumber()) {
      throw new IllegalArgumentException("configuration field '" + field + "' is not a number");
    }
    return v.asDouble();
  }

  /** An int field, for the manifest's other readers. */
  static int intValue(JsonNode v, String field) {
    if (v == null || !v.isIntegralNumber() || !v.canConvertToInt()) {
      throw new IllegalArgumentException("field '" + field + "' holds " + v + ", not an integer");
    }
    return v.asInt();
  }

  /** A long field, for the manifest's other readers. */
  static long longValue(JsonNode v, String field) {
    if (v == null || !v.isIntegralNumber() || !v.canConvertToLong()) {
      throw new IllegalArgumentException("field '" + field + "' holds " + v + ", not an integer");
    }
    return v.asLong();
  }

  private static void ints(ArrayNode array, List<Integer> values) {
    values.forEach(array::add);
  }

  private static List<Integer> intList(JsonNode o, String field) {
    List<Integer> result = new ArrayList<>();
    for (JsonNode v : array(o, field)) {
      result.add(intValue(v, field));
    }
    return result;
  }
}
