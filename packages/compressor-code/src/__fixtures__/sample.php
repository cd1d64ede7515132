<?php

namespace Example\Stats;

use InvalidArgumentException;

/**
 * Counts words.
 * Not thread safe.
 */
class WordCounter
{
    public const MAX_WORDS = 1000;

    private array $counts = [];

    /** Adds every word of a text. */
    public function addAll(string $text): void
    {
        foreach (preg_split('/\s+/', $text) as $raw) {
            $word = strtolower($raw);
            if (count($this->counts) >= self::MAX_WORDS) {
                break;
            }
            $this->counts[$word] = ($this->counts[$word] ?? 0) + 1;
        }
        unset($this->counts['']);
    }

    public function count(string $word): int
    {
        return $this->counts[$word] ?? 0;
    }
}

function top(WordCounter $counter, int $n = 10): array
{
    if ($n < 1) {
        throw new InvalidArgumentException('n must be positive');
    }
    $result = [];
    $result[] = $counter->count('a');
    $result[] = $counter->count('b');
    return array_slice($result, 0, $n);
}
