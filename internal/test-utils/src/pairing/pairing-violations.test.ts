import { describe, expect, it } from 'vitest';
import { pairingTranscripts } from './pairing-transcripts.ts';
import { pairingViolations } from './pairing-violations.ts';
import type { TranscriptMessage } from './transcript.ts';

const [, parallel] = pairingTranscripts(7);
const before = parallel!.messages;

function edit(
  change: (messages: TranscriptMessage[]) => void,
): TranscriptMessage[] {
  const copy = structuredClone(before);
  change(copy);
  return copy;
}

describe('pairingViolations', () => {
  it('finds nothing when only tool-result text changed', () => {
    const after = edit((messages) => {
      for (const message of messages)
        if (message.role === 'tool') message.content = '[… compressed …]';
    });
    expect(pairingViolations(before, after)).toEqual([]);
  });

  it('reports an orphan result when its call is dropped', () => {
    const after = edit((messages) => {
      const assistant = messages.find(
        (message) => message.role === 'assistant',
      );
      if (assistant?.role === 'assistant') assistant.toolCalls.pop();
    });
    expect(pairingViolations(before, after).join('\n')).toMatch(
      /has no earlier call/,
    );
  });

  it('reports an orphan call when its result is dropped', () => {
    const after = edit((messages) => {
      messages.splice(
        messages.findIndex((message) => message.role === 'tool'),
        1,
      );
    });
    expect(pairingViolations(before, after).join('\n')).toMatch(
      /has no result/,
    );
    expect(
      pairingViolations(before, after, { keepsEveryMessage: false }).join('\n'),
    ).toMatch(/has no result/);
  });

  it('reports results reordered, an empty message, a moved system prompt and an edited user turn', () => {
    const reordered = edit((messages) => {
      const first = messages.findIndex((message) => message.role === 'tool');
      const [moved] = messages.splice(first, 1);
      messages.splice(first + 1, 0, moved!);
    });
    expect(pairingViolations(before, reordered).join('\n')).toMatch(
      /order changed/,
    );
    const emptied = edit((messages) => {
      const tool = messages.find((message) => message.role === 'tool');
      tool!.content = '  ';
    });
    expect(pairingViolations(before, emptied).join('\n')).toMatch(/empty/);
    const moved = edit((messages) => {
      messages.push(messages.shift()!);
    });
    expect(pairingViolations(before, moved).join('\n')).toMatch(
      /system message is not first/,
    );
    const edited = edit((messages) => {
      const user = messages.find((message) => message.role === 'user');
      user!.content = `${user!.content} (summarised)`;
    });
    expect(pairingViolations(before, edited).join('\n')).toMatch(
      /user message 0 changed/,
    );
  });

  it('reports a user turn that splits a call from its result', () => {
    const after = edit((messages) => {
      const tool = messages.findIndex((message) => message.role === 'tool');
      messages.splice(tool, 0, { role: 'user', content: 'wait' });
    });
    expect(
      pairingViolations(before, after, { keepsEveryMessage: false }).join('\n'),
    ).toMatch(/splits tool calls/);
  });

  it('accepts a folded history that keeps the system first and every user turn verbatim', () => {
    const folded: TranscriptMessage[] = [
      before[0]!,
      {
        role: 'user',
        content: `<conversation history>\n${before
          .slice(1)
          .map((message) => `${message.role}: ${message.content.slice(0, 60)}`)
          .join('\n')}\n</conversation history>`,
      },
    ];
    expect(
      pairingViolations(before, folded, { keepsEveryMessage: false }),
    ).toEqual([]);
    const lost = folded.slice(0, 1);
    expect(
      pairingViolations(before, lost, { keepsEveryMessage: false }).join('\n'),
    ).toMatch(/no longer there verbatim/);
  });
});

describe('pairingTranscripts', () => {
  it('gives different ids per seed and only well-paired transcripts', () => {
    const one = pairingTranscripts(1);
    const two = pairingTranscripts(2);
    expect(JSON.stringify(one)).not.toBe(JSON.stringify(two));
    expect(pairingTranscripts(1)).toEqual(one);
    for (const transcript of [...one, ...two])
      expect(
        pairingViolations(transcript.messages, transcript.messages),
      ).toEqual([]);
  });
});
