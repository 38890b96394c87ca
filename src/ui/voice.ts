// Asking by voice where the browser recognises speech on the device itself (Chrome's `processLocally`).
// Where it cannot, there is no microphone button: audio is never sent to a network speech service.
// Main thread.

import { h } from './dom';
import { UI_TEXT } from './messages';

interface RecognitionResultEvent extends Event {
  results: ArrayLike<ArrayLike<{ transcript: string }> & { isFinal: boolean }>;
}

interface Recognition extends EventTarget {
  lang: string;
  interimResults: boolean;
  processLocally?: boolean;
  start(): void;
  stop(): void;
}

export interface RecognitionConstructor {
  new (): Recognition;
  /** Chrome 139+: whether recognition in these languages can run on the device. */
  available?(options: { langs: string[]; processLocally: boolean }): Promise<string>;
}

function findRecognition(scope: object): RecognitionConstructor | undefined {
  const s = scope as { SpeechRecognition?: RecognitionConstructor; webkitSpeechRecognition?: RecognitionConstructor };
  return s.SpeechRecognition ?? s.webkitSpeechRecognition;
}

/** The recognition constructor, only where on-device recognition in `lang` is ready to use now. */
export async function findOnDeviceRecognition(scope: object = window, lang = 'en'): Promise<RecognitionConstructor | undefined> {
  const Ctor = findRecognition(scope);
  if (!Ctor || typeof Ctor.available !== 'function') return undefined;
  try {
    return (await Ctor.available({ langs: [lang], processLocally: true })) === 'available' ? Ctor : undefined;
  } catch {
    return undefined;
  }
}

/** A microphone button, hidden until on-device recognition is known to be there; fills in the question. */
export function createVoiceButton(onText: (text: string, isFinal: boolean) => void): HTMLButtonElement {
  const button = h('button', { type: 'button', class: 'voice', hidden: true, 'aria-label': UI_TEXT.voice, 'aria-pressed': 'false' }, '🎤');
  const lang = navigator.language || 'en';
  void findOnDeviceRecognition(window, lang).then((Ctor) => {
    if (!Ctor) return;
    let running: Recognition | undefined;
    button.hidden = false;
    button.addEventListener('click', () => {
      if (running) return running.stop();
      const recognition = new Ctor();
      recognition.lang = lang;
      recognition.interimResults = true;
      recognition.processLocally = true;
      recognition.addEventListener('result', (event) => {
        const results = (event as RecognitionResultEvent).results;
        const last = results[results.length - 1];
        onText(Array.from(results, (r) => r[0].transcript).join(' ').trim(), last.isFinal);
      });
      recognition.addEventListener('end', () => {
        running = undefined;
        button.setAttribute('aria-pressed', 'false');
      });
      running = recognition;
      button.setAttribute('aria-pressed', 'true');
      recognition.start();
    });
  });
  return button;
}
