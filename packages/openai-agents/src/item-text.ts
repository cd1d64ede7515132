import type { AgentInputItem } from '@openai/agents';

/** The text an item carries: a message's text parts, a tool output's text. */
export function itemText(item: AgentInputItem): string {
  if (item.type === 'function_call_result') return partsText(item.output);
  if (item.type === 'function_call') return `${item.name}(${item.arguments})`;
  if ((item.type === undefined || item.type === 'message') && 'role' in item)
    return partsText(item.content);
  return JSON.stringify(item);
}

function partsText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content))
    return content
      .map((part: { type?: string; text?: string }) => part.text ?? '')
      .join('');
  const part = content as { type?: string; text?: string } | undefined;
  return part?.type === 'text' ? (part.text ?? '') : JSON.stringify(content);
}
