package io.ferry.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * A strict little CSV reader for tests, after RFC 4180: records end with LF or CRLF, fields are
 * separated by commas, a quoted field doubles its quotes and may hold commas and line breaks, and
 * a quote anywhere else is an error. Lines that start with {@code #} before the first record are
 * comments.
 *
 * @param comments the comment lines, without their {@code #} and one space
 * @param records  the records, the header first
 */
record MiniCsv(List<String> comments, List<List<String>> records) {
    static MiniCsv parse(String text) {
        List<String> comments = new ArrayList<>();
        int pos = 0;
        while (text.startsWith("#", pos)) {
            int end = text.indexOf('\n', pos);
            if (end < 0) {
                throw new IllegalArgumentException("comment without an end of line at " + pos);
            }
            comments.add(text.substring(pos + 1, end).stripLeading());
            pos = end + 1;
        }
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '"' && field.isEmpty()) {
                pos = quoted(text, pos + 1, field);
                if (pos < text.length() && ",\r\n".indexOf(text.charAt(pos)) < 0) {
                    throw new IllegalArgumentException("text after a closing quote at " + pos);
                }
                continue;
            }
            if (c == '"') {
                throw new IllegalArgumentException("quote inside an unquoted field at " + pos);
            }
            if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
            } else if (c == '\n' || (c == '\r' && text.startsWith("\r\n", pos))) {
                record.add(field.toString());
                field.setLength(0);
                records.add(List.copyOf(record));
                record.clear();
                pos += c == '\r' ? 1 : 0;
            } else {
                field.append(c);
            }
            pos++;
        }
        if (!record.isEmpty() || !field.isEmpty()) {
            throw new IllegalArgumentException("last record does not end with a line break");
        }
        return new MiniCsv(List.copyOf(comments), List.copyOf(records));
    }

    /** Reads a quoted field's content starting after its opening quote; returns the position after the closing one. */
    private static int quoted(String text, int pos, StringBuilder field) {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '"') {
                if (text.startsWith("\"\"", pos)) {
                    field.append('"');
                    pos += 2;
                    continue;
                }
                return pos + 1;
            }
            field.append(c);
            pos++;
        }
        throw new IllegalArgumentException("unterminated quoted field");
    }

    /** The header record. */
    List<String> header() {
        return records.getFirst();
    }

    /** The records after the header. */
    List<List<String>> rows() {
        return records.subList(1, records.size());
    }
}
