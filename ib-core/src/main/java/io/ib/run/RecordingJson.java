package io.ib.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ib.sweep.Cell;
import io.ib.sweep.Layer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link Recording} as {@code sweep.json} holds it, under {@code recorded}: the source, and per
 * cell its network's layers, each with the name ib gives it and its framework's name, kind and shape.
 * {@code capacity} names what the cells' widths count; runs written without it read as
 * {@link Recording#DEFAULT_CAPACITY}.
 */
final class RecordingJson {
  private RecordingJson() {}

  static ObjectNode node(Recording r) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("source", r.source());
    o.put("capacity", r.capacity());
    ArrayNode networks = o.putArray("networks");
    r.networks().forEach((cell, network) -> {
      ObjectNode n = networks.addObject();
      n.put("width", cell.width());
      n.put("seed", cell.seed());
      n.put("description", network.description());
      ArrayNode layers = n.putArray("layers");
      Recording.layerNames(network).forEach((layer, l) -> {
        ObjectNode ln = layers.addObject();
        ln.put("layer", layer.toString());
        ln.put("name", l.name());
        ln.put("kind", l.kind());
        ArrayNode shape = ln.putArray("shape");
        l.shape().forEach(shape::add);
      });
    });
    return o;
  }

  /**
   * Reads a recording: every network valid, every cell once, and the layer names those ib gives.
   *
   * @throws DamagedFileException naming the field otherwise
   */
  static Recording read(JsonNode o, JsonFields f) throws DamagedFileException {
    if (o == null || !o.isObject()) {
      throw f.damaged("'recorded' is not an object");
    }
    JsonFields rf = new JsonFields(f.file, "recorded.");
    String source = rf.text(o, "source");
    String capacity = o.has("capacity") ? rf.text(o, "capacity") : Recording.DEFAULT_CAPACITY;
    if (capacity.isBlank()) {
      throw rf.damaged("'capacity' is blank");
    }
    Map<Cell, RecordedNetwork> networks = new LinkedHashMap<>();
    JsonNode list = rf.array(o, "networks");
    for (int i = 0; i < list.size(); i++) {
      JsonFields nf = new JsonFields(f.file, "recorded.networks[" + i + "].");
      JsonNode n = list.get(i);
      if (!n.isObject()) {
        throw nf.damaged("is not an object");
      }
      Cell cell = new Cell(nf.integer(n, "width"), nf.longValue(n, "seed"));
      List<String> names = new ArrayList<>();
      List<RecordedLayer> layers = new ArrayList<>();
      for (JsonNode l : nf.array(n, "layers")) {
        String layer = nf.text(l, "layer");
        List<Integer> shape = new ArrayList<>();
        for (JsonNode s : nf.array(l, "shape")) {
          if (!s.isIntegralNumber() || !s.canConvertToInt()) {
            throw nf.damaged("has a layer shape " + l.get("shape") + " that is not of integers");
          }
          shape.add(s.asInt());
        }
        names.add(layer);
        try {
          layers.add(new RecordedLayer(nf.text(l, "name"), nf.text(l, "kind"), shape,
              layer.equals(Layer.OUTPUT.toString())));
        } catch (IllegalArgumentException e) {
          throw nf.damaged(e.getMessage());
        }
      }
      RecordedNetwork network;
      try {
        network = new RecordedNetwork(nf.text(n, "description"), layers);
      } catch (IllegalArgumentException e) {
        throw nf.damaged(e.getMessage());
      }
      List<String> expected = Recording.layerNames(network).keySet().stream()
          .map(Layer::toString).toList();
      if (!names.equals(expected)) {
        throw nf.damaged("names its layers " + names + ", expected " + expected);
      }
      if (networks.put(cell, network) != null) {
        throw nf.damaged("lists " + cell + " a second time");
      }
    }
    return new Recording(source, capacity, networks);
  }
}
