// Entry of the scripted LLM worker: web-llm's worker protocol and handler, with the scripted engine
// in place of MLCEngine, so the page drives it exactly like the real one. Worker thread.

import { WebWorkerMLCEngineHandler } from '@mlc-ai/web-llm';
import { ScriptedEngine, installScriptedEngine } from '../src/llm/scripted-engine';

const listener = installScriptedEngine(new WebWorkerMLCEngineHandler(), new ScriptedEngine());
self.onmessage = (event: MessageEvent) => listener(event);
