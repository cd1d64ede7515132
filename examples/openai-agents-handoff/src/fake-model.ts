import {
  type Model,
  type ModelProvider,
  type ModelRequest,
  type ModelResponse,
  type StreamEvent,
  type StreamEventResponseCompleted,
  Usage,
} from '@openai/agents';

/** Decides a fake model's output from the request it got (the nth call). */
export type FakeTurn = (
  request: ModelRequest,
  call: number,
) => ModelResponse['output'];

/**
 * A `Model` that plays a script instead of calling an API, and records every
 * request so the demo can show what each agent's model was handed. This is
 * how the SDK's own tests drive `run()` offline.
 */
export class FakeModel implements Model {
  readonly requests: ModelRequest[] = [];
  readonly #turns: FakeTurn[];

  constructor(turns: FakeTurn[]) {
    this.#turns = turns;
  }

  async getResponse(request: ModelRequest): Promise<ModelResponse> {
    const call = this.requests.length;
    this.requests.push(request);
    const turn = this.#turns[Math.min(call, this.#turns.length - 1)];
    if (!turn) throw new Error('FakeModel has no turns');
    return {
      output: turn(request, call),
      usage: new Usage(),
      responseId: `fake-${call}`,
    };
  }

  async *getStreamedResponse(
    request: ModelRequest,
  ): AsyncIterable<StreamEvent> {
    const response = await this.getResponse(request);
    yield {
      type: 'response_done',
      response: {
        id: response.responseId ?? 'fake',
        usage: { requests: 1, inputTokens: 0, outputTokens: 0, totalTokens: 0 },
        // The SDK's output item type is wider than the stream event's.
        output:
          response.output as StreamEventResponseCompleted['response']['output'],
      },
    };
  }
}

/** Resolves model names (`model: 'triage-model'` on an Agent) to fake models. */
export class FakeModelProvider implements ModelProvider {
  readonly #models: Record<string, Model>;

  constructor(models: Record<string, Model>) {
    this.#models = models;
  }

  getModel(modelName?: string): Model {
    const model = modelName === undefined ? undefined : this.#models[modelName];
    if (!model) throw new Error(`FakeModelProvider has no model ${modelName}`);
    return model;
  }
}
