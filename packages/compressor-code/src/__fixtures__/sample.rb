require 'set'
require_relative 'stats/version'

# Counts words.
# Keeps at most MAX_WORDS distinct words.
module Stats
  MAX_WORDS = 1000

  class WordCounter
    attr_reader :counts

    def initialize
      @counts = Hash.new(0)
    end

    # Adds every word of a text.
    def add_all(text)
      text.split.each do |raw|
        word = raw.downcase
        break if @counts.size >= MAX_WORDS

        @counts[word] += 1
      end
      @counts.delete('')
      self
    end

    def count(word) = @counts[word]
  end

  def self.top(counter, n = 10)
    sorted = counter.counts.sort_by { |word, count| [-count, word] }
    sorted = sorted.reject { |_, count| count < 2 }
    sorted = sorted.first(n)
    sorted.map! { |word, count| "#{word}=#{count}" }
    sorted.freeze
    sorted
  end
end
