using System;
using System.Collections.Generic;

namespace Example.Stats
{
    /// <summary>
    /// Counts words.
    /// </summary>
    public class WordCounter
    {
        public const int MaxWords = 1000;

        private readonly Dictionary<string, int> counts = new Dictionary<string, int>();

        public int Total { get; private set; }

        /// <summary>Adds every word of a text.</summary>
        public void AddAll(string text)
        {
            foreach (var raw in text.Split(' '))
            {
                var word = raw.ToLowerInvariant();
                if (counts.Count >= MaxWords)
                {
                    break;
                }
                counts[word] = counts.TryGetValue(word, out var count) ? count + 1 : 1;
                Total++;
            }
        }

        public int Count(string word) => counts.TryGetValue(word, out var count) ? count : 0;
    }

    public interface IRanked
    {
        int Rank();
    }

    public enum Mode { Fast, Safe }
}
