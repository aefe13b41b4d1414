package chatlab.grading;

import chatlab.suite.PlannedProperty;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The instructor's grading settings, read from a JSON file ({@code chatlab grade --config FILE}):
 *
 * <pre>{@code
 * {
 *   "default_visibility": "visible",
 *   "visibility": {
 *     "stage 4": "after_due_date",
 *     "many members at once: whole lines, each event once to everyone in the room, in one order for all": "hidden"
 *   },
 *   "property_timeout_seconds": 60,
 *   "submission_timeout_seconds": 600
 * }
 * }</pre>
 *
 * A {@code visibility} key is a property's name (as {@code chatlab check} and the reports show it)
 * or {@code stage N} for all of a stage's properties; a property's own entry wins over its stage's.
 * Every field may be left out.
 */
public record GradingConfig(Visibility defaultVisibility, Map<String, Visibility> visibility,
                            Duration propertyTimeout, Duration submissionTimeout) {
    private static final Pattern STAGE_KEY = Pattern.compile("stage ([1-4])");

    /** Every property visible, 60 s per property, 10 minutes per submission. */
    public static final GradingConfig DEFAULT = new GradingConfig(Visibility.VISIBLE, Map.of(),
            Duration.ofSeconds(60), Duration.ofMinutes(10));

    public GradingConfig {
        Objects.requireNonNull(defaultVisibility, "defaultVisibility");
        visibility = Map.copyOf(visibility);
    }

    /** The file's JSON form. */
    private record Json(@JsonProperty("default_visibility") String defaultVisibility,
                        @JsonProperty("visibility") Map<String, String> visibility,
                        @JsonProperty("property_timeout_seconds") Integer propertyTimeoutSeconds,
                        @JsonProperty("submission_timeout_seconds") Integer submissionTimeoutSeconds) {
    }

    /**
     * Reads {@code file}, checking every visibility key against the suite's properties.
     *
     * @throws IllegalArgumentException with a message for the instructor when the file is wrong
     */
    public static GradingConfig read(Path file, List<PlannedProperty> suite) {
        Json json;
        try {
            json = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(file.toFile(), Json.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the grading config " + file + " is not valid: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the grading config " + file + ": " + e.getMessage());
        }
        Visibility fallback = json.defaultVisibility() == null ? DEFAULT.defaultVisibility()
                : Visibility.ofGradescopeName(json.defaultVisibility());
        Map<String, Visibility> visibility = new java.util.LinkedHashMap<>();
        Set<String> names = new TreeSet<>();
        suite.forEach(p -> names.add(p.name()));
        if (json.visibility() != null) {
            for (Map.Entry<String, String> entry : json.visibility().entrySet()) {
                String key = entry.getKey();
                if (!STAGE_KEY.matcher(key).matches() && !names.contains(key)) {
                    throw new IllegalArgumentException("the grading config names no property of the suite: '" + key
                            + "'. Use 'stage N' or one of:\n  " + String.join("\n  ", names));
                }
                visibility.put(key, Visibility.ofGradescopeName(entry.getValue()));
            }
        }
        return new GradingConfig(fallback, visibility,
                seconds(json.propertyTimeoutSeconds(), DEFAULT.propertyTimeout(), "property_timeout_seconds"),
                seconds(json.submissionTimeoutSeconds(), DEFAULT.submissionTimeout(), "submission_timeout_seconds"));
    }

    private static Duration seconds(Integer value, Duration fallback, String field) {
        if (value == null) {
            return fallback;
        }
        if (value <= 0) {
            throw new IllegalArgumentException("the grading config's " + field + " must be positive, not " + value);
        }
        return Duration.ofSeconds(value);
    }

    /** Who sees {@code property}'s details. */
    public Visibility visibilityOf(PlannedProperty property) {
        Visibility own = visibility.get(property.name());
        if (own != null) {
            return own;
        }
        for (Map.Entry<String, Visibility> entry : visibility.entrySet()) {
            Matcher m = STAGE_KEY.matcher(entry.getKey());
            if (m.matches() && Integer.parseInt(m.group(1)) == property.stage()) {
                return entry.getValue();
            }
        }
        return defaultVisibility;
    }
}
