import type { Node } from 'web-tree-sitter';
import { isCommentNode } from './doc-comments.ts';
import type { LanguageSpec } from './languages.ts';

/**
 * A declaration's member list (enum, struct, interface, object type) or
 * union of types is outlined only from this many members on. Below it the
 * whole declaration costs little more than a marker and its head, and a
 * reader sees every member inline; the lists that dominate a dense file's
 * output (a 40-variant enum, a 60-literal MIME-type union) are far longer.
 */
export const OUTLINE_MIN_MEMBERS = 12;
/**
 * Members kept verbatim before the marker: enough to show the list's shape
 * (how members are typed, documented, valued) without keeping the list.
 */
export const OUTLINE_KEEP_MEMBERS = 3;
/** A shorter run of members than this is not worth a marker. */
const MIN_RUN = 4;

/** A run of members to replace with one marker. */
export interface MemberRun {
  /** `[start, end)` of the replaced text: from the kept text before the run to its last separator. */
  start: number;
  end: number;
  /** The marker's summary: `30 members: A, B, …` or `33 literals`. */
  summary: string;
  /** The run starts on the line of the text before it (`{ A, B, … }`). */
  inline: boolean;
}

/**
 * Whether `node` is a declaration's member list. An object type counts only
 * as a type alias's value: inside a parameter list it is part of a
 * signature, which stays whole.
 */
export function isMemberList(spec: LanguageSpec, node: Node): boolean {
  return (
    spec.memberLists.has(node.type) &&
    (node.type !== 'object_type' ||
      node.parent?.type === 'type_alias_declaration')
  );
}

// Names that can sit in a marker summary inside a comment as they are.
const SAFE_NAME = /^[\p{L}\p{N}_$]+$/u;

/** Comments and attributes belong to the member after them. */
function isAttachment(node: Node): boolean {
  return (
    isCommentNode(node) ||
    node.type === 'attribute_item' ||
    node.type === 'attribute_list' ||
    node.type === 'decorator'
  );
}

/** The names a member declares: `A, B int` declares two; an index signature none. */
function memberNames(member: Node): string[] {
  const named = member
    .childrenForFieldName('name')
    .filter((child): child is Node => child !== null);
  if (named.length > 0) return named.map((child) => child.text);
  if (/identifier$/.test(member.type)) return [member.text];
  // TS `B = 2` in an enum: the name is its first child.
  const first = member.namedChildren[0];
  return member.type === 'enum_assignment' && first ? [first.text] : [];
}

/** End of the last non-blank token before `node` (a kept member, its separator or the opening brace). */
function runStart(node: Node): number {
  let previous = node.previousSibling;
  while (previous && !previous.isNamed && previous.text.trim() === '')
    previous = previous.previousSibling;
  return previous ? previous.endIndex : node.startIndex;
}

function isInline(content: string, start: number, first: Node): boolean {
  return !content.slice(start, first.startIndex).includes('\n');
}

interface Group {
  first: Node;
  member: Node;
  names: string[];
}

/**
 * Runs of members of a long member list, after the first
 * {@link OUTLINE_KEEP_MEMBERS}: each member's comments and attributes go
 * with it, and every name it declares is listed in the summary. A member
 * without a plain name (an index signature, an embedded type) stays.
 */
export function memberListRuns(list: Node, content: string): MemberRun[] {
  const groups: Group[] = [];
  let pending: Node[] = [];
  for (const child of list.namedChildren) {
    if (isAttachment(child)) {
      pending.push(child);
      continue;
    }
    groups.push({
      first: pending[0] ?? child,
      member: child,
      names: memberNames(child),
    });
    pending = [];
  }
  if (groups.length < OUTLINE_MIN_MEMBERS) return [];
  const runs: MemberRun[] = [];
  let run: Group[] = [];
  const flush = (): void => {
    if (run.length >= MIN_RUN) {
      const first = run[0]!.first;
      const last = run[run.length - 1]!.member;
      const start = runStart(first);
      const next = last.nextSibling;
      const end =
        next && (next.type === ',' || next.type === ';')
          ? next.endIndex
          : last.endIndex;
      const names = run.flatMap((group) => group.names);
      runs.push({
        start,
        end,
        summary: `${names.length} members: ${names.join(', ')}`,
        inline: isInline(content, start, first),
      });
    }
    run = [];
  };
  for (const group of groups.slice(OUTLINE_KEEP_MEMBERS)) {
    if (
      group.names.length > 0 &&
      group.names.every((name) => SAFE_NAME.test(name))
    ) {
      run.push(group);
    } else {
      flush();
    }
  }
  flush();
  return runs;
}

function listMembers(list: Node, members: Node[]): Node[] {
  for (const child of list.namedChildren) {
    // A union nests to the left: `(("a" | "b") | "c")`.
    if (child.type === list.type && list.type.includes('union'))
      listMembers(child, members);
    else if (!isCommentNode(child)) members.push(child);
  }
  return members;
}

const LITERAL_TYPE =
  /^(literal_type|string|string_literal|raw_string_literal|interpreted_string_literal|char_literal|character_literal|number|number_literal|integer|integer_literal|float|float_literal|int_literal|decimal_integer_literal|decimal_floating_point_literal|hex_integer_literal|real_literal|boolean|boolean_literal|true|false|null|nil|none|simple_symbol|negative_literal|unary_expression)$/;

/** A literal value: a string without interpolation, a number, a boolean, a symbol. */
function isLiteral(node: Node): boolean {
  const inner =
    node.type === 'literal_element' && node.namedChildCount === 1
      ? node.namedChildren[0]!
      : node;
  if (!LITERAL_TYPE.test(inner.type) || inner.text.includes('\n')) return false;
  // `-1` is a literal; `-x` and `"${x}"` are not.
  return (
    inner.descendantsOfType([
      'identifier',
      'interpolation',
      'template_substitution',
      'escape_sequence',
    ]).length === 0 &&
    (inner.type !== 'unary_expression' || /^-[\d.]/.test(inner.text))
  );
}

/** Python's `__all__` lists exported names as strings: they are names, not values. */
function listsNames(list: Node): boolean {
  const parent = list.parent;
  return (
    parent?.type === 'assignment' &&
    parent.childForFieldName('left')?.text === '__all__'
  );
}

/**
 * Runs of literal values of a long union of types (`"a" | "b" | …`) or a
 * long array or list (`[1e0, 1e1, …]`), after the first
 * {@link OUTLINE_KEEP_MEMBERS} members. Literals are values, not declared
 * names, so the summary only counts them; every other member (a type
 * reference, `(string & {})`, an expression) stays.
 */
export function literalRuns(list: Node): MemberRun[] {
  if (listsNames(list)) return [];
  const members = listMembers(list, []);
  if (members.length < OUTLINE_MIN_MEMBERS) return [];
  const runs: MemberRun[] = [];
  let index = OUTLINE_KEEP_MEMBERS;
  while (index < members.length) {
    if (!isLiteral(members[index]!)) {
      index++;
      continue;
    }
    let last = index;
    while (members[last + 1] && isLiteral(members[last + 1]!)) last++;
    const count = last - index + 1;
    if (count >= MIN_RUN) {
      const start = members[index - 1]!.endIndex;
      runs.push({
        start,
        end: members[last]!.endIndex,
        summary: `${count} literals`,
        inline: true,
      });
    }
    index = last + 1;
  }
  return runs;
}
