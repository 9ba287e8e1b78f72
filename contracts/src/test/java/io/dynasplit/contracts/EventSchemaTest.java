package io.dynasplit.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jackson.JacksonModule;
import com.github.victools.jsonschema.module.jackson.JacksonOption;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The JSON Schemas in src/main/resources/schemas are generated from the event records. This test regenerates them and
 * fails when a committed schema differs (run with -Dschemas.update=true to rewrite them), then validates a sample of
 * every event, as the codec writes it, against its schema.
 */
class EventSchemaTest {
    static final List<Class<?>> EVENTS = List.of(InferenceRequest.class, EdgeCommand.class, SplitTensor.class,
            InferenceResult.class, EnergyTelemetry.class, ParetoFront.class, DeadLetter.class, ReprofileRequest.class);
    static final Path SCHEMA_DIR = Path.of("src/main/resources/schemas");

    @Test
    void committedSchemasMatchTheRecords() throws IOException {
        boolean update = Boolean.getBoolean("schemas.update");
        for (Class<?> event : EVENTS) {
            Path file = SCHEMA_DIR.resolve(event.getSimpleName() + ".v1.json");
            String generated = Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(generate(event)) + "\n";
            if (update) {
                Files.createDirectories(SCHEMA_DIR);
                Files.writeString(file, generated);
            }
            assertTrue(Files.exists(file), file + " is missing; run the contracts tests with -Dschemas.update=true");
            assertEquals(generated, Files.readString(file),
                    file + " is out of date with " + event.getSimpleName() + "; rerun with -Dschemas.update=true");
        }
    }

    @Test
    void samplesValidateAgainstTheirSchemas() throws IOException {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        for (Object sample : Samples.all()) {
            JsonSchema schema = factory.getSchema(generate(sample.getClass()));
            JsonNode json = Json.mapper().readTree(Json.write(sample));
            Set<ValidationMessage> errors = schema.validate(json);
            assertTrue(errors.isEmpty(), sample.getClass().getSimpleName() + ": " + errors);
        }
    }

    @Test
    void schemasRejectWhatTheCodecRejects() throws IOException {
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(generate(InferenceRequest.class));
        ObjectNode json = (ObjectNode) Json.mapper().readTree(Json.write(Samples.request()));
        json.remove("requestId");
        assertFalse(schema.validate(json).isEmpty(), "requestId is required");
        ObjectNode cmd = (ObjectNode) Json.mapper().readTree(Json.write(Samples.command()));
        ((ObjectNode) cmd.get("config")).put("edgeAccelerator", "turbo");
        assertFalse(JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(generate(EdgeCommand.class))
                .validate(cmd).isEmpty(), "accelerator is an enum");
    }

    static ObjectNode generate(Class<?> type) {
        SchemaGeneratorConfigBuilder config = new SchemaGeneratorConfigBuilder(Json.mapper(), SchemaVersion.DRAFT_2020_12,
                OptionPreset.PLAIN_JSON)
                .with(new JacksonModule(JacksonOption.RESPECT_JSONPROPERTY_REQUIRED,
                        JacksonOption.FLATTENED_ENUMS_FROM_JSONVALUE))
                .with(Option.DEFINITIONS_FOR_ALL_OBJECTS, Option.NULLABLE_FIELDS_BY_DEFAULT);
        config.forTypesInGeneral().withCustomDefinitionProvider((javaType, context) -> {
            if (javaType.getErasedType() == Instant.class) {
                return new com.github.victools.jsonschema.generator.CustomDefinition(
                        context.getGeneratorConfig().createObjectNode().put("type", "string").put("format", "date-time"));
            }
            if (javaType.getErasedType() == byte[].class) {
                return new com.github.victools.jsonschema.generator.CustomDefinition(
                        context.getGeneratorConfig().createObjectNode().put("type", "string").put("contentEncoding", "base64"));
            }
            return null;
        });
        config.forFields().withRequiredCheck(field -> field.getType().getErasedType().isPrimitive());
        config.forFields().withNullableCheck(field -> {
            com.fasterxml.jackson.annotation.JsonProperty property =
                    field.getAnnotationConsideringFieldAndGetter(com.fasterxml.jackson.annotation.JsonProperty.class);
            return !(field.getType().getErasedType().isPrimitive() || (property != null && property.required()));
        });
        ObjectNode schema = new SchemaGenerator(config.build()).generateSchema(type);
        schema.put("$id", EventTypes.dataSchema(type));
        schema.put("title", type.getSimpleName());
        return schema;
    }
}
