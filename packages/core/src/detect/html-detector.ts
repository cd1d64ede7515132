import type { ContentDetector } from './detection.ts';

const STRUCTURAL =
  /<(div|span|script|style|link|meta|nav|header|footer|aside|article|section|main|table|form|ul|ol|p|a|img)\b/gi;

/**
 * HTML documents, from the first 3,000 characters: a doctype (+0.5), `<html`
 * (+0.3), `<head`/`<body` (+0.1 each) and structural tags (+0.03 each, at
 * most +0.3); accepted at 0.7. A fragment of a few tags is text, as in
 * Headroom.
 */
export function htmlDetector(): ContentDetector {
  return {
    name: 'html',
    detect(content) {
      const head = content.slice(0, 3000);
      if (!head.includes('<')) return undefined;
      const lower = head.toLowerCase();
      const doctype = /<!doctype html/.test(lower);
      const html = /<html[\s>]/.test(lower);
      const structural = head.match(STRUCTURAL)?.length ?? 0;
      if (!doctype && !html && structural < 3) return undefined;
      let confidence = (doctype ? 0.5 : 0) + (html ? 0.3 : 0);
      if (/<head[\s>]/.test(lower)) confidence += 0.1;
      if (/<body[\s>]/.test(lower)) confidence += 0.1;
      confidence = Math.min(1, confidence + Math.min(0.3, 0.03 * structural));
      return confidence >= 0.7
        ? { contentType: 'html', confidence }
        : undefined;
    },
  };
}
