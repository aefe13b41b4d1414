package chatlab.harness;

import chatlab.stage.ChatStage;
import chatlab.stage.StageId;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Makes the server of a compiled stage: loads its classes in a {@link StageClassLoader} of their own
 * and calls the public no-argument constructor of {@link StageId#className()}.
 *
 * <p>Every class of the stage is loaded at once, not when first used: a class file that is missing
 * or broken shows up here, as a {@link StageLoadException}, rather than in the middle of a chat, and
 * the stage keeps running if its cache folder is removed meanwhile.
 */
public final class StageLoader {
    private StageLoader() {
    }

    /** The server of a compiled stage, loaded next to the {@code common/} this process uses. */
    public static ChatStage load(Compilation.Compiled compiled) throws StageLoadException {
        return load(compiled.stage(), compiled.classes(), ChatStage.class.getClassLoader());
    }

    /** The server of {@code stage} whose classes are in {@code classes}, on top of {@code parent}. */
    public static ChatStage load(StageId stage, Path classes, ClassLoader parent) throws StageLoadException {
        List<String> classNames = classNames(classes);
        Set<String> ownPackages = new HashSet<>();
        ownPackages.add(packageOf(stage.className()));
        classNames.forEach(name -> ownPackages.add(packageOf(name)));
        StageClassLoader loader = new StageClassLoader(stage.folderName(), classes, ownPackages, parent);
        for (String name : classNames) {
            try {
                Class.forName(name, false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                throw new StageLoadException("cannot load " + name + ": " + e, e);
            }
        }
        Class<?> type;
        try {
            type = loader.loadClass(stage.className());
        } catch (ClassNotFoundException e) {
            throw new StageLoadException("there is no class " + stage.className() + " in " + stage
                    + ": the server class must keep that name and package", e);
        }
        if (!ChatStage.class.isAssignableFrom(type)) {
            throw new StageLoadException(stage.className() + " does not implement " + ChatStage.class.getName());
        }
        if (!Modifier.isPublic(type.getModifiers()) || Modifier.isAbstract(type.getModifiers())) {
            throw new StageLoadException(stage.className() + " must be a public, non-abstract class");
        }
        Constructor<?> constructor;
        try {
            constructor = type.getConstructor();
        } catch (NoSuchMethodException e) {
            throw new StageLoadException(stage.className() + " needs a public constructor without arguments", e);
        }
        try {
            return (ChatStage) constructor.newInstance();
        } catch (InvocationTargetException e) {
            throw new StageLoadException("the constructor of " + stage.className() + " threw " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new StageLoadException("cannot make a " + stage.className() + ": " + e, e);
        }
    }

    /** The binary names of the classes in {@code classes}. */
    private static List<String> classNames(Path classes) throws StageLoadException {
        try {
            List<String> names = new ArrayList<>();
            for (Path file : SourceFingerprint.filesUnder(classes)) {
                String relative = SourceFingerprint.slashed(classes.relativize(file));
                if (relative.endsWith(".class") && !relative.endsWith("module-info.class")
                        && !relative.endsWith("package-info.class")) {
                    names.add(relative.substring(0, relative.length() - ".class".length()).replace('/', '.'));
                }
            }
            return names;
        } catch (IOException e) {
            throw new StageLoadException("cannot read the compiled classes in " + classes + ": " + e, e);
        }
    }

    private static String packageOf(String className) {
        int dot = className.lastIndexOf('.');
        return dot < 0 ? "" : className.substring(0, dot);
    }
}
