package io.github.runtimeestimator.core.catalog;

import io.github.runtimeestimator.core.HardwareSpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Ranks catalogue ids by how close they are to a name the catalogue does not know, for "did you mean"
 * messages. Shared words first (weighted by rarity), then edit distance.
 */
final class CloseIds {
    private CloseIds() {
    }

    /** A candidate id with what it shares with the request. */
    private record Scored(String id, double sharedWords, int distance) {
    }

    static List<String> rank(String requested, Collection<HardwareSpec> entries, int limit) {
        String request = HardwareCatalog.normalize(requested);
        Set<String> requestWords = words(request);
        String requestCompact = compact(request);

        List<Set<String>> entryWords = new ArrayList<>();
        List<List<String>> entryNames = new ArrayList<>();
        for (HardwareSpec e : entries) {
            List<String> names = names(e);
            entryNames.add(names);
            Set<String> w = new LinkedHashSet<>();
            names.forEach(n -> w.addAll(words(n)));
            entryWords.add(w);
        }

        List<Scored> scored = new ArrayList<>();
        int i = 0;
        for (HardwareSpec e : entries) {
            Set<String> mine = entryWords.get(i);
            double shared = 0;
            for (String word : requestWords) {
                if (containsWord(mine, word)) {
                    shared += 1.0 / documentFrequency(entryWords, word);
                }
            }
            int distance = Integer.MAX_VALUE;
            for (String name : entryNames.get(i)) {
                String c = compact(name);
                if (requestCompact.length() >= 3 && c.length() >= 3
                        && (containsWhole(c, requestCompact) || containsWhole(requestCompact, c))) {
                    shared += 1.0;
                    break;
                }
            }
            for (String name : entryNames.get(i)) {
                distance = Math.min(distance, distance(request, name));
            }
            scored.add(new Scored(e.id(), shared, distance));
            i++;
        }
        scored.sort(Comparator.comparingDouble((Scored s) -> -s.sharedWords())
                .thenComparingInt(Scored::distance)
                .thenComparing(Scored::id));
        return scored.stream().limit(limit).map(Scored::id).toList();
    }

    private static List<String> names(HardwareSpec e) {
        List<String> names = new ArrayList<>();
        names.add(HardwareCatalog.normalize(e.id()));
        names.add(HardwareCatalog.normalize(e.name()));
        e.aliases().forEach(a -> names.add(HardwareCatalog.normalize(a)));
        return names;
    }

    /** Words of a normalised name: runs of letters and digits ({@code nvidia-h100-sxm-80gb} -> 4 words). */
    static Set<String> words(String normalized) {
        Set<String> words = new LinkedHashSet<>();
        for (String w : normalized.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) {
            if (!w.isEmpty()) {
                words.add(w);
            }
        }
        return words;
    }

    /**
     * Same word, or one a prefix of the other when both have 3+ characters and the prefix does not cut a
     * number ({@code mi300} ~ {@code mi300x}, {@code sxm} ~ {@code sxm4}, but {@code a10} is not {@code a100}).
     */
    private static boolean containsWord(Set<String> words, String word) {
        for (String w : words) {
            if (w.equals(word)) {
                return true;
            }
            if (w.length() >= 3 && word.length() >= 3
                    && (w.startsWith(word) && !cutsNumber(w, 0, word.length())
                    || word.startsWith(w) && !cutsNumber(word, 0, w.length()))) {
                return true;
            }
        }
        return false;
    }

    /** {@code hay} contains {@code needle} somewhere that does not cut a number of {@code hay} in two. */
    private static boolean containsWhole(String hay, String needle) {
        for (int at = hay.indexOf(needle); at >= 0; at = hay.indexOf(needle, at + 1)) {
            if (!cutsNumber(hay, at, at + needle.length())) {
                return true;
            }
        }
        return false;
    }

    /** Whether the span [from, to) of {@code s} starts or ends in the middle of a run of digits. */
    private static boolean cutsNumber(String s, int from, int to) {
        boolean cutsStart = from > 0 && Character.isDigit(s.charAt(from - 1)) && Character.isDigit(s.charAt(from));
        boolean cutsEnd = to < s.length() && Character.isDigit(s.charAt(to - 1)) && Character.isDigit(s.charAt(to));
        return cutsStart || cutsEnd;
    }

    private static int documentFrequency(List<Set<String>> entryWords, String word) {
        int n = 0;
        for (Set<String> words : entryWords) {
            if (containsWord(words, word)) {
                n++;
            }
        }
        return Math.max(1, n);
    }

    private static String compact(String s) {
        return s.replaceAll("[^a-z0-9]", "");
    }

    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
