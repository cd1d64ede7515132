import { codeCompressor } from '@sharedcontext/compressor-code';
import { type Compressor, defaultCompressors } from '@sharedcontext/core';

/**
 * The CLI's compressors: AST-aware code compression (a dependency of the
 * CLI), the ML text compressor when `@sharedcontext/compressor-ml` is
 * installed beside it and `--ml-model` names a model, then core's built-ins.
 * `fileName` lets the file's extension name the code language (`.js` is
 * JavaScript even where the TypeScript grammar would parse it too).
 */
export async function cliCompressors({
  mlModel,
  fileName,
}: {
  mlModel?: string;
  fileName?: string;
} = {}): Promise<Compressor[]> {
  const optional: Compressor[] = [
    codeCompressor(fileName === undefined ? {} : { fileName }),
  ];
  if (mlModel) {
    const packageName = '@sharedcontext/compressor-ml';
    const ml = (await import(packageName)) as {
      mlCompressor: (options: { model: string }) => Compressor;
    };
    optional.push(ml.mlCompressor({ model: mlModel }));
  }
  return [...optional, ...defaultCompressors()];
}
