import { type Detection, detectContentType } from '../detect/index.ts';
import type { PipelineOptions } from './pipeline-stage.ts';

/** Detection, unless the caller forced a content type. */
export function detectStage(
  content: string,
  {
    contentType,
    detectors,
  }: Pick<PipelineOptions, 'contentType' | 'detectors'>,
): Detection {
  if (contentType === undefined)
    return detectContentType(content, detectors ? { detectors } : {});
  if (contentType === 'json') {
    const detected = detectContentType(content, detectors ? { detectors } : {});
    if (detected.contentType === 'json') return detected;
  }
  return { contentType, confidence: 1 };
}
