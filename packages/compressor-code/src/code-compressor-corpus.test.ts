import {
  type CompressorResult,
  createMarkerSink,
  parseMarkers,
  spanText,
  type Tokenizer,
  tiktokenTokenizer,
} from '@sharedcontext/core';
import {
  describeCorpus,
  listCorpus,
  readCorpus,
} from '@sharedcontext-internal/test-utils';
import { beforeAll, expect, it } from 'vitest';
import type { Node } from 'web-tree-sitter';
import { loadGrammar } from './grammar-loader.ts';
import { codeCompressor } from './index.ts';

const LANGUAGE: Record<string, string> = {
  ts: 'typescript',
  py: 'python',
  rs: 'rust',
};
const WRAPPERS = new Set(['export_statement', 'decorated_definition']);

function signature(content: string, node: Node): string {
  const body = node.childForFieldName('body');
  const end = body
    ? body.startIndex
    : Math.min(
        node.endIndex,
        content.indexOf('\n', node.startIndex) === -1
          ? node.endIndex
          : content.indexOf('\n', node.startIndex),
      );
  return content.slice(node.startIndex, end).trimEnd();
}

function isDoc(node: Node): boolean {
  return (
    /comment/.test(node.type) ||
    (node.type === 'expression_statement' &&
      node.namedChildren[0]?.type === 'string')
  );
}

// Type declarations whose long member lists are outlined: their members
// keep their names (in the marker's summary), not their whole text.
const TYPE_DECLARATIONS = new Set([
  'struct_item',
  'enum_item',
  'interface_declaration',
  'enum_declaration',
]);

/**
 * Every top-level declaration and every member of a class, impl, trait or
 * module: the text from its start to its body (or its first line); for a
 * struct, enum or interface, each member's name.
 */
function declarationSignatures(
  content: string,
  root: Node,
): { topLevel: string[]; members: string[]; memberNames: string[] } {
  const topLevel: string[] = [];
  const members: string[] = [];
  const memberNames: string[] = [];
  for (let node of root.namedChildren) {
    if (isDoc(node)) continue;
    topLevel.push(signature(content, node));
    while (WRAPPERS.has(node.type))
      node =
        node.childForFieldName('declaration') ??
        node.childForFieldName('definition') ??
        node;
    const body = node.childForFieldName('body');
    if (!body || /function/.test(node.type)) continue;
    for (const member of body.namedChildren) {
      if (isDoc(member) || member.type === 'attribute_item') continue;
      if (TYPE_DECLARATIONS.has(node.type)) {
        const name = member.childForFieldName('name')?.text;
        if (name) memberNames.push(name);
      } else {
        members.push(signature(content, member));
      }
    }
  }
  return { topLevel, members, memberNames };
}

let tokenizer: Tokenizer;
beforeAll(async () => {
  tokenizer = tiktokenTokenizer('o200k_base');
  await tokenizer.load();
  await codeCompressor({
    languages: ['typescript', 'python', 'rust'],
  }).prepare?.();
});

function compressFile(
  name: string,
  content: string,
): {
  result: CompressorResult;
  spans: ReturnType<typeof createMarkerSink>['spans'];
} {
  const markers = createMarkerSink('corpus');
  const result = codeCompressor({ fileName: name }).compress({
    content,
    contentType: 'code',
    detection: { contentType: 'code', confidence: 1 },
    tokenizer,
    markers,
    compressPart: (part) => part,
  }) as CompressorResult;
  return { result, spans: markers.spans };
}

describeCorpus('codeCompressor on the code corpus', () => {
  const files = listCorpus('code');

  it('covers the five corpus files', () => {
    expect(files).toEqual([
      'log_compressor.rs',
      'query.ts',
      'queryClient.ts',
      'shared_context.py',
      'storage.ts',
    ]);
  });

  it.each(files)(
    'keeps every declaration signature and member name of %s, and output that parses',
    async (name) => {
      const content = readCorpus(`code/${name}`);
      const language = LANGUAGE[name.split('.').pop()!]!;
      const { result, spans } = compressFile(name, content);
      const { parser } = await loadGrammar(language);
      const tree = parser.parse(content)!;
      const outputTree = parser.parse(result.output)!;
      try {
        const { topLevel, members, memberNames } = declarationSignatures(
          content,
          tree.rootNode,
        );
        expect(topLevel.length).toBeGreaterThan(3);
        for (const text of [...topLevel, ...members])
          expect(result.output).toContain(text);
        for (const name of memberNames)
          expect(result.output).toMatch(new RegExp(`\\b${name}\\b`));
        expect(outputTree.rootNode.hasError).toBe(false);
      } finally {
        tree.delete();
        outputTree.delete();
      }
      expect(parseMarkers(result.output)).toHaveLength(spans.length);
      for (const span of spans)
        expect(content).toContain(spanText(content, span));
    },
  );

  it('saves at least 50 % of o200k tokens over the corpus at the default level', () => {
    let original = 0;
    let compressed = 0;
    for (const name of files) {
      const content = readCorpus(`code/${name}`);
      const before = tokenizer.count(content);
      const after = tokenizer.count(compressFile(name, content).result.output);
      // Per file the floor is lower: queryClient.ts is mostly member
      // signatures (long generic parameter lists), which stay verbatim.
      expect(after / before, name).toBeLessThan(0.7);
      original += before;
      compressed += after;
    }
    expect(1 - compressed / original).toBeGreaterThanOrEqual(0.5);
  });
});
