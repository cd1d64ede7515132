import {
  Agent,
  type AgentInputItem,
  type HandoffInputData,
  handoff,
  type RunConfig,
  Runner,
  type Tool,
  tool,
} from '@openai/agents';
import {
  assistantMessage,
  functionCall,
  ScriptedModel,
  type ScriptedModelInput,
} from '@openai/agents/testing';
import { z } from 'zod';

/** Options of {@link runHandoff}: a triage agent calls tools, then hands off. */
export interface HandoffScenario {
  /** Tool name → what it returns; triage calls each once, in parallel. */
  toolOutputs: Record<string, string>;
  /** A long assistant message triage writes beside the handoff call. */
  triageMessage?: string;
  /** Handoff-level filter. */
  inputFilter?: (input: HandoffInputData) => HandoffInputData;
  /** Run config (run-wide filters). */
  runConfig?: Partial<RunConfig>;
  specialistInstructions?: string;
  specialistTools?: Tool[];
  /** The specialist model's script. @default one final message 'done' */
  specialistSteps?: ScriptedModelInput[];
  /** The user's turn. */
  input?: string | AgentInputItem[];
  /** Run streamed (and wait for completion). */
  stream?: boolean;
}

export const USER_TURN = 'The nightly ingest failed around 20:40. Find the cause.';
export const SPECIALIST_INSTRUCTIONS =
  'You are the storage specialist. Find DataNode exceptions, failed blocks and open bug reports.';

/** Runs triage → specialist offline on scripted models and returns both models' records. */
export async function runHandoff(scenario: HandoffScenario) {
  const specialistModel = new ScriptedModel(
    scenario.specialistSteps ?? [[assistantMessage('done')]],
  );
  const specialist = new Agent({
    name: 'Specialist',
    instructions: scenario.specialistInstructions ?? SPECIALIST_INSTRUCTIONS,
    model: specialistModel,
    tools: scenario.specialistTools ?? [],
  });
  const toSpecialist = handoff(
    specialist,
    scenario.inputFilter ? { inputFilter: scenario.inputFilter } : {},
  );
  const tools = Object.entries(scenario.toolOutputs).map(([name, output]) =>
    tool({
      name,
      description: `Returns ${name}.`,
      parameters: z.object({}),
      execute: () => output,
    }),
  );
  const triageModel = new ScriptedModel([
    Object.keys(scenario.toolOutputs).map((name) =>
      functionCall(name, {}, { callId: `call_${name}` }),
    ),
    [
      ...(scenario.triageMessage
        ? [assistantMessage(scenario.triageMessage)]
        : []),
      functionCall(toSpecialist.toolName, {}, { callId: 'call_handoff' }),
    ],
  ]);
  const triage = new Agent({
    name: 'Triage',
    instructions: 'Collect evidence, then hand off to the right specialist.',
    model: triageModel,
    tools,
    handoffs: [toSpecialist],
  });
  const runner = new Runner({ tracingDisabled: true, ...scenario.runConfig });
  const input = scenario.input ?? USER_TURN;
  const result = scenario.stream
    ? await runner.run(triage, input, { stream: true })
    : await runner.run(triage, input);
  if ('completed' in result) await result.completed;
  return {
    result,
    triageModel,
    specialistModel,
    /** What the specialist's model got on its n-th call. */
    specialistInput(call = 0): AgentInputItem[] {
      const recorded = specialistModel.calls[call];
      if (!recorded) throw new Error(`the specialist model has no call #${call}`);
      return recorded.request.input as AgentInputItem[];
    },
  };
}

/** The text a function_call_result carries, whatever its output shape. */
export function outputText(item: AgentInputItem): string {
  if (item.type !== 'function_call_result') throw new Error(`not a tool result: ${item.type}`);
  const { output } = item;
  if (typeof output === 'string') return output;
  if (Array.isArray(output)) return output.map((part) => (part.type === 'input_text' ? part.text : '')).join('');
  return output.type === 'text' ? output.text : '';
}

/** Fails unless every function call has exactly one result after it, and every result a call before it. */
export function assertCallsPaired(items: AgentInputItem[]): void {
  const open = new Map<string, number>();
  items.forEach((item, index) => {
    if (item.type === 'function_call') {
      if (open.has(item.callId)) throw new Error(`call ${item.callId} appears twice`);
      open.set(item.callId, index);
    }
    if (item.type === 'function_call_result') {
      if (!open.has(item.callId)) throw new Error(`result ${item.callId} has no call before it`);
      open.delete(item.callId);
    }
  });
  if (open.size > 0) throw new Error(`calls without results: ${[...open.keys()].join(', ')}`);
}

/** Characters of every text the items carry (a token-free size measure for comparisons). */
export function inputChars(items: AgentInputItem[]): number {
  return JSON.stringify(items).length;
}
