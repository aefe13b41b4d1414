package chatlab.grading;

import chatlab.grading.BytecodeCheckRules.Form;
import chatlab.grading.BytecodeCheckRules.Reference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Reads a student's compiled stage, before it runs, for calls no stage may make: ending the JVM,
 * threads not from {@code context.threads()}, files, sockets of its own, tampering with the JVM
 * (the list, and the reason the student reads for each, is {@link BytecodeCheckRules}).
 *
 * <p>The classes are read as bytes with ASM, never loaded, so nothing of the student's runs here.
 * Every reference a method makes is checked: calls, constructors (and a constructor's
 * {@code super(...)}, which is how {@code class Worker extends Thread} shows), fields, casts, class
 * literals, and the method references of lambdas ({@code System::exit}). A call hidden behind
 * reflection cannot be seen, but reflection itself can, and is forbidden.
 *
 * <p>The check is a first line, not a sandbox: what it cannot see (a loop without end, threads
 * without end from the right factory, memory, output) the grader's run-time limits catch.
 */
public final class BytecodeCheck {

    private BytecodeCheck() {
    }

    /**
     * The forbidden calls in the classes under {@code classesDirectory} (a stage's compiled classes,
     * {@link chatlab.harness.Compilation.Compiled#classes()}), by class and line; each call once
     * per class and line.
     *
     * @throws UncheckedIOException     if the folder cannot be read
     * @throws IllegalArgumentException if a {@code .class} file in it is not a class file
     */
    public static List<ForbiddenCall> check(Path classesDirectory) {
        List<ClassReader> classes = read(classesDirectory);
        Map<String, BytecodeCheckTypes.Declared> declared = new LinkedHashMap<>();
        for (ClassReader reader : classes) {
            declared.put(reader.getClassName(),
                    new BytecodeCheckTypes.Declared(reader.getSuperName(), List.of(reader.getInterfaces())));
        }
        BytecodeCheckTypes types = new BytecodeCheckTypes(declared);
        Map<List<Object>, ForbiddenCall> found = new LinkedHashMap<>();
        for (ClassReader reader : classes) {
            reader.accept(new ClassScanner(types, call ->
                    found.putIfAbsent(List.of(call.className(), call.line(), call.call()), call)), ClassReader.SKIP_FRAMES);
        }
        return found.values().stream()
                .sorted(Comparator.comparing(ForbiddenCall::className).thenComparingInt(ForbiddenCall::line)
                        .thenComparing(ForbiddenCall::call))
                .toList();
    }

    /**
     * The lines of feedback a student reads, one per call:
     * {@code OneShotServer.java:42: System.exit(...): a stage must never end the JVM: return from serve instead}.
     */
    public static String describe(List<ForbiddenCall> calls) {
        return calls.stream().map(ForbiddenCall::toString).collect(Collectors.joining("\n"));
    }

    private static List<ClassReader> read(Path classesDirectory) {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(classesDirectory)) {
            files = walk.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().endsWith(".class"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the compiled classes in " + classesDirectory, e);
        }
        List<ClassReader> readers = new ArrayList<>();
        for (Path file : files) {
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
            try {
                readers.add(new ClassReader(bytes));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("not a class file: " + file, e);
            }
        }
        return readers;
    }

    /** Reads one class: its name and source file, then each method's code. */
    private static final class ClassScanner extends ClassVisitor {
        private final BytecodeCheckTypes types;
        private final Consumer<ForbiddenCall> found;
        private String internalName = "";
        private String sourceFile;

        ClassScanner(BytecodeCheckTypes types, Consumer<ForbiddenCall> found) {
            super(Opcodes.ASM9);
            this.types = types;
            this.found = found;
        }

        @Override
        public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
            internalName = name;
        }

        @Override
        public void visitSource(String source, String debug) {
            sourceFile = source;
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
            return new MethodScanner();
        }

        private void report(Reference reference, int line) {
            BytecodeCheckRules.reasonFor(reference, types).ifPresent(reason -> found.accept(new ForbiddenCall(
                    internalName.replace('/', '.'), sourceFile(), line, reference.asWritten(), reason)));
        }

        /** Whether {@code internalName} is an anonymous class: javac names them {@code Outer$1}. */
        private static boolean isAnonymous(String internalName) {
            int nested = internalName.lastIndexOf('$');
            return nested > 0 && nested < internalName.length() - 1
                    && internalName.substring(nested + 1).chars().allMatch(Character::isDigit);
        }

        /** The file javac named, or the one it would have: the top-level class's name. */
        private String sourceFile() {
            if (sourceFile != null) {
                return sourceFile;
            }
            String simpleName = internalName.substring(internalName.lastIndexOf('/') + 1);
            int nested = simpleName.indexOf('$');
            return (nested > 0 ? simpleName.substring(0, nested) : simpleName) + ".java";
        }

        /** Reads one method's code, in order, keeping track of the source line. */
        private final class MethodScanner extends MethodVisitor {
            private int line;
            /**
             * Types of {@code new} whose constructor has not been called yet. Each {@code new X} is
             * followed (after its arguments, which may hold more {@code new}s) by {@code X.<init>};
             * a {@code <init>} with no {@code new} before it is a constructor's {@code super(...)}.
             */
            private final Deque<String> pendingNew = new ArrayDeque<>();

            MethodScanner() {
                super(Opcodes.ASM9);
            }

            @Override
            public void visitLineNumber(int line, Label start) {
                this.line = line;
            }

            @Override
            public void visitTypeInsn(int opcode, String type) {
                if (opcode == Opcodes.NEW) {
                    pendingNew.push(type);
                } else {
                    typeUsed(Type.getObjectType(type), Form.TYPE);
                }
            }

            @Override
            public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
                if (!name.equals("<init>")) {
                    report(Form.CALL, owner, name, descriptor);
                } else if (owner.equals(pendingNew.peek())) {
                    pendingNew.pop();
                    if (!isAnonymous(owner)) { // new Thread() {...}: its super(...) call tells, on the same line
                        report(Form.NEW, owner, name, descriptor);
                    }
                } else if (!owner.equals(internalName)) { // this(...) calls a constructor of its own class
                    report(isAnonymous(internalName) ? Form.ANONYMOUS_SUBCLASS : Form.SUPER, owner, name, descriptor);
                }
            }

            @Override
            public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
                report(Form.FIELD, owner, name, descriptor);
            }

            @Override
            public void visitLdcInsn(Object value) {
                constant(value, Form.CLASS_LITERAL);
            }

            @Override
            public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap, Object... arguments) {
                // The bootstrap is the JDK's (lambdas, string concatenation, records, switches); its
                // arguments hold what the student wrote: System::exit is a handle to System.exit.
                for (Object argument : arguments) {
                    constant(argument, Form.TYPE);
                }
            }

            private void constant(Object value, Form formOfType) {
                switch (value) {
                    case Type type -> typeUsed(type, formOfType);
                    case Handle handle -> handle(handle);
                    case ConstantDynamic dynamic -> {
                        for (int i = 0; i < dynamic.getBootstrapMethodArgumentCount(); i++) {
                            constant(dynamic.getBootstrapMethodArgument(i), Form.TYPE);
                        }
                    }
                    default -> {
                        // a number or a string: refers to nothing
                    }
                }
            }

            private void handle(Handle handle) {
                Form form = switch (handle.getTag()) {
                    case Opcodes.H_GETFIELD, Opcodes.H_GETSTATIC, Opcodes.H_PUTFIELD, Opcodes.H_PUTSTATIC -> Form.FIELD;
                    case Opcodes.H_NEWINVOKESPECIAL -> Form.CONSTRUCTOR_REFERENCE;
                    default -> Form.METHOD_REFERENCE;
                };
                report(form, handle.getOwner(), handle.getName(), handle.getDesc());
            }

            private void typeUsed(Type type, Form form) {
                Type element = type.getSort() == Type.ARRAY ? type.getElementType() : type;
                if (element.getSort() == Type.OBJECT) {
                    report(form, element.getInternalName(), "", "");
                }
            }

            private void report(Form form, String owner, String name, String descriptor) {
                ClassScanner.this.report(new Reference(form, owner, name, descriptor), line);
            }
        }
    }
}
