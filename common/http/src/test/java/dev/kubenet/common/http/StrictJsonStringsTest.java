package dev.kubenet.common.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.json.Json;
import jakarta.json.bind.JsonbException;
import jakarta.json.stream.JsonParser;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

/** The text deserializer on its own, on a parser positioned at the value as JSON-B hands it over. */
class StrictJsonStringsTest {

    @Test
    void aJsonStringIsText() {
        assertEquals("Buy milk 🥛", read("\"Buy milk \\ud83e\\udd5b\""));
        assertEquals("", read("\"\""));
    }

    @Test
    void nullIsNull() {
        assertNull(read("null"));
    }

    @Test
    void aNumberBooleanObjectOrArrayIsNoText() {
        for (String json : new String[] {"42", "true", "{\"a\":1}", "[\"a\"]"}) {
            JsonbException e = assertThrows(JsonbException.class, () -> read(json), json);
            assertFalse(e instanceof StrictJsonStrings.NotUnicode, json);
        }
    }

    @Test
    void aLoneSurrogateIsNoCharacter() {
        assertThrows(StrictJsonStrings.NotUnicode.class, () -> read("\"a\\ud800b\""));
        assertThrows(StrictJsonStrings.NotUnicode.class, () -> read("\"\\udc00\""));
    }

    private static String read(String json) {
        try (JsonParser parser = Json.createParser(new StringReader(json))) {
            parser.next();
            return new StrictJsonStrings.Text().deserialize(parser, null, String.class);
        }
    }
}
