// Entry of the LLM worker: web-llm's MLCEngine behind its own worker protocol, driven from the page
// by WebWorkerMLCEngine (src/llm/web-llm-engine.ts). Worker thread.

import { WebWorkerMLCEngineHandler } from '@mlc-ai/web-llm';

const handler = new WebWorkerMLCEngineHandler();
self.onmessage = (event: MessageEvent) => handler.onmessage(event);
