package io.ferry.cli;

import io.ferry.settings.Setting;
import io.ferry.settings.SettingRegistry;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Warns of {@code FERRY_*} environment variables that name no setting: a mistyped name
 * ({@code FERRY_TASK_SZE}) is otherwise ignored without a word, and the run uses the default the user
 * meant to change. The registry is only loaded when such a variable is present, so a run without
 * them pays nothing at start-up.
 */
final class UnknownSettings {
    /** {@code FERRY_*} variables that are not settings: read by the CLI and the launcher themselves. */
    private static final Set<String> NOT_SETTINGS = Set.of("FERRY_DEBUG", "FERRY_JDK");
    private static final String PREFIX = "FERRY_";
    /** The largest edit distance at which a known name is offered as the one meant. */
    private static final int MAX_SUGGESTION_DISTANCE = 3;

    private UnknownSettings() {
    }

    /** Prints one warning line on {@code err} per {@code FERRY_*} name of {@code environment} that is not a setting. */
    static void warn(Map<String, String> environment, PrintWriter err) {
        List<String> names = environment.keySet().stream()
                .filter(name -> name.startsWith(PREFIX) && !NOT_SETTINGS.contains(name)).sorted().toList();
        if (names.isEmpty()) {
            return;
        }
        List<String> known = SettingRegistry.all().stream().map(Setting::environmentVariable).toList();
        for (String name : names) {
            if (!known.contains(name)) {
                String meant = closest(name, known);
                err.println("ferry: ignoring " + name + ": no such setting" + (meant == null ? "" : " (did you mean " + meant + "?)"));
            }
        }
    }

    private static String closest(String name, List<String> known) {
        String best = null;
        int bestDistance = MAX_SUGGESTION_DISTANCE + 1;
        for (String candidate : known) {
            int distance = distance(name, candidate);
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best;
    }

    /** Levenshtein distance: insertions, deletions and substitutions. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
