// Build and dev server for Pitchside: the security headers (src/core/security-headers.ts: cross-origin
// isolation so the ONNX runtime can use threads, CSP, no framing), the web app manifest, the offline service
// worker and, in the built page, the Content-Security-Policy as a meta tag.

import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { PACK_ACCEPT, RULE_PACK_EXTENSION, RULE_PACK_MIME, SHARE_TARGET_ACTION, SHARE_TARGET_FILE_FIELD } from './src/core/pack-sharing';
import { DEV_SERVER_HEADERS, META_CONTENT_SECURITY_POLICY, renderHeadersFile, SECURITY_HEADERS } from './src/core/security-headers';

/** The CSP as a meta tag in the built page only: the dev server injects inline styles for hot reload. */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'pitchside-csp',
    apply: 'build',
    transformIndexHtml: () => [
      { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: META_CONTENT_SECURITY_POLICY }, injectTo: 'head-prepend' },
    ],
  };
}

/** Writes `_headers` into the build from the one definition, so static hosts send what preview sends. */
function headersFile(): Plugin {
  return {
    name: 'pitchside-headers-file',
    apply: 'build',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: '_headers', source: renderHeadersFile() });
    },
  };
}

const MIB = 1024 * 1024;

export default defineConfig({
  server: { headers: { ...DEV_SERVER_HEADERS } },
  preview: { headers: { ...SECURITY_HEADERS } },
  worker: { format: 'es' },
  optimizeDeps: { exclude: ['@huggingface/transformers', '@mlc-ai/web-llm'] },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 8000,
  },
  plugins: [
    contentSecurityPolicy(),
    headersFile(),
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
        // Rule packs (docs/rule-packs.md) sent by message or email open in the installed app.
        share_target: {
          action: `./${SHARE_TARGET_ACTION}`,
          method: 'POST',
          enctype: 'multipart/form-data',
          params: { files: [{ name: SHARE_TARGET_FILE_FIELD, accept: PACK_ACCEPT }] },
        },
        file_handlers: [{ action: './', accept: { [RULE_PACK_MIME]: [RULE_PACK_EXTENSION] } }],
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
