import { describe, expect, it } from 'vitest';
import {
  type PairingTranscript,
  pairingTranscripts,
} from './pairing-transcripts.ts';
import {
  type PairingExpectations,
  pairingViolations,
} from './pairing-violations.ts';
import type { TranscriptMessage } from './transcript.ts';

/** Options of {@link describePairingSafety}. */
export interface DescribePairingSafetyOptions<T> {
  /** Shown in the test names: 'openai-agents handoff filter', ... */
  name: string;
  /** Builds the framework's own history from a neutral transcript. */
  toFramework(messages: TranscriptMessage[]): T;
  /** Reads the framework's history back; must invert `toFramework` exactly. */
  fromFramework(value: T): TranscriptMessage[];
  /** The adapter under test, applied to one history. */
  compress(value: T, transcript: PairingTranscript): T | Promise<T>;
  /** What the adapter keeps. @default { keepsEveryMessage: true } */
  expectations?: PairingExpectations;
  /** Seeds of the generated transcripts. @default [1, 2, 3] */
  seeds?: readonly number[];
}

const contentLength = (messages: readonly TranscriptMessage[]): number =>
  messages.reduce((sum, message) => sum + message.content.length, 0);

/**
 * The pairing-safety conformance suite every adapter runs: over seeded
 * transcripts (parallel calls answered out of order, many turns, no system
 * message, ...) it checks that after compression no tool call or result is
 * orphaned, ids and order are kept, no message is empty, the system message
 * comes first and user messages are untouched; that large results did
 * shrink; that a history with nothing large comes back as it was; and that
 * the input was not modified. Converters are checked to round-trip first,
 * so a lossy converter cannot hide a broken adapter.
 *
 * @example
 * describePairingSafety({
 *   name: 'langgraph compressMessages',
 *   toFramework: toBaseMessages,
 *   fromFramework: fromBaseMessages,
 *   compress: (messages) => compressMessages(messages, { ctx }),
 * });
 */
export function describePairingSafety<T>(
  options: DescribePairingSafetyOptions<T>,
): void {
  const {
    name,
    toFramework,
    fromFramework,
    compress,
    expectations = {},
    seeds = [1, 2, 3],
  } = options;
  const keepsEveryMessage = expectations.keepsEveryMessage ?? true;
  const shrinks = expectations.shrinksLargeResults ?? true;

  describe(`pairing safety: ${name}`, () => {
    it('has converters that round-trip every transcript exactly', () => {
      for (const seed of seeds)
        for (const transcript of pairingTranscripts(seed))
          expect(fromFramework(toFramework(transcript.messages))).toEqual(
            transcript.messages,
          );
    });

    for (const seed of seeds) {
      for (const transcript of pairingTranscripts(seed)) {
        it(`keeps calls paired, ids in order, no empty message, system first, users untouched: ${transcript.name} (seed ${seed})`, async () => {
          const input = toFramework(transcript.messages);
          const output = fromFramework(await compress(input, transcript));
          expect(
            pairingViolations(transcript.messages, output, expectations),
          ).toEqual([]);
          // The adapter must copy, never modify the history it was given.
          expect(fromFramework(input)).toEqual(transcript.messages);
          if (transcript.hasLargeResults && shrinks)
            expect(contentLength(output)).toBeLessThan(
              contentLength(transcript.messages),
            );
          else if (!transcript.hasLargeResults && keepsEveryMessage)
            expect(output).toEqual(transcript.messages);
        });
      }
    }
  });
}
