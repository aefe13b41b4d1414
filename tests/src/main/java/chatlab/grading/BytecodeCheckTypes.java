package chatlab.grading;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which type extends which, for {@link BytecodeCheckRules}: a student's class that extends
 * {@code Thread} makes a thread as surely as {@code new Thread(...)} does, and {@code list.parallelStream()}
 * names {@code ArrayList}, not {@code Collection}.
 *
 * <p>The stage's own classes are known from their class files (never loaded: they are untrusted);
 * the JDK's are looked up in the platform class loader, without initialising them. A type that is
 * neither (one of {@code common/}'s, say) extends nothing the rules look for.
 */
final class BytecodeCheckTypes {

    /** A class of the stage: its superclass (null for none) and interfaces, as the JVM names them. */
    record Declared(String superName, List<String> interfaces) {
    }

    /** Deeper than any real hierarchy: class files javac made have no cycles, but these are untrusted. */
    private static final int MAX_DEPTH = 100;

    private final Map<String, Declared> stageClasses;
    private final Map<String, Optional<Class<?>>> platformClasses = new ConcurrentHashMap<>();

    BytecodeCheckTypes(Map<String, Declared> stageClasses) {
        this.stageClasses = Map.copyOf(stageClasses);
    }

    /** Whether {@code type} is {@code ancestor} or extends or implements it, directly or not. */
    boolean isSubtype(String type, String ancestor) {
        return isSubtype(type, ancestor, 0);
    }

    private boolean isSubtype(String type, String ancestor, int depth) {
        if (type == null || depth > MAX_DEPTH) {
            return false;
        }
        if (type.equals(ancestor)) {
            return true;
        }
        Declared declared = stageClasses.get(type);
        if (declared != null) {
            return isSubtype(declared.superName(), ancestor, depth + 1)
                    || declared.interfaces().stream().anyMatch(i -> isSubtype(i, ancestor, depth + 1));
        }
        Optional<Class<?>> ancestorClass = platformClass(ancestor);
        Optional<Class<?>> typeClass = platformClass(type);
        return ancestorClass.isPresent() && typeClass.isPresent() && ancestorClass.get().isAssignableFrom(typeClass.get());
    }

    private Optional<Class<?>> platformClass(String internalName) {
        return platformClasses.computeIfAbsent(internalName, name -> {
            if (name.startsWith("[")) {
                return Optional.empty(); // an array: extends nothing a rule looks for
            }
            try {
                return Optional.of(Class.forName(name.replace('/', '.'), false, ClassLoader.getPlatformClassLoader()));
            } catch (ClassNotFoundException | LinkageError e) {
                return Optional.empty();
            }
        });
    }
}
