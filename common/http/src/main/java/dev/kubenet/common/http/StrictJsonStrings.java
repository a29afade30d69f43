package dev.kubenet.common.http;

import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.JsonbException;
import jakarta.json.bind.serializer.DeserializationContext;
import jakarta.json.bind.serializer.JsonbDeserializer;
import jakarta.json.stream.JsonParser;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Type;

/**
 * The JSON-B that reads every request body: text fields take only JSON strings of well-formed Unicode. JSON-B alone
 * coerces a number or boolean into text ({@code {"title":42}} stored a task "42"), and keeps a lone UTF-16
 * surrogate ({@code "\ud800"}), which the database then stores as "?" and a password hash silently hashes as "?".
 */
@Provider
public class StrictJsonStrings implements ContextResolver<Jsonb> {

    @Override
    public Jsonb getContext(Class<?> type) {
        return Configured.JSONB;
    }

    /** Built on first use: {@link #text} needs no JSON-B implementation. */
    private static final class Configured {
        static final Jsonb JSONB = JsonbBuilder.create(new JsonbConfig().withDeserializers(new Text()));
    }

    /** A {@link String} from a JSON string or null, or the 400 of {@link ReadFailures}. */
    static final class Text implements JsonbDeserializer<String> {

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context, Type type) {
            // Yasson's parser has no currentEvent(); getValue() reads the value whatever its type.
            JsonValue value = parser.getValue();
            if (value == JsonValue.NULL) {
                return null;
            }
            if (!(value instanceof JsonString string)) {
                throw new JsonbException("Expected a JSON string, got " + value.getValueType());
            }
            return text(string);
        }
    }

    /**
     * The text of a JSON string, for a body read as JSON-P values rather than bound by JSON-B; a lone surrogate is
     * the same 400 as there ({@link InvalidJsonMapper}).
     */
    public static String text(JsonString string) {
        String text = string.getString();
        if (text.codePoints().anyMatch(c -> c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE)) {
            throw new NotUnicode();
        }
        return text;
    }

    /** A lone surrogate: valid JSON syntax, but no character, so the client hears exactly that. */
    static final class NotUnicode extends JsonbException {

        static final String DETAIL = "Text cannot contain a lone UTF-16 surrogate such as \\ud800: it is no character.";

        NotUnicode() {
            super(DETAIL);
        }
    }
}
