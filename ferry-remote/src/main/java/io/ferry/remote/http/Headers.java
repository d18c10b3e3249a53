package io.ferry.remote.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;

/** The header fields of a request or response, in order; names compare without case. Not thread-safe. */
public final class Headers {
    private final List<String> names = new ArrayList<>();
    private final List<String> values = new ArrayList<>();

    /** Replaces every field named {@code name} with one of {@code value}, kept where the first was. */
    public Headers set(String name, String value) {
        int first = indexOf(name, 0);
        if (first < 0) {
            return add(name, value);
        }
        values.set(first, value);
        for (int i = indexOf(name, first + 1); i >= 0; i = indexOf(name, i)) {
            names.remove(i);
            values.remove(i);
        }
        return this;
    }

    /** Adds a field, after those there are. */
    public Headers add(String name, String value) {
        names.add(name);
        values.add(value);
        return this;
    }

    /** The value of the first field named {@code name}, or null. */
    public String get(String name) {
        int index = indexOf(name, 0);
        return index < 0 ? null : values.get(index);
    }

    /** The value of the first field named {@code name}, if there is one. */
    public Optional<String> firstValue(String name) {
        return Optional.ofNullable(get(name));
    }

    /** The values of every field named {@code name}, in order. */
    public List<String> all(String name) {
        List<String> found = new ArrayList<>(1);
        for (int i = indexOf(name, 0); i >= 0; i = indexOf(name, i + 1)) {
            found.add(values.get(i));
        }
        return found;
    }

    public boolean contains(String name) {
        return indexOf(name, 0) >= 0;
    }

    /** Each field in order. */
    public void forEach(BiConsumer<String, String> action) {
        for (int i = 0; i < names.size(); i++) {
            action.accept(names.get(i), values.get(i));
        }
    }

    public int size() {
        return names.size();
    }

    public boolean isEmpty() {
        return names.isEmpty();
    }

    private int indexOf(String name, int from) {
        for (int i = from; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        forEach((name, value) -> text.append(name).append(": ").append(value).append('\n'));
        return text.toString();
    }
}
