#include <map>
#include <string>
#include <vector>

namespace stats {

/// Most words kept.
constexpr int kMaxWords = 1000;

/**
 * Counts words.
 * Not thread safe.
 */
class WordCounter {
 public:
  /// Adds every word of a text.
  void AddAll(const std::string& text) {
    std::string word;
    for (char c : text) {
      if (c == ' ') {
        Add(word);
        word.clear();
      } else {
        word.push_back(c);
      }
    }
    Add(word);
  }

  int Count(const std::string& word) const;

 private:
  void Add(const std::string& word) { if (!word.empty()) counts_[word]++; }
  std::map<std::string, int> counts_;
};

int WordCounter::Count(const std::string& word) const {
  auto it = counts_.find(word);
  if (it == counts_.end()) {
    return 0;
  }
  int count = it->second;
  if (count > kMaxWords) {
    count = kMaxWords;
  }
  return count;
}

template <typename T>
T Clamp(T value, T low, T high) { return value < low ? low : value > high ? high : value; }

}  // namespace stats
