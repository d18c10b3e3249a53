package io.ferry.remote.s3;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A reader of the small JSON documents that credential sources answer with (RFC 8259): objects
 * become {@link Map}s, arrays {@link List}s, numbers {@link BigDecimal}s, and strings, booleans
 * and null themselves. Nesting is limited, so that no input can exhaust the stack.
 */
final class Json {
    private static final int MAX_DEPTH = 32;

    private final String text;
    private int position;

    private Json(String text) {
        this.text = text;
    }

    /** The top-level object of {@code text}. */
    static Map<String, Object> parseObject(String text) throws Malformed {
        Json json = new Json(text);
        Object value = json.value(0);
        json.skipWhiteSpace();
        if (json.position != text.length()) {
            throw json.malformed("text after the end of the document");
        }
        if (!(value instanceof Map<?, ?>)) {
            throw new Malformed("the document is not a JSON object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> object = (Map<String, Object>) value;
        return object;
    }

    /** Text that is not the JSON expected; the message says what and where. */
    static final class Malformed extends Exception {
        Malformed(String message) {
            super(message);
        }
    }

    private Object value(int depth) throws Malformed {
        if (depth > MAX_DEPTH) {
            throw malformed("nesting deeper than " + MAX_DEPTH);
        }
        skipWhiteSpace();
        if (position == text.length()) {
            throw malformed("the document ends where a value was expected");
        }
        char c = text.charAt(position);
        return switch (c) {
            case '{' -> object(depth);
            case '[' -> array(depth);
            case '"' -> string();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", null);
            default -> number();
        };
    }

    private Map<String, Object> object(int depth) throws Malformed {
        Map<String, Object> object = new LinkedHashMap<>();
        position++;
        skipWhiteSpace();
        if (consume('}')) {
            return object;
        }
        do {
            skipWhiteSpace();
            if (position == text.length() || text.charAt(position) != '"') {
                throw malformed("a member name was expected");
            }
            String name = string();
            skipWhiteSpace();
            if (!consume(':')) {
                throw malformed("':' was expected");
            }
            object.put(name, value(depth + 1));
            skipWhiteSpace();
        } while (consume(','));
        if (!consume('}')) {
            throw malformed("',' or '}' was expected");
        }
        return object;
    }

    private List<Object> array(int depth) throws Malformed {
        List<Object> array = new ArrayList<>();
        position++;
        skipWhiteSpace();
        if (consume(']')) {
            return array;
        }
        do {
            array.add(value(depth + 1));
            skipWhiteSpace();
        } while (consume(','));
        if (!consume(']')) {
            throw malformed("',' or ']' was expected");
        }
        return array;
    }

    private String string() throws Malformed {
        StringBuilder out = new StringBuilder();
        position++;
        while (position < text.length()) {
            char c = text.charAt(position++);
            if (c == '"') {
                return out.toString();
            }
            if (c < 0x20) {
                throw malformed("a control character inside a string");
            }
            out.append(c == '\\' ? escaped() : c);
        }
        throw malformed("a string is not closed");
    }

    private char escaped() throws Malformed {
        if (position == text.length()) {
            throw malformed("a string is not closed");
        }
        char c = text.charAt(position++);
        return switch (c) {
            case '"', '\\', '/' -> c;
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'u' -> unicode();
            default -> throw malformed("unknown escape \\" + c);
        };
    }

    private char unicode() throws Malformed {
        if (position + 4 > text.length()) {
            throw malformed("a \\u escape is cut short");
        }
        try {
            char c = (char) Integer.parseInt(text, position, position + 4, 16);
            position += 4;
            return c;
        } catch (NumberFormatException e) {
            throw malformed("a \\u escape is not hexadecimal");
        }
    }

    private Object literal(String word, Object value) throws Malformed {
        if (!text.startsWith(word, position)) {
            throw malformed("unexpected text");
        }
        position += word.length();
        return value;
    }

    private BigDecimal number() throws Malformed {
        int start = position;
        while (position < text.length() && "+-0123456789.eE".indexOf(text.charAt(position)) >= 0) {
            position++;
        }
        String number = text.substring(start, position);
        if (number.isEmpty() || !number.matches("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?")) {
            position = start;
            throw malformed("unexpected text");
        }
        try {
            return new BigDecimal(number);
        } catch (NumberFormatException e) {
            position = start;
            throw malformed("a number out of range"); // an exponent past what BigDecimal holds: 1e9999999999
        }
    }

    private boolean consume(char expected) {
        if (position < text.length() && text.charAt(position) == expected) {
            position++;
            return true;
        }
        return false;
    }

    private void skipWhiteSpace() {
        while (position < text.length() && " \t\r\n".indexOf(text.charAt(position)) >= 0) {
            position++;
        }
    }

    private Malformed malformed(String what) {
        return new Malformed(what + " at character " + (position + 1));
    }
}
