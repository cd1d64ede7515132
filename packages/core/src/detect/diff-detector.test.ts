import { describe, expect, it } from 'vitest';
import { diffDetector } from './diff-detector.ts';

const CHANGES = ['-old line', '+new line', ' kept line', '+another'];

describe('diffDetector', () => {
  it.each([
    ['git', ['diff --git a/x.ts b/x.ts', '--- a/x.ts', '+++ b/x.ts']],
    ['combined', ['diff --cc x.ts']],
    ['new file', ['--- /dev/null', '+++ b/x.ts']],
    ['hunks only', ['@@ -1,3 +1,4 @@']],
    ['merge hunks', ['@@@ -1,2 -1,2 +1,3 @@@']],
  ])('reads %s headers', (_, headers) => {
    const detection = diffDetector().detect(
      [...headers, ...CHANGES, '@@ -9 +9 @@', ...CHANGES].join('\n'),
    );
    expect(detection?.contentType).toBe('diff');
  });

  it('answers nothing for change-like lines without a header', () => {
    expect(diffDetector().detect(CHANGES.join('\n'))).toBeUndefined();
    expect(
      diffDetector().detect(
        '---\ntitle: a page\n---\n\n- a list item\n+ a plus item',
      ),
    ).toBeUndefined();
  });
});
