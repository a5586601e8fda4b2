package io.ib.dl4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.api.layers.IOutputLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A {@link ComputationGraph} with one input: its layer vertices are measured in the graph's
 * topological order (vertices without a layer, such as merges, are not); the last one is the output
 * layer when it is one of the graph's outputs and a DL4J output layer.
 *
 * @param graph the graph
 * @param vertices its layer vertices, in topological order
 */
record GraphModel(ComputationGraph graph, List<GraphVertex> vertices) implements MeasuredModel {
  static GraphModel of(ComputationGraph graph) {
    if (graph.getNumInputArrays() != 1) {
      throw new IllegalArgumentException("ib measures computation graphs with one input; this one"
          + " has " + graph.getNumInputArrays());
    }
    List<GraphVertex> vertices = new ArrayList<>();
    for (int index : graph.topologicalSortOrder()) {
      GraphVertex v = graph.getVertices()[index];
      if (v.hasLayer()) {
        vertices.add(v);
      }
    }
    if (vertices.isEmpty()) {
      throw new IllegalArgumentException("the computation graph has no layer to measure");
    }
    return new GraphModel(graph, List.copyOf(vertices));
  }

  @Override
  public Model model() {
    return graph;
  }

  @Override
  public List<Layer> layers() {
    return vertices.stream().map(v -> v.getLayer().conf().getLayer()).toList();
  }

  @Override
  public String name(int i) {
    return vertices.get(i).getVertexName();
  }

  @Override
  public boolean isOutput(int i) {
    GraphVertex v = vertices.get(i);
    return i == vertices.size() - 1 && v.isOutputVertex() && v.getLayer() instanceof IOutputLayer;
  }

  @Override
  public int iterationCount() {
    return graph.getIterationCount();
  }

  @Override
  public List<INDArray> forward(INDArray batch) {
    INDArray[] inputs = graph.getInputs();
    INDArray[] masks = graph.getInputMaskArrays();
    INDArray[] labelMasks = graph.getLabelMaskArrays();
    try {
      if (masks != null || labelMasks != null) {
        graph.clearLayerMaskArrays(); // a training batch's masks do not fit evaluation rows
      }
      Map<String, INDArray> acts = graph.feedForward(new INDArray[] {batch}, false);
      return vertices.stream().map(v -> acts.get(v.getVertexName())).toList();
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("the network cannot take evaluation samples of shape "
          + Arrays.toString(batch.shape()) + ": " + e.getMessage(), e);
    } finally {
      graph.setInputs(inputs);
      if (masks != null || labelMasks != null) {
        graph.setLayerMaskArrays(masks, labelMasks);
      }
    }
  }
}
