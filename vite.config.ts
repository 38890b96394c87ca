// Build and dev server for Pitchside: cross-origin isolation headers (so the ONNX runtime can use threads),
// the web app manifest, the offline service worker and, in the built page, the Content-Security-Policy.

import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/**
 * No remote scripts; network only to the app itself and the hosts an explicit model download needs
 * (Hugging Face for weights, GitHub raw for web-llm's model libraries). Keep public/_headers in step.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "connect-src 'self' https://huggingface.co https://*.huggingface.co https://*.hf.co https://raw.githubusercontent.com",
  "img-src 'self' data: blob:",
  "style-src 'self'",
  "font-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

/** The CSP as a meta tag in the built page only: the dev server injects inline styles for hot reload. */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'pitchside-csp',
    apply: 'build',
    transformIndexHtml: () => [
      { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY }, injectTo: 'head-prepend' },
    ],
  };
}

const MIB = 1024 * 1024;

export default defineConfig({
  server: { headers: isolationHeaders },
  preview: { headers: isolationHeaders },
  worker: { format: 'es' },
  optimizeDeps: { exclude: ['@huggingface/transformers', '@mlc-ai/web-llm'] },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 8000,
  },
  plugins: [
    contentSecurityPolicy(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'workers',
      filename: 'service-worker.ts',
      registerType: 'prompt',
      injectRegister: false,
      manifest: {
        id: './',
        name: 'Pitchside — touch rules assistant',
        short_name: 'Pitchside',
        description: 'Offline rules assistant for touch rugby referees: ask a question, get the rule and its clause.',
        start_url: './',
        scope: './',
        display: 'standalone',
        orientation: 'portrait',
        theme_color: '#0b5d2a',
        background_color: '#ffffff',
        categories: ['sports', 'reference'],
        icons: [
          { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: 'icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      injectManifest: {
        // The whole app is precached, web-llm's worker chunks included (see README "Offline"), and the
        // ONNX runtime wasm (~27 MB) with it; model weights other than the shipped model never are.
        globPatterns: ['**/*.{html,js,mjs,css,wasm,onnx,json,png,svg,ico,webmanifest}'],
        // The scripted LLM worker only serves demos and tests (`?llm=scripted`); the real one is precached.
        globIgnores: ['**/node_modules/**', '**/llm-scripted.worker-*', 'models/**/*.md'],
        maximumFileSizeToCacheInBytes: 40 * MIB,
        rollupFormat: 'es',
      },
      devOptions: { enabled: false },
    }),
  ],
});
