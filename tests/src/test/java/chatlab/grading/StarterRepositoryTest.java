package chatlab.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chatlab.harness.ChatLabHome;
import chatlab.stage.StageId;
import chatlab.suite.PlannedProperty;
import chatlab.suite.SuiteRunner;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StarterRepositoryTest {
    private static final ChatLabHome HOME = ChatLabHome.locate();
    private static final Pattern ID = Pattern.compile("\\[class:([\\w.$]+)].*\\[method:(\\w+)\\(");

    @TempDir
    Path dir;

    @Test
    void thePomsLoseTheSolutionsAndStayWellFormed() throws Exception {
        for (String pom : List.of("pom.xml", "tests/pom.xml")) {
            String original = Files.readString(HOME.root().resolve(pom));
            String student = StarterRepository.withoutInstructorParts(original);
            assertTrue(original.contains("<module>solutions</module>") || original.contains("chatlab-solution-"), pom);
            assertFalse(student.contains("<module>solutions</module>") || student.contains("chatlab-solution-")
                    || student.contains("graded-suite"), pom + ":\n" + student);
            assertFalse(student.contains("instructor only"), pom);
            DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(new ByteArrayInputStream(student.getBytes(StandardCharsets.UTF_8)));
        }
    }

    @Test
    void everyPropertyCanBeLeftOutAndItsClassStillCompiles() throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        for (PlannedProperty property : SuiteRunner.plan(EnumSet.allOf(StageId.class))) {
            Matcher m = ID.matcher(property.id());
            assertTrue(m.find(), property.id());
            String className = m.group(1);
            Path source = HOME.root().resolve("tests/src/main/java").resolve(className.replace('.', '/') + ".java");
            String without = StarterRepository.withoutMethod(Files.readString(source), m.group(2));

            assertFalse(without.contains(" " + m.group(2) + "("), property.name());
            assertFalse(without.contains(property.name().substring(0, Math.min(40, property.name().length()))),
                    "its display name is gone too: " + property.name());
            StringWriter errors = new StringWriter();
            JavaFileObject file = new SimpleJavaFileObject(source.toUri(), JavaFileObject.Kind.SOURCE) {
                @Override
                public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                    return without;
                }
            };
            boolean compiled = javac.getTask(errors, null, null,
                    List.of("-d", dir.resolve("classes").toString(), "-proc:none", "-classpath", System.getProperty("java.class.path")),
                    null, List.of(file)).call();
            assertTrue(compiled, "without '" + property.name() + "', " + className + " does not compile:\n" + errors);
        }
    }

    @Test
    void theStarterRepositoryHasTheLabsAndNothingOnlyTheInstructorMaySee() throws IOException {
        PlannedProperty hidden = SuiteRunner.plan(EnumSet.of(StageId.BROADCAST_ROOM)).getLast();
        Path target = dir.resolve("starter");

        List<String> left = StarterRepository.write(HOME, target, List.of(hidden));

        assertEquals(List.of(hidden.name()), left);
        for (String present : List.of("labs/stage1/src/main/java/chatlab/stage1/OneShotServer.java", "common/pom.xml",
                "tests/src/main/java/chatlab/suite/OneShotProperties.java", "STUDENT.md", "README.md", "chatlab", "pom.xml")) {
            assertTrue(Files.exists(target.resolve(present)), present);
        }
        for (String absent : List.of("solutions", "tests/mistakes", "tests/src/test", "INSTRUCTOR.md", ".ci", "target",
                "tests/target")) {
            assertFalse(Files.exists(target.resolve(absent)), absent);
        }
        assertTrue(Files.isExecutable(target.resolve("chatlab")));
        String suite = Files.readString(target.resolve("tests/src/main/java/chatlab/suite/BroadcastRoomProperties.java"));
        assertFalse(suite.contains(hidden.name().substring(0, 30)), suite);
    }
}
