package io.ib.arch;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The architecture rules every module's own test applies to the module's main classes: its
 * top-level classes form no cycle (so they stack in layers and no dependency runs back up one),
 * they live in the module's own packages (nothing outside ib-core adds classes to its packages),
 * and they use no other module's internals.
 */
public final class ModuleArchitecture {
  private final String module;
  private final JavaClasses classes;

  private ModuleArchitecture(String module, JavaClasses classes) {
    this.module = module;
    this.classes = classes;
  }

  /** The main classes of a module, from {@code MODULE/target/classes} (tests run in the root). */
  public static ModuleArchitecture of(String module) {
    Path dir = Path.of(module, "target", "classes");
    if (!Files.isDirectory(dir)) {
      throw new IllegalStateException(dir + " is missing: compile " + module + " first");
    }
    return new ModuleArchitecture(module, new ClassFileImporter().importPath(dir));
  }

  /** The top-level class a class belongs to (nested and anonymous classes count as their outer's). */
  private static String topLevel(JavaClass c) {
    String name = c.getName();
    int dollar = name.indexOf('$');
    return dollar < 0 ? name : name.substring(0, dollar);
  }

  /** Every dependency between two top-level classes of the module, as outer name to names. */
  private Map<String, Set<String>> graph() {
    Set<String> own = new HashSet<>();
    classes.forEach(c -> own.add(topLevel(c)));
    Map<String, Set<String>> graph = new TreeMap<>();
    own.forEach(n -> graph.put(n, new TreeSet<>()));
    for (JavaClass c : classes) {
      for (Dependency d : c.getDirectDependenciesFromSelf()) {
        String from = topLevel(c);
        String to = topLevel(d.getTargetClass());
        if (own.contains(to) && !to.equals(from)) {
          graph.get(from).add(to);
        }
      }
    }
    return graph;
  }

  /**
   * The cycles among the module's top-level classes (each as the classes of one strongly connected
   * component); empty when the classes stack in layers.
   */
  public List<Set<String>> cycles() {
    Map<String, Set<String>> g = graph();
    // Tarjan's strongly connected components.
    Map<String, Integer> index = new HashMap<>();
    Map<String, Integer> low = new HashMap<>();
    List<String> stack = new ArrayList<>();
    Set<String> onStack = new HashSet<>();
    List<Set<String>> result = new ArrayList<>();
    int[] counter = {0};
    for (String v : g.keySet()) {
      if (!index.containsKey(v)) {
        strongConnect(v, g, index, low, stack, onStack, result, counter);
      }
    }
    return result;
  }

  private static void strongConnect(String v, Map<String, Set<String>> g,
      Map<String, Integer> index, Map<String, Integer> low, List<String> stack,
      Set<String> onStack, List<Set<String>> result, int[] counter) {
    index.put(v, counter[0]);
    low.put(v, counter[0]);
    counter[0]++;
    stack.add(v);
    onStack.add(v);
    for (String w : g.get(v)) {
      if (!index.containsKey(w)) {
        strongConnect(w, g, index, low, stack, onStack, result, counter);
        low.put(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.contains(w)) {
        low.put(v, Math.min(low.get(v), index.get(w)));
      }
    }
    if (low.get(v).equals(index.get(v))) {
      Set<String> component = new TreeSet<>();
      String w;
      do {
        w = stack.remove(stack.size() - 1);
        onStack.remove(w);
        component.add(w);
      } while (!w.equals(v));
      if (component.size() > 1) {
        result.add(component);
      }
    }
  }

  /** The module's classes that live outside the given package prefixes. */
  public Set<String> outside(String... packagePrefixes) {
    Set<String> result = new TreeSet<>();
    for (JavaClass c : classes) {
      boolean inside = false;
      for (String p : packagePrefixes) {
        inside |= c.getPackageName().equals(p) || c.getPackageName().startsWith(p + ".");
      }
      if (!inside) {
        result.add(c.getName());
      }
    }
    return result;
  }

  /** The dependencies of the module's classes on classes in packages starting with a prefix. */
  public Set<String> usesOf(String... packagePrefixes) {
    Set<String> result = new TreeSet<>();
    for (JavaClass c : classes) {
      for (Dependency d : c.getDirectDependenciesFromSelf()) {
        String target = d.getTargetClass().getPackageName();
        for (String p : packagePrefixes) {
          if (target.equals(p) || target.startsWith(p + ".") || target.matches(p)) {
            result.add(topLevel(c) + " -> " + d.getTargetClass().getName());
          }
        }
      }
    }
    return result;
  }

  /** The module's name, for messages. */
  public String module() {
    return module;
  }
}
