//! Word statistics.
//! Counts words in text.

use std::collections::HashMap;

/// Most words kept.
pub const MAX_WORDS: usize = 1000;

/// A word and its count.
#[derive(Debug, Clone)]
pub struct WordCount {
    pub word: String,
    pub count: usize,
}

pub enum Order {
    Ascending,
    Descending,
}

/// Counts words in a text.
/// Words are lowercased.
pub fn count_words(text: &str) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for word in text.split_whitespace() {
        let word = word.to_lowercase();
        if counts.len() >= MAX_WORDS {
            break;
        }
        *counts.entry(word).or_insert(0) += 1;
    }
    counts
}

pub trait Ranked {
    fn rank(&self) -> usize;
}

impl WordCount {
    /// Sorts counts in the given order.
    pub fn sorted(mut items: Vec<WordCount>, order: Order) -> Vec<WordCount> {
        items.sort_by(|a, b| match order {
            Order::Ascending => a.count.cmp(&b.count),
            Order::Descending => b.count.cmp(&a.count),
        });
        items.dedup_by(|a, b| a.word == b.word);
        items.truncate(MAX_WORDS);
        items.shrink_to_fit();
        items
    }

    pub fn new(word: String) -> Self { Self { word, count: 0 } }
}
