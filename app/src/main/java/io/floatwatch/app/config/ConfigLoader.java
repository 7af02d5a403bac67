package io.floatwatch.app.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Strict parse, then validate everything, then an immutable {@link RuntimeConfig}. Unknown and
 * duplicate keys are errors: a typo in a config that pages people must not be silently ignored.
 */
public final class ConfigLoader {

    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private ConfigLoader() {
    }

    public static RuntimeConfig load(Path file) {
        return load(file, false);
    }

    /**
     * @param kafkaGiven the command line provides the broker ({@code --embedded-kafka}): a file without
     *                   {@code kafka.bootstrapServers} is then valid
     */
    public static RuntimeConfig load(Path file, boolean kafkaGiven) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file.toString(), List.of("file not found (pass an existing file with -c/--config)"));
        } catch (IOException e) {
            throw new ConfigException(file.toString(), List.of("cannot read: " + e.getMessage()));
        }
        return ConfigValidator.validate(read(text, file.toString()), file.toString(), kafkaGiven);
    }

    public static RuntimeConfig parse(String yaml, String source) {
        FloatwatchConfig raw = read(yaml, source);
        return ConfigValidator.validate(raw, source);
    }

    static FloatwatchConfig read(String yaml, String source) {
        if (yaml == null || yaml.isBlank()) {
            throw new ConfigException(source, List.of("(root): the file is empty (at least kafka.bootstrapServers and aws.accounts are required)"));
        }
        try {
            FloatwatchConfig raw = YAML.readValue(yaml, FloatwatchConfig.class);
            if (raw == null) {
                throw new ConfigException(source, List.of("(root): the file holds no YAML mapping"));
            }
            return raw;
        } catch (UnrecognizedPropertyException e) {
            String known = e.getKnownPropertyIds() == null ? "" : e.getKnownPropertyIds().stream()
                    .map(Object::toString).sorted().collect(Collectors.joining(", "));
            throw new ConfigException(source, List.of(path(e) + ": unknown field '" + e.getPropertyName()
                    + "' (expected one of: " + known + ")"));
        } catch (InvalidFormatException e) {
            throw new ConfigException(source, List.of(path(e) + ": '" + e.getValue() + "' is not a valid "
                    + simpleType(e.getTargetType())));
        } catch (MismatchedInputException e) {
            throw new ConfigException(source, List.of(path(e) + ": expected " + describe(e.getTargetType())
                    + line(e)));
        } catch (JsonProcessingException e) {
            throw new ConfigException(source, List.of(path(e) + ": " + e.getOriginalMessage() + line(e)));
        }
    }

    private static String path(JsonProcessingException e) {
        if (!(e instanceof JsonMappingException m) || m.getPath().isEmpty()) {
            return "(root)";
        }
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : m.getPath()) {
            if (ref.getFieldName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.isEmpty() ? "(root)" : sb.toString();
    }

    private static String line(JsonProcessingException e) {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "a different value";
        }
        if (List.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (java.util.Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "a mapping of fields";
        }
        return "a " + simpleType(type);
    }

    private static String simpleType(Class<?> type) {
        if (type == null) {
            return "value";
        }
        if (type == Integer.class || type == int.class) {
            return "whole number";
        }
        if (type == String.class) {
            return "string";
        }
        return type.getSimpleName();
    }
}
