import { describe, expect, it } from 'vitest';
import { modelFolder, tinyModel } from './__fixtures__/tiny-models.ts';
import { loadClassifier, resolveKeepIndex } from './load-classifier.ts';

describe('resolveKeepIndex', () => {
  it('finds the keep label by name, index or convention', () => {
    expect(resolveKeepIndex({ 0: 'keep', 1: 'drop' })).toBe(0);
    expect(resolveKeepIndex({ 0: 'LABEL_0', 1: 'LABEL_1' })).toBe(1);
    expect(resolveKeepIndex({ 0: 'a', 1: 'b' })).toBe(1);
    expect(resolveKeepIndex({ 0: 'a', 1: 'b' }, 'A')).toBe(0);
    expect(resolveKeepIndex({ 0: 'a', 1: 'b' }, 0)).toBe(0);
    expect(resolveKeepIndex(undefined)).toBe(1);
  });

  it('throws InvalidArgumentError naming keepLabel when it is not a label', () => {
    expect(() => resolveKeepIndex({ 0: 'a', 1: 'b' }, 'keep')).toThrowError(
      expect.objectContaining({
        code: 'INVALID_ARGUMENT',
        parameter: 'keepLabel',
      }),
    );
    expect(() => resolveKeepIndex({ 0: 'a', 1: 'b', 2: 'c' })).toThrowError(
      /0=a, 1=b, 2=c/,
    );
  });
});

describe('loadClassifier', () => {
  it('loads once per source and reads the window and special tokens', async () => {
    const folder = await modelFolder();
    try {
      await tinyModel(folder.dir, { flavour: 'modernbert', maxPositions: 128 });
      const source = {
        model: 'tiny-modernbert-keep-drop',
        dtype: 'fp32',
        localModelPath: folder.dir,
        allowRemoteModels: false,
      } as const;
      const first = loadClassifier(source);
      expect(loadClassifier({ ...source })).toBe(first);
      const classifier = await first;
      expect(classifier.window).toBe(128);
      expect(classifier.keepIndex).toBe(1);
      expect(classifier.tokenizer.decode(classifier.prefixIds)).toBe('[CLS]');
      expect(classifier.tokenizer.decode(classifier.suffixIds)).toBe('[SEP]');
    } finally {
      await folder.dispose();
    }
  });

  it('forgets a failed load so a later call can succeed', async () => {
    const folder = await modelFolder();
    try {
      const source = {
        model: 'later',
        dtype: 'fp32',
        localModelPath: folder.dir,
        allowRemoteModels: false,
      } as const;
      await expect(loadClassifier(source)).rejects.toThrow(/not found locally/);
      await tinyModel(folder.dir, { flavour: 'bert', modelId: 'later' });
      await expect(loadClassifier(source)).resolves.toMatchObject({
        keepIndex: 1,
      });
    } finally {
      await folder.dispose();
    }
  });
});
