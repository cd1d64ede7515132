/**
 * Text extraction for the HTML compressor: a linear tokenizer with a tag
 * stack, tolerant of broken markup.
 */
import type { HtmlCompressorOptions } from './html-compressor.ts';

/** Elements whose content is never text for a reader. */
const RAW_SKIP = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'textarea',
  'xmp',
  'iframe',
  'object',
]);
const SKIP = new Set([
  'svg',
  'canvas',
  'head',
  'select',
  'button',
  'map',
  'audio',
  'video',
  'picture',
]);
const BOILERPLATE = new Set([
  'nav',
  'footer',
  'aside',
  'form',
  'menu',
  'dialog',
]);
const BOILERPLATE_ROLE =
  /^(?:navigation|banner|contentinfo|complementary|search|menu|menubar|dialog)$/i;
const BOILERPLATE_NAME =
  /(?:^|[\s_-])(?:nav|navbar|menu|footer|sidebar|cookie|cookies|consent|banner|advert|ads|ad|sponsor|share|social|breadcrumbs?|skip-link|newsletter|popup|modal)(?:$|[\s_-])/i;
const VOID = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
]);
const BLOCK = new Set([
  'address',
  'article',
  'blockquote',
  'body',
  'dd',
  'details',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'hr',
  'html',
  'li',
  'main',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'thead',
  'tfoot',
  'tr',
  'ul',
  'header',
  'caption',
]);
const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  copy: '©',
  reg: '®',
  trade: '™',
  mdash: '—',
  ndash: '–',
  hellip: '…',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  laquo: '«',
  raquo: '»',
  middot: '·',
  bull: '•',
  times: '×',
  deg: '°',
};
/** List indentation stops growing here. */
const MAX_INDENT = 8;
/** Open elements a closing tag searches for its match. */
const CLOSE_SEARCH = 64;
const TAG_NAME = /^<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)/;
const ATTRIBUTE =
  /([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+)))?/g;

function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(
    /&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z][a-z0-9]{1,31});/gi,
    (whole, name: string) => {
      if (name[0] === '#') {
        const code =
          name[1] === 'x' || name[1] === 'X'
            ? Number.parseInt(name.slice(2), 16)
            : Number(name.slice(1));
        return code > 0 && code <= 0x10ffff
          ? String.fromCodePoint(code)
          : whole;
      }
      // Own entries only: `&constructor;` is text, not Object's constructor.
      const lower = name.toLowerCase();
      return Object.hasOwn(ENTITIES, lower) ? ENTITIES[lower]! : whole;
    },
  );
}

function attributes(tag: string): Map<string, string> {
  const found = new Map<string, string>();
  const name = TAG_NAME.exec(tag);
  const body = tag.slice(name ? name[0].length : 1, -1);
  for (const match of body.matchAll(ATTRIBUTE)) {
    const key = match[1]!.toLowerCase();
    if (!found.has(key))
      found.set(key, decodeEntities(match[2] ?? match[3] ?? match[4] ?? ''));
  }
  return found;
}

/** Index of the `>` closing a tag opened at `start`, quotes respected. */
function tagEnd(html: string, start: number): number {
  let quote = '';
  for (let i = start + 1; i < html.length; i++) {
    const char = html[i];
    if (quote) {
      if (char === quote) quote = '';
    } else if (char === '"' || char === "'") {
      // Quotes only open inside an attribute value (after `=`).
      if (html[i - 1] === '=' || html[i - 2] === '=') quote = char;
    } else if (char === '>') {
      return i;
    } else if (char === '<' && i > start + 1) {
      return i - 1; // an unclosed tag: stop before the next one
    }
  }
  return html.length - 1;
}

interface Open {
  name: string;
  skip: boolean;
  /** For `a`: where its text starts in `out`, and its href. */
  linkStart?: number;
  href?: string;
  /** For `ol`: the next item number. */
  counter?: number;
}

/**
 * A tolerant single-pass HTML → Markdown-ish text extractor (no DOM):
 * the engine of {@link htmlCompressor}. Private to the package.
 */
export function extractText(
  html: string,
  { links = true, dropBoilerplate = true }: HtmlCompressorOptions = {},
): string {
  const out: string[] = [];
  const stack: Open[] = [];
  const closers = new Map<string, RegExp>();
  const lists: Open[] = [];
  let openItems = 0;
  let skipDepth = 0;
  let preDepth = 0;
  let title = '';
  let sawH1 = false;
  let trailing = 2; // newlines at the end of `out` (2 = at a paragraph start)
  let cellCount = 0;

  /** `out.length` right after a list item's marker: a block opening there must not break the item. */
  let itemMarkerEnd = -1;
  const breakLine = (count: 1 | 2): void => {
    if (out.length === 0 || out.length === itemMarkerEnd) return;
    while (trailing < count) {
      out.push('\n');
      trailing++;
    }
  };
  const emit = (raw: string): void => {
    if (skipDepth > 0 || raw.length === 0) return;
    if (preDepth > 0) {
      out.push(decodeEntities(raw));
      trailing = raw.endsWith('\n') ? 1 : 0;
      return;
    }
    let text = decodeEntities(raw).replace(/\s+/g, ' ');
    if (trailing > 0 || out.length === 0) text = text.trimStart();
    if (text.length === 0) return;
    out.push(text);
    trailing = 0;
  };
  const isBoilerplate = (name: string, tag: string): boolean => {
    if (!dropBoilerplate) return false;
    if (BOILERPLATE.has(name)) return true;
    if (!/\s(?:role|class|id|hidden|aria-hidden)\b/i.test(tag)) return false;
    const attrs = attributes(tag);
    if (attrs.has('hidden') || attrs.get('aria-hidden') === 'true') return true;
    if (BOILERPLATE_ROLE.test(attrs.get('role') ?? '')) return true;
    if (
      name === 'main' ||
      name === 'article' ||
      name === 'body' ||
      name === 'html'
    )
      return false;
    return (
      BOILERPLATE_NAME.test(attrs.get('class') ?? '') ||
      BOILERPLATE_NAME.test(attrs.get('id') ?? '')
    );
  };
  /** Inside a list item, blocks break lines, not paragraphs (a tight list). */
  const inListItem = (name: string): boolean =>
    openItems > 0 && BLOCK.has(name);
  const push = (open: Open): void => {
    stack.push(open);
    if (open.skip) return;
    if (open.name === 'ul' || open.name === 'ol') lists.push(open);
    if (open.name === 'li') openItems++;
  };
  const pop = (): Open => {
    const open = stack.pop()!;
    if (!open.skip && lists[lists.length - 1] === open) lists.pop();
    if (!open.skip && open.name === 'li') openItems--;
    return open;
  };
  const close = (name: string): void => {
    // A stray closing tag looks only this far down, so it costs O(1).
    const floor = Math.max(0, stack.length - CLOSE_SEARCH);
    let at = stack.length - 1;
    while (at >= floor && stack[at]!.name !== name) at--;
    if (at < floor) return;
    while (stack.length > at) {
      const open = pop();
      if (open.skip) skipDepth--;
      finish(open);
    }
  };
  const finish = (open: Open): void => {
    const { name } = open;
    if (skipDepth > 0) return;
    if (name === 'pre') {
      preDepth = Math.max(0, preDepth - 1);
      if (trailing === 0) out.push('\n');
      out.push('```');
      trailing = 0;
      breakLine(2);
    } else if (name === 'a' && open.linkStart !== undefined) {
      const text = out.splice(open.linkStart).join('').trim();
      const href = open.href ?? '';
      if (
        text &&
        href &&
        !href.startsWith('#') &&
        !/^javascript:/i.test(href)
      ) {
        out.push(`[${text}](${href})`);
        trailing = 0;
      } else if (text) {
        out.push(text);
        trailing = 0;
      }
    } else if (name === 'code' && preDepth === 0) {
      out.push('`');
      trailing = 0;
    } else if (name === 'td' || name === 'th') {
      out.push(' |');
      trailing = 0;
    } else if (
      name === 'li' ||
      name === 'tr' ||
      name === 'dt' ||
      name === 'dd' ||
      inListItem(name)
    ) {
      breakLine(1);
    } else if (BLOCK.has(name)) {
      breakLine(2);
    }
  };

  let pos = 0;
  while (pos < html.length) {
    const lt = html.indexOf('<', pos);
    if (lt === -1) {
      emit(html.slice(pos));
      break;
    }
    if (lt > pos) emit(html.slice(pos, lt));
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      pos = end === -1 ? html.length : end + 3;
      continue;
    }
    if (html.startsWith('<![CDATA[', lt)) {
      const end = html.indexOf(']]>', lt);
      emit(html.slice(lt + 9, end === -1 ? html.length : end));
      pos = end === -1 ? html.length : end + 3;
      continue;
    }
    const nameMatch = TAG_NAME.exec(html.slice(lt, lt + 64));
    if (!nameMatch) {
      if (html[lt + 1] === '!' || html[lt + 1] === '?') {
        const end = html.indexOf('>', lt);
        pos = end === -1 ? html.length : end + 1;
      } else {
        emit('<');
        pos = lt + 1;
      }
      continue;
    }
    const end = tagEnd(html, lt);
    const tag = html.slice(lt, end + 1);
    pos = end + 1;
    const name = nameMatch[2]!.toLowerCase();
    if (nameMatch[1]) {
      close(name);
      continue;
    }
    const selfClosing = tag.endsWith('/>');
    if (RAW_SKIP.has(name) || name === 'title') {
      let closer = closers.get(name);
      if (!closer) {
        closer = new RegExp(`</${name}\\s*>`, 'gi');
        closers.set(name, closer);
      }
      closer.lastIndex = pos;
      const found = selfClosing ? null : closer.exec(html);
      if (name === 'title' && skipDepth === 0 && !title) {
        title = decodeEntities(html.slice(pos, found ? found.index : pos))
          .replace(/\s+/g, ' ')
          .trim();
      }
      pos = found
        ? found.index + found[0].length
        : selfClosing
          ? pos
          : html.length;
      continue;
    }
    if (name === 'br') {
      if (skipDepth === 0) {
        if (preDepth > 0) out.push('\n');
        else breakLine(1);
      }
      continue;
    }
    if (name === 'hr') {
      breakLine(2);
      continue;
    }
    if (VOID.has(name) || selfClosing) continue;
    const open: Open = { name, skip: false };
    if (skipDepth > 0 || SKIP.has(name) || isBoilerplate(name, tag)) {
      open.skip = true;
      skipDepth++;
      push(open);
      continue;
    }
    // Implied end tags: a new <p>/<li>/<tr>/<td> closes an open one.
    if (
      name === 'p' ||
      name === 'li' ||
      name === 'tr' ||
      name === 'td' ||
      name === 'th' ||
      name === 'dt' ||
      name === 'dd'
    ) {
      const top = stack[stack.length - 1];
      if (
        top &&
        (top.name === name ||
          (name === 'th' && top.name === 'td') ||
          (name === 'td' && top.name === 'th'))
      )
        close(top.name);
    }
    push(open);
    const heading = /^h([1-6])$/.exec(name);
    if (heading) {
      if (heading[1] === '1') sawH1 = true;
      breakLine(2);
      out.push(`${'#'.repeat(Number(heading[1]))} `);
      trailing = 2;
    } else if (name === 'li') {
      breakLine(1);
      const list = lists[lists.length - 1];
      const indent = '  '.repeat(
        Math.min(MAX_INDENT, Math.max(0, lists.length - 1)),
      );
      if (list?.name === 'ol') {
        list.counter = (list.counter ?? 0) + 1;
        out.push(`${indent}${list.counter}. `);
      } else {
        out.push(`${indent}- `);
      }
      itemMarkerEnd = out.length;
      trailing = 1;
    } else if (name === 'tr') {
      breakLine(1);
      out.push('|');
      trailing = 0;
      cellCount = 0;
    } else if (name === 'td' || name === 'th') {
      if (cellCount++ > 0 || trailing === 0) out.push(' ');
      trailing = 1;
    } else if (name === 'pre') {
      breakLine(2);
      out.push('```\n');
      preDepth++;
      trailing = 1;
    } else if (name === 'code' && preDepth === 0) {
      if (trailing === 0 && !/\s$/.test(out[out.length - 1] ?? ''))
        out.push(' ');
      out.push('`');
      trailing = 0;
    } else if (name === 'a') {
      if (links) {
        const href = attributes(tag).get('href');
        if (href !== undefined) open.href = href.trim();
      }
      open.linkStart = out.length;
    } else if (name === 'blockquote') {
      breakLine(2);
      out.push('> ');
      trailing = 2;
    } else if (BLOCK.has(name)) {
      breakLine(name === 'dt' || name === 'dd' || inListItem(name) ? 1 : 2);
    }
  }
  while (stack.length > 0) {
    const open = pop();
    if (open.skip) skipDepth--;
    finish(open);
  }
  let text = out
    .join('')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  if (title && !sawH1) text = `# ${title}\n\n${text}`;
  return text;
}
