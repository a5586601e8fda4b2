package io.ib.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class LayerTest {
  @Test
  void textFormsParseToTheirLayersAndBack() {
    for (String text : List.of("hidden1", "hidden2", "hidden10", "output", "softmax")) {
      assertEquals(text, Layer.parse(text).toString());
    }
    assertEquals(Layer.hidden(12), Layer.parse("hidden12"));
    for (String bad : List.of("hidden0", "hidden01", "hidden", "Hidden1", "logits", "", "hidden-1")) {
      assertThrows(IllegalArgumentException.class, () -> Layer.parse(bad), bad);
    }
    assertThrows(IllegalArgumentException.class, () -> Layer.hidden(0));
    assertThrows(IllegalArgumentException.class, () -> new Layer(Layer.Kind.OUTPUT, 1));
  }

  @Test
  void layersSortFromTheInputToTheOutputNotAsText() {
    List<Layer> expected = List.of(Layer.hidden(1), Layer.hidden(2), Layer.hidden(10),
        Layer.OUTPUT, Layer.SOFTMAX);
    List<Layer> shuffled = new ArrayList<>(expected);
    Collections.reverse(shuffled);
    Collections.sort(shuffled);
    assertEquals(expected, shuffled); // as text, hidden10 would sort before hidden2
  }
}
