package chatlab.harness;

import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Set;

/**
 * The class loader of one compiled stage: its own classes first, then its parent's (which has
 * {@code common/}).
 *
 * <p>Why not the usual parent-first order? The parent may itself see classes of the same names: the
 * test classpath holds the reference solutions, and {@code labs/} uses their class names. So a class
 * of the stage's own packages comes from the stage's folder or from nowhere, never from a namesake
 * the parent happens to see; any other class is looked for here first, then in the parent.
 */
final class StageClassLoader extends URLClassLoader {
    static {
        registerAsParallelCapable();
    }

    private final Set<String> ownPackages;

    /**
     * @param ownPackages the packages whose classes may come only from {@code classes}
     */
    StageClassLoader(String name, Path classes, Set<String> ownPackages, ClassLoader parent) {
        super(name, new URL[] {url(classes)}, parent);
        this.ownPackages = Set.copyOf(ownPackages);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            Class<?> type = findLoadedClass(name);
            if (type == null && !name.startsWith("java.")) {
                try {
                    type = findClass(name);
                } catch (ClassNotFoundException notHere) {
                    int dot = name.lastIndexOf('.');
                    if (dot > 0 && ownPackages.contains(name.substring(0, dot))) {
                        throw notHere;
                    }
                    // Not one of the stage's classes: common/ or the JDK, from the parent below.
                }
            }
            if (type == null) {
                return super.loadClass(name, resolve);
            }
            if (resolve) {
                resolveClass(type);
            }
            return type;
        }
    }

    private static URL url(Path classes) {
        try {
            return classes.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("not a folder URL: " + classes, e);
        }
    }
}
