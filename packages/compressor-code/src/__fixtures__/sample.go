package stats

import (
	"sort"
	"strings"
)

// MaxWords caps the number of words kept.
const MaxWords = 1000

// WordCount is a word and how often it occurs.
type WordCount struct {
	Word  string
	Count int
}

// Counter counts words.
type Counter interface {
	Add(word string)
	Top(n int) []WordCount
}

// CountWords splits text into words and counts them.
// Words are lowercased first.
func CountWords(text string) map[string]int {
	counts := make(map[string]int)
	for _, field := range strings.Fields(text) {
		word := strings.ToLower(field)
		if len(counts) >= MaxWords {
			break
		}
		counts[word]++
	}
	return counts
}

type table struct {
	counts map[string]int
}

// Top returns the n most frequent words.
func (t *table) Top(n int) []WordCount {
	result := make([]WordCount, 0, len(t.counts))
	for word, count := range t.counts {
		result = append(result, WordCount{Word: word, Count: count})
	}
	sort.Slice(result, func(i, j int) bool {
		return result[i].Count > result[j].Count
	})
	if len(result) > n {
		result = result[:n]
	}
	return result
}

func (t *table) Add(word string) { t.counts[word]++ }
