// Every security header of the app, defined once: vite dev/preview send them, the build writes them into
// `_headers` (Netlify, Cloudflare Pages), the service worker adds them to what it serves and the built page
// carries the CSP as a meta tag. Pure; Node (build) and the service worker thread.

/**
 * No remote scripts; network only to the app itself and the hosts an explicit model download needs
 * (Hugging Face for weights, GitHub raw for web-llm's model libraries); no other site may frame the app.
 */
export const CSP_DIRECTIVES: readonly string[] = [
  "default-src 'self'",
  // blob: because the ONNX runtime imports its glue code from a blob URL inside the rulebook worker, which
  // this policy also covers when it comes as a header.
  "script-src 'self' 'wasm-unsafe-eval' blob:",
  "worker-src 'self' blob:",
  "connect-src 'self' https://huggingface.co https://*.huggingface.co https://*.hf.co https://raw.githubusercontent.com",
  "img-src 'self' data: blob:",
  "style-src 'self'",
  "font-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
];

export const CONTENT_SECURITY_POLICY = CSP_DIRECTIVES.join('; ');

/**
 * The CSP for a `<meta>` tag: browsers ignore `frame-ancestors` there (and say so in the console), so framing
 * is refused by the headers alone.
 */
export const META_CONTENT_SECURITY_POLICY = CSP_DIRECTIVES.filter((d) => !d.startsWith('frame-ancestors')).join('; ');

/** Cross-origin isolation: the ONNX runtime uses threads only on an isolated page. */
export const ISOLATION_HEADERS: Readonly<Record<string, string>> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/** Sent with everything the app serves, wherever it is served from. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  ...ISOLATION_HEADERS,
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  // For browsers without CSP frame-ancestors.
  'X-Frame-Options': 'DENY',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

/**
 * The dev server's headers: all but the CSP, which would block the styles hot reload injects
 * (framing stays refused by X-Frame-Options).
 */
export const DEV_SERVER_HEADERS: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(SECURITY_HEADERS).filter(([name]) => name !== 'Content-Security-Policy'),
);

/** The `_headers` file of static hosts that read one (Netlify, Cloudflare Pages). */
export function renderHeadersFile(): string {
  const lines = [
    '# Response headers for static hosts that read this file (Netlify, Cloudflare Pages).',
    '# Generated at build from src/core/security-headers.ts; the service worker and vite preview send the same.',
    '/*',
    ...Object.entries(SECURITY_HEADERS).map(([name, value]) => `  ${name}: ${value}`),
    '',
    '/service-worker.js',
    '  Cache-Control: no-cache',
    '',
  ];
  return lines.join('\n');
}
