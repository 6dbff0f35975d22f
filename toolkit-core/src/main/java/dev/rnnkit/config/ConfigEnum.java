package dev.rnnkit.config;

/**
 * A config value chosen from a fixed set of lower-case YAML names.
 *
 * <p>Enums implement this so that error messages and the JSON Schema list the names a user writes,
 * not the Java constant names.
 */
public interface ConfigEnum {

    /** The name written in YAML, e.g. {@code lstm}: the constant's name in lower case. */
    default String yamlName() {
        return ((Enum<?>) this).name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The YAML names of every constant of an enum implementing this interface. */
    static <E extends Enum<E> & ConfigEnum> java.util.List<String> names(Class<E> type) {
        return java.util.Arrays.stream(type.getEnumConstants()).map(ConfigEnum::yamlName).toList();
    }
}
