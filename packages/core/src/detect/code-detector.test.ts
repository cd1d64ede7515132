import { describe, expect, it } from 'vitest';
import { codeDetector } from './code-detector.ts';

const SAMPLES: Record<string, string> = {
  python:
    'import os\nfrom typing import Any\n\nclass Store:\n    def get(self, key: str) -> Any:\n        return self.items[key]\n\n    def put(self, key, value):\n        self.items[key] = value\n',
  typescript:
    "import type { Store } from './store.ts';\n\nexport interface Options {\n  ttl: number;\n}\n\nexport function create(options: Options): Store {\n  const items = new Map<string, string>();\n  return { items };\n}\n",
  javascript:
    "const fs = require('fs');\n\nfunction read(path) {\n  return fs.readFileSync(path, 'utf8');\n}\n\nmodule.exports = { read };\n",
  go: 'package main\n\nimport "fmt"\n\nfunc main() {\n\tname := "world"\n\tif err != nil {\n\t\treturn\n\t}\n\tfmt.Println(name)\n}\n',
  rust: 'use std::collections::HashMap;\n\npub struct Cache {\n    items: HashMap<String, String>,\n}\n\nimpl Cache {\n    pub fn new() -> Self {\n        let mut items = HashMap::new();\n        Self { items }\n    }\n}\n',
  java: 'package com.example;\n\nimport java.util.List;\n\npublic class Service {\n    @Override\n    public String toString() {\n        return "service";\n    }\n}\n',
  csharp:
    'using System;\nusing System.Collections.Generic;\n\nnamespace Example\n{\n    public class Service\n    {\n        public string Name { get; set; }\n        public async Task<int> RunAsync()\n        {\n            Console.WriteLine("run");\n            return 1;\n        }\n    }\n}\n',
  cpp: '#include <iostream>\n#include <vector>\n\nnamespace app {\ntemplate <typename T>\nclass Box {\npublic:\n    T value;\n};\n}\n\nint main() {\n    std::vector<int> v;\n    std::cout << v.size();\n}\n',
  ruby: "require 'json'\n\nclass Store < Base\n  attr_reader :items\n\n  def get(key)\n    items[key]\n  end\n\n  def each\n    items.each do |key, value|\n      puts key\n    end\n  end\nend\n",
  php: '<?php\nnamespace App\\Models;\n\nuse Illuminate\\Support\\Str;\n\nclass User {\n    public function name() {\n        $this->name = Str::upper($this->first);\n        return $this->name;\n    }\n}\n',
  bash: '#!/usr/bin/env bash\nset -euo pipefail\n\nexport NAME=world\n\nif [[ -z "$NAME" ]]; then\n  echo "missing"\nfi\n\nfor f in *.log; do\n  echo "$f"\ndone\n',
};

describe('codeDetector', () => {
  for (const [language, source] of Object.entries(SAMPLES)) {
    it(`guesses ${language}`, () => {
      expect(codeDetector().detect(source)).toMatchObject({
        contentType: 'code',
        language,
      });
    });
  }

  it('does not call prose code', () => {
    const prose =
      'This is a paragraph about caching.\nIt explains how data is stored and refreshed.\nNothing here is source code at all.\n';
    expect(codeDetector().detect(prose)).toBeUndefined();
  });

  it('takes language lines at exactly a 30 % share, and not one line fewer', () => {
    // Typed declarations without a statement ending: only the TypeScript
    // patterns count them, so the share decides (10 lines: 3/10 is 0.3,
    // though 0.3 × 10 is 3.0000000000000004 in floating point).
    const content = (typed: number, prose: number): string =>
      [
        ...Array.from(
          { length: typed },
          (_, i) => `let name${i}: string = "v${i}"`,
        ),
        ...Array.from(
          { length: prose },
          (_, i) => `Paragraph ${i} explains how the cache is refreshed.`,
        ),
      ].join('\n');
    expect(codeDetector().detect(content(3, 7))).toMatchObject({
      contentType: 'code',
      language: 'typescript',
    });
    expect(codeDetector().detect(content(6, 14))).toMatchObject({
      language: 'typescript',
    });
    expect(codeDetector().detect(content(5, 15))).toBeUndefined();
  });

  it("reads Go's `type X struct {` as Go, and TypeScript's `type X,` in an export list as TypeScript", () => {
    const types = Array.from(
      { length: 12 },
      (_, i) =>
        `// Kind${i} is one kind of command.\ntype Kind${i} struct {\n\tName string\n\tSize int\n}\n`,
    ).join('\n');
    const go = `package cobra\n\nimport (\n\t"fmt"\n)\n\ntype Alias flag.Value\n\n${types}\nfunc (c *Kind0) Run() {\n\tfmt.Println(c.Name)\n}\n`;
    expect(codeDetector().detect(go)).toMatchObject({ language: 'go' });
    const reexports = `export {\n  type StoreOptions,\n  createStore,\n} from './store.ts';\nexport {\n  type CacheOptions,\n  createCache,\n} from './cache.ts';\nexport type { Entry } from './entry.ts';\nexport {\n  type Queue,\n  createQueue,\n} from './queue.ts';\n`;
    expect(codeDetector().detect(reexports)).toMatchObject({
      language: 'typescript',
    });
  });

  it('judges the whole file: TypeScript opening with 110 lines of imports is code (issue 14)', () => {
    const imports: string[] = [];
    for (let i = 0; imports.length < 110; i++) {
      imports.push('import {');
      for (let name = 0; name < 8; name++)
        imports.push(`  helper${i}x${name},`);
      imports.push(`} from './module-${i}.ts';`);
    }
    const body = Array.from({ length: 30 }, (_, i) =>
      [
        `export function run${i}(options: Options): Promise<string> {`,
        `  const value = helper${i}x0(options.key);`,
        '  return Promise.resolve(value);',
        '}',
        '',
      ].join('\n'),
    );
    const source = [...imports, '', ...body].join('\n');
    expect(codeDetector().detect(source)).toMatchObject({
      contentType: 'code',
      language: 'typescript',
    });
  });

  it('reads custom patterns of any flags as each pattern alone would', () => {
    const source = 'DEF run(x)\nDEF stop(x)\nDEF go(x)\nab ab\n';
    const wrap = (patterns: RegExp[], exclusive: RegExp[]) =>
      codeDetector({
        languages: [{ language: 'custom', patterns, exclusive }],
      });
    // Case-insensitive patterns stay case-insensitive.
    expect(wrap([/^def\s/i, /^fn\s/i], []).detect(source)).toMatchObject({
      language: 'custom',
    });
    // Mixed flags: the case-sensitive one does not match `DEF`.
    expect(wrap([/^def\s/, /^zzz/i], []).detect(source)).toBeUndefined();
    // A backreference keeps its own group (joined, `\1` would name `(DEF)`).
    expect(
      wrap([/^DEF \w+\(x\)$/], [/^(DEF) zzz/, /^(\w+) \1$/]).detect(source),
    ).toMatchObject({ language: 'custom' });
    // An empty exclusive list needs no exclusive line; an empty pattern list matches nothing.
    expect(wrap([], []).detect(source)).toBeUndefined();
  });
});
