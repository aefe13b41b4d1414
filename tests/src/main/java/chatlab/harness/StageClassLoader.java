package chatlab.harness;

import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;

/**
 * The class loader of one compiled stage: its own classes first, then its parent's (which has
 * {@code common/}).
 *
 * <p>Why not the usual parent-first order? The parent may itself see classes of the same names: the
 * test classpath holds the reference solutions, and {@code labs/} uses their class names. Looking
 * here first makes sure the stage that runs is the one that was compiled, never a namesake.
 */
final class StageClassLoader extends URLClassLoader {
    static {
        registerAsParallelCapable();
    }

    StageClassLoader(String name, Path classes, ClassLoader parent) {
        super(name, new URL[] {url(classes)}, parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            Class<?> type = findLoadedClass(name);
            if (type == null && !name.startsWith("java.")) {
                try {
                    type = findClass(name);
                } catch (ClassNotFoundException notOurs) {
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
