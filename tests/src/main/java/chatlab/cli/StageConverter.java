package chatlab.cli;

import chatlab.stage.StageId;
import picocli.CommandLine;

/** Reads {@code --stage N}: 1 to 4. */
final class StageConverter implements CommandLine.ITypeConverter<StageId> {
    @Override
    public StageId convert(String value) {
        try {
            return StageId.of(Integer.parseInt(value.strip()));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a stage: stages are 1 to 4");
        }
    }
}
