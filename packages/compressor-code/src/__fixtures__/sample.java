package com.example.stats;

import java.util.HashMap;
import java.util.Map;

/**
 * Counts words.
 * Not thread safe.
 */
public class WordCounter {
    /** Most words kept. */
    public static final int MAX_WORDS = 1000;

    private final Map<String, Integer> counts = new HashMap<>();

    /** Adds every word of a text. */
    public void addAll(String text) {
        for (String raw : text.split("\\s+")) {
            String word = raw.toLowerCase();
            if (counts.size() >= MAX_WORDS) {
                break;
            }
            counts.merge(word, 1, Integer::sum);
        }
        counts.remove("");
    }

    public int count(String word) {
        return counts.getOrDefault(word, 0);
    }

    public WordCounter() {
        super();
    }

    public interface Listener {
        void onWord(String word);
    }

    public enum Mode { FAST, SAFE }
}
