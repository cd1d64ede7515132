import type { ContentDetector } from './detection.ts';
import { headLines } from './sample.ts';

/** Error-level evidence; each also counts as a log line. */
const ERROR_PATTERNS: readonly RegExp[] = [
  /\b(ERROR|FATAL|CRITICAL|FAIL|FAILED|PANIC|SEVERE)\b/,
  /\[(error|crit|alert|emerg|fatal)\]/i,
  /\b(WARN|WARNING)\b|\[warn(ing)?\]/i,
  /^(npm ERR!|yarn error|error(\[E\d+\])?:|warning:)/,
  /^Traceback \(most recent call last\)/,
  /^\s*[A-Z][A-Za-z]*(Error|Exception):/,
];

/** Other log and build-output shapes. */
const LOG_PATTERNS: readonly RegExp[] = [
  /\b(INFO|DEBUG|TRACE|NOTICE)\b|\[(info|notice|debug|trace)\]/i,
  /^\[?\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/, // ISO timestamp
  /^\[?[A-Z][a-z]{2} +\d{1,2} \d{2}:\d{2}:\d{2}\b/, // syslog: Dec 10 06:55:46
  /^\[[A-Z][a-z]{2} [A-Z][a-z]{2} +\d{1,2} \d{2}:\d{2}:\d{2} \d{4}\]/, // Apache: [Sun Dec 04 04:47:44 2005]
  /^\d{6} \d{6} /, // HDFS: 081109 203615
  /^\[?\d{2}:\d{2}:\d{2}([.,]\d+)?\]? /, // [12:00:01]
  /^(={3,}|-{3,})/, // separators
  /^(PASSED|FAILED|SKIPPED|ERROR|ok|not ok)\b|\b(PASSED|FAILED|SKIPPED)$/,
  /^\s+at [\w$.<>]+ ?\(/, // JS / Java stack frame
  /\blevel=(info|warn|error|debug)\b/i,
  /^\s*(Compiling|Building|Finished|Running|Downloading|Installing)\b/,
];

// Source lines that mention log words (a logger's own code) are not log lines.
const CODE_LINE =
  /[;{}]\s*$|^\s*(\/\/|\/\*|\*|#\[|r?#?"|(pub|fn|let|use|impl|const|return|if|match)\b)/;

/**
 * Logs and build/test output, from the first 200 lines: a line counts when
 * it matches a level word, a leading timestamp (ISO, syslog, Apache, HDFS,
 * clock), a separator, a test verdict, a stack frame or a toolchain error
 * prefix. The share r of counted lines must reach 0.1;
 * confidence = min(1, 0.3 + 0.5 r + 0.05 min(e, 4)) with e error-level
 * lines (lines that read as source code are not counted),
 * accepted at 0.5 (Headroom's rule, with more timestamp shapes).
 */
export function logDetector(): ContentDetector {
  return {
    name: 'log',
    detect(content) {
      let total = 0;
      let counted = 0;
      let errors = 0;
      for (const line of headLines(content, 200)) {
        if (line.trim() === '') continue;
        total++;
        const sample = line.length > 500 ? line.slice(0, 500) : line;
        if (CODE_LINE.test(sample)) continue;
        if (ERROR_PATTERNS.some((pattern) => pattern.test(sample))) {
          counted++;
          errors++;
        } else if (LOG_PATTERNS.some((pattern) => pattern.test(sample)))
          counted++;
      }
      if (total === 0) return undefined;
      const ratio = counted / total;
      if (ratio < 0.1) return undefined;
      const confidence = Math.min(
        1,
        0.3 + 0.5 * ratio + 0.05 * Math.min(errors, 4),
      );
      return confidence >= 0.5 ? { contentType: 'log', confidence } : undefined;
    },
  };
}
